"""The CRM catalog's values: modules, their fields and layouts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from mapper.suggest import closest

# data types whose values a bulk-write mapping reads with a date/time ``format``
DATE_TYPES = frozenset({"date", "datetime"})
LOOKUP_TYPES = frozenset({"lookup", "ownerlookup", "userlookup"})
# fields that hold rows of another module: they need a child resource, never a column
# multi-select lookups keep their links in a linking module of their own
LINKING_TYPES = frozenset({"multiselectlookup", "multiuserlookup"})
CHILD_RESOURCE_TYPES = frozenset({"subform"}) | LINKING_TYPES
# values computed by Zoho: never writable through the API
COMPUTED_TYPES = frozenset({"formula", "autonumber", "rollup_summary"})
# data types whose CSV text a mapping's ``format`` may describe
FORMAT_TYPES = DATE_TYPES | frozenset(
    {"integer", "bigint", "double", "currency", "percent", "decimal", "long"}
)
# system audit fields: Zoho sets them, an import cannot
AUDIT_FIELDS = frozenset(
    {"Created_Time", "Modified_Time", "Created_By", "Modified_By", "Last_Activity_Time"}
)
# fields every module accepts in a mapping though field lists may omit them
UNIVERSAL_FIELDS = frozenset({"id", "Layout"})
# the field holding a record's name, for lookups by name; custom modules use "Name"
NAME_FIELDS = {
    "Leads": "Full_Name",
    "Contacts": "Full_Name",
    "Accounts": "Account_Name",
    "Deals": "Deal_Name",
    "Products": "Product_Name",
    "Vendors": "Vendor_Name",
    "Campaigns": "Campaign_Name",
    "Price_Books": "Price_Book_Name",
    "Cases": "Subject",
    "Solutions": "Solution_Title",
    "Tasks": "Subject",
    "Calls": "Subject",
    "Events": "Event_Title",
    "Quotes": "Subject",
    "Sales_Orders": "Subject",
    "Purchase_Orders": "Subject",
    "Invoices": "Subject",
}


class CatalogError(Exception):
    """Org metadata that cannot be used; the message names the file and the problem."""


def is_writable(api_name: str, data_type: str, locked: bool) -> bool:
    """Whether an import may set the field; ``locked`` is the source's read-only verdict."""
    if data_type in COMPUTED_TYPES or data_type in CHILD_RESOURCE_TYPES:
        return False
    return not locked and api_name not in AUDIT_FIELDS


@dataclass(frozen=True)
class Field:
    api_name: str
    label: str
    data_type: str
    mandatory: bool = False
    unique: bool = False
    writable: bool = True
    length: int | None = None
    # target module(s) of a lookup; several for polymorphic lookups (What_Id)
    lookup_modules: tuple[str, ...] = ()
    pick_list_values: tuple[str, ...] = ()
    # module holding the rows of a subform / multi-select lookup field
    associated_module: str | None = None
    # "high" | "medium" | "low" for built-in data, "org" for an org's own metadata
    confidence: str = "org"
    # may an update set it (operation_type.api_update); ``writable`` is about inserts
    updatable: bool = True
    # system-mandatory only under an org setting (Deals.Pipeline with pipelines enabled)
    conditional_mandatory: bool = False

    @property
    def is_lookup(self) -> bool:
        return self.data_type in LOOKUP_TYPES

    @property
    def is_date(self) -> bool:
        return self.data_type in DATE_TYPES

    @property
    def needs_child_resource(self) -> bool:
        return self.data_type in CHILD_RESOURCE_TYPES

    @property
    def accepts_format(self) -> bool:
        return self.data_type in FORMAT_TYPES

    def settable_by(self, operation: str | None) -> bool:
        """May a job of this operation (insert, update, upsert) write the field?"""
        if operation == "update":
            return self.updatable
        if operation == "upsert":
            return self.writable and self.updatable
        return self.writable


@dataclass(frozen=True)
class Layout:
    id: str
    name: str
    api_name: str | None = None
    required_fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class Module:
    api_name: str
    fields: tuple[Field, ...]
    # "builtin" when from the shipped standard catalog, "org" when from org metadata
    source: str = "builtin"
    layouts: tuple[Layout, ...] = ()
    # set for subform / line-item modules: the module whose records own the rows
    parent_module: str | None = None
    # False for standard modules outside Bulk Write's documented scope (Calls, Events)
    bulk_write: bool = True
    # lookups built from ``fields``: not init arguments, so `dataclasses.replace` rebuilds
    # them instead of sharing (and updating) the original module's
    _by_name: dict[str, Field] = field(init=False, repr=False, compare=False)
    _by_label: dict[str, Field] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_name", {f.api_name.casefold(): f for f in self.fields})
        object.__setattr__(self, "_by_label", {f.label.casefold(): f for f in self.fields})

    @property
    def from_org(self) -> bool:
        return self.source == "org"

    def field(self, api_name: str) -> Field | None:
        """By exact API name: Zoho API names are case-sensitive."""
        for f in self.fields:
            if f.api_name == api_name:
                return f
        return None

    def field_casefold(self, name: str) -> Field | None:
        return self._by_name.get(name.casefold())

    def field_by_label(self, label: str) -> Field | None:
        return self._by_label.get(label.casefold())

    def mandatory_fields(self) -> list[Field]:
        return [f for f in self.fields if f.mandatory]

    def layout(self, name_or_id: str) -> Layout | None:
        for layout in self.layouts:
            if name_or_id in (layout.id, layout.name, layout.api_name):
                return layout
        return None

    def field_names(self) -> list[str]:
        return [f.api_name for f in self.fields]

    def suggest_field(self, name: str) -> str | None:
        return closest(name, self.field_names())


def child_links(
    fields_by_module: Iterable[tuple[str, Iterable[Field]]],
) -> dict[str, tuple[str, str]]:
    """Child module -> (the module, the field) whose subform / multi-select lookup holds it.

    The first module naming a child wins.
    """
    children: dict[str, tuple[str, str]] = {}
    for module, fields in fields_by_module:
        for f in fields:
            if f.needs_child_resource and f.associated_module:
                children.setdefault(f.associated_module, (module, f.api_name))
    return children


@dataclass(frozen=True)
class Catalog:
    modules: dict[str, Module]

    def module(self, api_name: str) -> Module | None:
        return self.modules.get(api_name)

    def module_casefold(self, name: str) -> Module | None:
        folded = name.casefold()
        return next((m for m in self.modules.values() if m.api_name.casefold() == folded), None)

    def names(self) -> list[str]:
        return sorted(self.modules)

    @property
    def has_org_metadata(self) -> bool:
        return any(m.from_org for m in self.modules.values())

    @cached_property
    def child_modules(self) -> dict[str, tuple[str, str]]:
        """Modules holding rows of a subform / multi-select lookup: name -> (parent, field)."""
        return child_links((m.api_name, m.fields) for m in self.modules.values())

    @cached_property
    def linking_modules(self) -> frozenset[str]:
        """Modules holding a multi-select lookup's links (e.g. LeadsXProducts)."""
        return frozenset(
            f.associated_module
            for m in self.modules.values()
            for f in m.fields
            if f.data_type in LINKING_TYPES and f.associated_module
        )

    def is_known_module(self, name: str) -> bool:
        return name in self.modules or name in self.child_modules

    def suggest_module(self, name: str) -> str | None:
        return closest(name, sorted({*self.modules, *self.child_modules}))

    def name_field(self, module: str) -> str | None:
        """The field a lookup into ``module`` resolves names by (Accounts -> Account_Name)."""
        if module in NAME_FIELDS:
            return NAME_FIELDS[module]
        known = self.modules.get(module)
        if known is not None and known.field("Name") is not None:
            return "Name"
        return None
