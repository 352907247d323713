"""One field object of Zoho's Fields Metadata (or Layouts section) response -> a `Field`."""

from __future__ import annotations

from mapper.catalog.model import CatalogError, Field, is_writable


def org_field(raw: object, where: str) -> Field:
    if not isinstance(raw, dict):
        raise CatalogError(f"{where}: expected a field object")
    api_name, data_type = raw.get("api_name"), raw.get("data_type")
    if not isinstance(api_name, str) or not api_name:
        raise CatalogError(f"{where}: field without an api_name")
    if not isinstance(data_type, str) or not data_type:
        raise CatalogError(f"{where}: field {api_name} without a data_type")
    create, update = api_permissions(raw, api_name, data_type)
    return Field(
        api_name=api_name,
        label=text(raw.get("field_label")) or text(raw.get("display_label")) or api_name,
        data_type=data_type,
        mandatory=raw.get("system_mandatory") is True,
        unique=is_unique(raw.get("unique")),
        writable=is_writable(api_name, data_type, not create),
        updatable=is_writable(api_name, data_type, not update),
        length=raw.get("length") if type(raw.get("length")) is int else None,
        lookup_modules=lookup_targets(raw.get("lookup")),
        pick_list_values=picklist(raw.get("pick_list_values")),
        associated_module=associated_module(raw),
    )


def parent_id_field(parent: str) -> Field:
    return Field("Parent_Id", "Parent Id", "lookup", lookup_modules=(parent,))


def api_permissions(raw: dict, api_name: str, data_type: str) -> tuple[bool, bool]:
    """(may an API insert set it, may an API update set it).

    ``operation_type`` is the precise signal. Without it, ``field_read_only`` decides, except
    for the record owner: Zoho's own sample marks Owner field_read_only yet inserts set it.
    """
    operation = raw.get("operation_type")
    if isinstance(operation, dict) and "api_create" in operation:
        create = operation.get("api_create") is not False
        return create, operation.get("api_update", create) is not False
    if data_type == "ownerlookup" and api_name == "Owner":
        return True, True
    allowed = raw.get("field_read_only") is not True
    return allowed, allowed


def text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def is_unique(value: object) -> bool:
    # Zoho sends {} for "not unique" and {"case_sensitive": false} for unique fields
    return value is True or (isinstance(value, dict) and bool(value))


def api_name_of(value: object) -> str | None:
    """A module reference: ``{"api_name": ...}`` (v2.1+) or a plain name (v2)."""
    if isinstance(value, dict):
        value = value.get("api_name") or value.get("module")
    return value if isinstance(value, str) and value else None


def lookup_targets(lookup: object) -> tuple[str, ...]:
    target = api_name_of(lookup.get("module")) if isinstance(lookup, dict) else None
    return (target,) if target else ()


def associated_module(raw: dict) -> str | None:
    """Module holding the rows: a subform's own module or a multi-select lookup's linking one."""
    for key in ("multiselectlookup", "multiuserlookup"):
        info = raw.get(key)
        if isinstance(info, dict) and api_name_of(info.get("linking_module")):
            return api_name_of(info.get("linking_module"))
    return api_name_of(raw.get("associated_module"))


def picklist(values: object) -> tuple[str, ...]:
    if not isinstance(values, list):
        return ()
    return tuple(
        v["actual_value"] for v in values if isinstance(v, dict) and text(v.get("actual_value"))
    )
