"""Field mappings within one resource: columns, duplicates, sources and date formats."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from mapper import dates
from mapper.diagnostics import Diagnostic, Severity
from mapper.jsonvalues import text_at, whole_number
from mapper.pointer import pointer
from mapper.rules import Rule, RuleContext, rule
from mapper.zoho import FORMAT_LISTS

# slips that cannot be what a date column means: Zoho reads every value wrong, or refuses it
_ERROR_SLIPS = frozenset({"minute-as-month", "12h-without-marker"})
_SLIP_HINTS = {
    "minute-as-month": "use 'MM' for the month",
    "week-year": "use 'yyyy' for the calendar year",
    "day-of-year": "use 'dd' for the day of the month",
    "12h-without-marker": "use 'HH' for a 24-hour clock, or add ' a' for AM/PM",
}


def _is_int(value: object) -> bool:
    return whole_number(value) is not None


def _formats(ctx: RuleContext) -> Iterator[tuple[str, str]]:
    """(mapping pointer, pattern) of every mapping whose format is a string."""
    for where, mapping in ctx.all_mappings():
        pattern = text_at(mapping, "format")
        if pattern is not None:
            yield where, pattern


@rule(
    "BW301",
    "negative-index",
    "index and parent_column_index are zero-based column numbers, never negative.",
    zoho_code="COLUMN_INDEX_NOT_FOUND",
)
def negative_index(rule: Rule, ctx: RuleContext) -> Iterable[Diagnostic]:
    """Column 0 is the first CSV column; there is no counting from the end."""
    for where, mapping in ctx.all_mappings():
        for key in ("index", "parent_column_index"):
            value = mapping.get(key)
            if _is_int(value) and value < 0:
                yield rule.diag(
                    f"{where}/{key}",
                    f"{key} {value} is negative",
                    hint="columns are numbered from 0 for the first CSV column",
                )


@rule(
    "BW302",
    "duplicate-field",
    "A field may be mapped only once per resource.",
)
def duplicate_field(rule: Rule, ctx: RuleContext) -> Iterable[Diagnostic]:
    """Two mappings for one field leave it to Zoho which column wins."""
    for i, j, name, first in _repeated(ctx, "api_name", lambda v: isinstance(v, str)):
        yield rule.diag(
            pointer("resource", i, "field_mappings", j, "api_name"),
            f"field {name!r} is mapped twice (first in field_mappings[{first}])",
            hint="keep one mapping per field",
        )


@rule(
    "BW303",
    "duplicate-index",
    "Two mappings read the same CSV column.",
    severity=Severity.WARNING,
)
def duplicate_index(rule: Rule, ctx: RuleContext) -> Iterable[Diagnostic]:
    """Sometimes meant (one column into two fields), often a copy-paste slip."""
    for i, j, index, first in _repeated(ctx, "index", _is_int):
        yield rule.diag(
            pointer("resource", i, "field_mappings", j, "index"),
            f"index {index} is also read by field_mappings[{first}]",
            hint="check the index; each column usually feeds one field",
        )


def _repeated(
    ctx: RuleContext, key: str, usable: Callable[[Any], bool]
) -> Iterator[tuple[int, int, Any, int]]:
    """(resource, mapping, value, first mapping with it) for each repeat of ``key``'s value."""
    for i, resource in ctx.resources():
        first: dict[Any, int] = {}
        for j, mapping in ctx.mappings(resource):
            value = mapping.get(key)
            if not usable(value):
                continue
            if value in first:
                yield i, j, value, first[value]
            first.setdefault(value, j)


@rule(
    "BW304",
    "mapping-without-source",
    "A mapping needs an index (a CSV column) or a default_value.",
    zoho_code="MISSING_REQUIRED_KEY",
)
def mapping_without_source(rule: Rule, ctx: RuleContext) -> Iterable[Diagnostic]:
    """With neither, Zoho has nothing to write into the field."""
    for where, mapping in ctx.all_mappings():
        if "index" not in mapping and "default_value" not in mapping:
            name = text_at(mapping, "api_name")
            label = f"mapping for {name!r}" if name is not None else "mapping"
            yield rule.diag(
                where,
                f"{label} has neither 'index' nor 'default_value'",
                hint='add "index": <column number> or "default_value": {"value": ...}',
            )


@rule(
    "BW305",
    "invalid-date-format",
    "format must be a valid Java date/time pattern.",
    zoho_code="INVALID_FORMAT",
)
def invalid_date_format(rule: Rule, ctx: RuleContext) -> Iterable[Diagnostic]:
    """Zoho parses values with Java's date patterns; an invalid one fails every row."""
    for where, pattern in _formats(ctx):
        try:
            dates.tokenize(pattern)
        except dates.PatternError as error:
            yield rule.diag(
                f"{where}/format",
                f"format {pattern!r} is not a Java date pattern: {error}",
                hint="quote literal text in single quotes, e.g. yyyy-MM-dd'T'HH:mm:ss",
            )


@rule(
    "BW306",
    "date-format-slip",
    "format uses a letter that is valid but almost surely not meant (mm, YYYY, DD, hh); "
    "mm without an hour and hh without AM/PM are errors.",
    severity=Severity.WARNING,
)
def date_format_slip(rule: Rule, ctx: RuleContext) -> Iterable[Diagnostic]:
    """These patterns parse, but read the wrong part of the date: data goes in wrong."""
    for where, pattern in _formats(ctx):
        try:
            slips = dates.pattern_slips(pattern)
        except dates.PatternError:
            continue  # BW305 reports it
        for slip in slips:
            yield rule.diag(
                f"{where}/format",
                f"format {pattern!r}: {slip.message}",
                hint=_SLIP_HINTS.get(slip.code),
                severity=Severity.ERROR if slip.code in _ERROR_SLIPS else None,
            )


@rule(
    "BW309",
    "unlisted-format",
    "format is not among the formats Zoho documents for its field type (an error where "
    "Zoho's list is known complete, otherwise a warning).",
    severity=Severity.WARNING,
    zoho_code="INVALID_FORMAT",
)
def unlisted_format(rule: Rule, ctx: RuleContext) -> Iterable[Diagnostic]:
    """Zoho parses only the formats its allowed-formats document lists; any other pattern,
    however valid in Java, risks failing every row with INVALID_FORMAT."""
    field_kinds = _field_kinds(ctx)
    for where, pattern in _formats(ctx):
        try:
            kind = field_kinds.get(f"{where}/format") or dates.format_kind(pattern)
        except dates.PatternError:
            continue  # BW305 reports it
        listed = FORMAT_LISTS[kind]
        if listed.lists(pattern):
            continue
        if listed.complete:
            message = f"format {pattern!r} is not one of Zoho's allowed {kind} formats"
        else:
            message = (
                f"format {pattern!r} is not among Zoho's documented {kind} formats "
                "(Zoho's list could not be read in full)"
            )
        yield rule.diag(
            f"{where}/format",
            message,
            hint=_listed_hint(kind),
            severity=Severity.ERROR if listed.complete else None,
        )


_KIND_OF_TYPE = {"date": "date", "datetime": "datetime"} | dict.fromkeys(
    ("integer", "bigint", "long", "double", "decimal", "currency", "percent"), "number"
)


def _field_kinds(ctx: RuleContext) -> dict[str, str]:
    """The format list of each mapping whose field the catalog knows, by the pointer of
    its ``format``: a date field's pattern is judged by the date list, whatever it holds."""
    from mapper.rules.targets import fields_of, mapping_pointer, targets

    kinds = {}
    for target in targets(ctx):
        for mapped, field in fields_of(ctx, target):
            kind = _KIND_OF_TYPE.get(field.data_type)
            if kind and mapped.mapping:
                kinds[mapping_pointer(mapped, "format")] = kind
    return kinds


def _listed_hint(kind: str) -> str:
    if kind == "number":
        return "write numbers plain (1234.56) and drop format; `mapper fix` rewrites them"
    default = FORMAT_LISTS[kind].patterns
    example = f"e.g. {default[0]}" if kind == "datetime" else "e.g. MM/dd/yyyy or yyyy-MM-dd"
    return f"use a listed pattern ({example}); `mapper fix` rewrites the CSV's values to one"
