"""The CRM catalog's values: modules, their fields and layouts."""

from __future__ import annotations

from dataclasses import dataclass, field

# data types whose values a bulk-write mapping reads with a date/time ``format``
DATE_TYPES = frozenset({"date", "datetime"})
LOOKUP_TYPES = frozenset({"lookup", "ownerlookup", "userlookup"})
# fields that hold rows of another module: they need a child resource, never a column
CHILD_RESOURCE_TYPES = frozenset({"subform", "multiselectlookup", "multiuserlookup"})


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

    @property
    def is_lookup(self) -> bool:
        return self.data_type in LOOKUP_TYPES

    @property
    def is_date(self) -> bool:
        return self.data_type in DATE_TYPES


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
    _by_name: dict[str, Field] = field(default_factory=dict, repr=False, compare=False)
    _by_label: dict[str, Field] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_name.update({f.api_name.casefold(): f for f in self.fields})
        self._by_label.update({f.label.casefold(): f for f in self.fields})

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

    def unique_fields(self) -> list[Field]:
        return [f for f in self.fields if f.unique]

    def layout(self, name_or_id: str) -> Layout | None:
        for layout in self.layouts:
            if name_or_id in (layout.id, layout.name, layout.api_name):
                return layout
        return None


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
