"""Hand-built modules and columns for the matching tests (the built-in catalog is optional)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from mapper.catalog.model import Catalog, Field, Module


@dataclass(frozen=True)
class Col:
    """Fits mapper.match.ColumnLike without importing the profiler."""

    index: int
    header: str
    kind: str = "text"
    examples: tuple[str, ...] = ()


def cols(*specs: str | tuple[str, str]) -> list[Col]:
    """Columns in file order; a spec is a header or (header, kind)."""
    return [Col(i, s) if isinstance(s, str) else Col(i, s[0], s[1]) for i, s in enumerate(specs)]


def text(api_name: str, label: str, **extra: object) -> Field:
    return Field(api_name, label, "text", **extra)


OWNER = Field("Owner", "Owner", "ownerlookup")
RECORD_ID = Field("id", "Record Id", "bigint", unique=True, writable=False)
COMMON = (
    OWNER,
    Field("Email", "Email", "email", unique=True),
    Field("Phone", "Phone", "phone"),
    Field("Mobile", "Mobile", "phone"),
    Field("Description", "Description", "textarea"),
    Field("Created_Time", "Created Time", "datetime", writable=False),
    RECORD_ID,
)

LEADS = Module(
    "Leads",
    (
        text("Company", "Company"),
        text("First_Name", "First Name"),
        text("Last_Name", "Last Name", mandatory=True),
        text("Designation", "Title"),
        text("Full_Name", "Full Name", writable=False),
        text("Street", "Street"),
        text("Zip_Code", "Zip Code"),
        Field("Lead_Status", "Lead Status", "picklist"),
        *COMMON,
    ),
)
CONTACTS = Module(
    "Contacts",
    (
        text("First_Name", "First Name"),
        text("Last_Name", "Last Name", mandatory=True),
        text("Full_Name", "Full Name", writable=False),
        Field("Account_Name", "Account Name", "lookup", lookup_modules=("Accounts",)),
        Field("Reporting_To", "Reporting To", "lookup", lookup_modules=("Contacts",)),
        text("Title", "Title"),
        text("Mailing_Street", "Mailing Street"),
        text("Mailing_Zip", "Mailing Zip"),
        Field("Date_of_Birth", "Date of Birth", "date"),
        *COMMON,
    ),
)
ACCOUNTS = Module(
    "Accounts",
    (
        text("Account_Name", "Account Name", mandatory=True),
        text("Billing_Street", "Billing Street"),
        text("Billing_Code", "Billing Code"),
        text("Shipping_Code", "Shipping Code"),
        Field("Parent_Account", "Parent Account", "lookup", lookup_modules=("Accounts",)),
        *COMMON,
    ),
)
DEALS = Module(
    "Deals",
    (
        text("Deal_Name", "Deal Name", mandatory=True),
        Field("Stage", "Stage", "picklist", mandatory=True),
        Field("Closing_Date", "Closing Date", "date"),
        Field("Amount", "Amount", "currency"),
        Field("Account_Name", "Account Name", "lookup", lookup_modules=("Accounts",)),
        Field("Contact_Name", "Contact Name", "lookup", lookup_modules=("Contacts",)),
        Field("Pricing", "Pricing", "subform", associated_module="Deal_Pricing"),
        Field("Record_Image", "Deal Image", "profileimage"),
        Field("Reviewer", "Reviewer", "userlookup"),
        *COMMON,
    ),
)
CASES = Module(
    "Cases",
    (
        text("Subject", "Subject", mandatory=True),
        Field("Case_Number", "Case Number", "autonumber", unique=True, writable=False),
        Field("Account_Name", "Account Name", "lookup", lookup_modules=("Accounts",)),
        *COMMON,
    ),
)
TASKS = Module(
    "Tasks",
    (
        text("Subject", "Subject", mandatory=True),
        Field("What_Id", "Related To", "lookup", lookup_modules=("Accounts", "Deals")),
        Field("Who_Id", "Contact Name", "lookup", lookup_modules=("Contacts", "Leads")),
        *COMMON,
    ),
)
CATALOG = Catalog({m.api_name: m for m in (LEADS, CONTACTS, ACCOUNTS, DEALS, CASES, TASKS)})


def org(module: Module) -> Module:
    """The same module as if read from an org's own metadata."""
    return Module(module.api_name, module.fields, source="org")


def real_catalog() -> Catalog:
    """Zoho's standard modules as shipped; skips until the catalog loader exists."""
    catalog_package = pytest.importorskip("mapper.catalog")
    load = getattr(catalog_package, "load_catalog", None)
    if load is None:
        pytest.skip("mapper.catalog.load_catalog is not there yet")
    return load()
