"""Header vocabulary: normalised spelling, the synonyms real CRM exports use, and which
column an option's header names."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mapper.match.model import ColumnLike

NAME_PLACEHOLDER = "<name>"

# phrases from real exports -> candidate API names; the first the module can take wins.
# NAME_PLACEHOLDER stands for the module's own name field (Accounts -> Account_Name).
_SYNONYM_PHRASES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("Last_Name",), "surname|family name|last name|lname|last"),
    (("First_Name",), "given name|forename|first name|fname|first|christian name"),
    (("Salutation",), "prefix|name prefix|honorific"),
    (("Email",), "email address|mail|email 1|primary email|work email|business email"),
    (("Secondary_Email",), "email 2|other email|alternate email|e-mail 2 address"),
    (("Phone",), "telephone|tel|phone number|work phone|business phone|office phone|phone 1"),
    (("Phone",), "main phone|primary phone|contact number"),
    (("Mobile",), "mobile phone|mobile number|mobile phone number|cell|cell phone|mobile no"),
    (("Home_Phone",), "home telephone|private phone"),
    (("Fax",), "fax number|business fax|fax no"),
    (("Website",), "web|homepage|home page|web site|website url|url|web page|web page 1"),
    (("Description",), "notes|note|comments|comment|remarks|details|about"),
    (("Owner",), "owner|lead owner|contact owner|account owner|deal owner|company owner"),
    (("Owner",), "record owner|assigned to|assignee|sales rep|salesperson|sales agent"),
    (("Account_Name", "Company"), "company|company name|account|account name|business name"),
    (("Account_Name", "Company"), "organization|organisation|organization name"),
    (("Designation", "Title"), "job title|position|job position|role|job|occupation|title"),
    (("Department",), "dept|division"),
    (("Date_of_Birth",), "dob|birthday|birth date|birthdate"),
    (("Lead_Source",), "source|lead source|origin|channel"),
    (("Lead_Status", "Status"), "status|lead status"),
    (("Industry",), "sector|vertical"),
    (("No_of_Employees", "Employees"), "employees|number of employees|employee count"),
    (("No_of_Employees", "Employees"), "headcount|company size|num employees|numemp"),
    (("Annual_Revenue",), "revenue|annual revenue|turnover|yearly revenue"),
    (("Deal_Name",), "opportunity|opportunity name|potential name|deal|deal title|topic"),
    (("Closing_Date",), "close date|closed date|expected close date|est close date|close"),
    (("Amount",), "value|deal value|deal amount|opportunity amount|close value"),
    (("Amount",), "estimated value|est revenue"),
    (("Stage",), "deal stage|sales stage|pipeline stage|stage name|opportunity stage"),
    (("Contact_Name", "Who_Id"), "contact|contact name|contact person|primary contact"),
    (("Campaign_Source", "Campaign_Name"), "campaign|campaign name|source campaign"),
    (("Vendor_Name",), "vendor|supplier"),
    (("Product_Code",), "sku|item code|part number"),
    (("Unit_Price",), "price|list price"),
    (("Email_Opt_Out",), "opt out|unsubscribed|do not email|has opted out of email"),
    (("Skype_ID",), "skype|skype name"),
    (("Twitter",), "twitter handle|twitter username"),
    (("Tag",), "tags|labels|label"),
    (("Probability",), "win probability|likelihood"),
    (("Due_Date",), "due|deadline"),
    ((NAME_PLACEHOLDER,), "name|record name|display name"),
)
_ADDRESS_PHRASES = {
    "Street": "street|address|street address|address 1|address line 1|street 1",
    "City": "city|town|locality",
    "State": "state|province|region|state/province|state/region",
    "Zip": "zip|zip code|postcode|post code|postal code|zip/postal code",
    "Country": "country|country/region|nation",
}
# an unqualified address word goes to the module's primary address block
_ADDRESS_PREFIXES = {
    "": ("", "Mailing_", "Billing_"),
    "mailing": ("Mailing_",),
    "billing": ("Billing_",),
    "shipping": ("Shipping_",),
    "other": ("Other_",),
}


def normalise(text: str) -> str:
    """Case, accents, spaces, punctuation and underscores folded away: `E-mail` -> `email`."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(c for c in plain.casefold() if c.isalnum())


def _address_field(prefix: str, part: str) -> str:
    if part != "Zip":
        return prefix + part
    return {"": "Zip_Code", "Mailing_": "Mailing_Zip", "Other_": "Other_Zip"}.get(
        prefix, prefix + "Code"
    )


def _build_synonyms() -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for names, phrases in _SYNONYM_PHRASES:
        for phrase in phrases.split("|"):
            table.setdefault(normalise(phrase), names)
    for part, phrases in _ADDRESS_PHRASES.items():
        for word, prefixes in _ADDRESS_PREFIXES.items():
            for phrase in phrases.split("|"):
                names = tuple(_address_field(p, part) for p in prefixes)
                table.setdefault(normalise(f"{word} {phrase}"), names)
    return table


SYNONYMS = _build_synonyms()


def names_column(name: str, header: str) -> bool:
    """Whether an option's ``name`` (--map, --skip, --layout-column...) names the column
    ``header``: exactly, else ignoring case and outer spaces."""
    return name == header or name.strip().casefold() == header.strip().casefold()


def columns_named(columns: Sequence[ColumnLike], name: str) -> list[int]:
    """Positions in ``columns`` of those an option's ``name`` names: the exact headers
    when there are any (a file may have both `Email` and `email`), else the folded ones."""
    exact = [i for i, column in enumerate(columns) if column.header == name]
    return exact or [i for i, column in enumerate(columns) if names_column(name, column.header)]
