"""Column-to-field matching: the evidence for each column, then one column per field."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from mapper.catalog.find_by import KIND_WORDS, USER_LOOKUP_TYPES, choose_find_by
from mapper.catalog.model import CHILD_RESOURCE_TYPES, Catalog, Field, Module
from mapper.match.guards import kind_contradiction, shared_affix, values_of_another
from mapper.match.kinds import not_a_choice
from mapper.match.model import (
    BELOW_THRESHOLD,
    DOUBTED,
    NOT_A_TARGET,
    SKIPPED,
    TAKEN,
    USER_NAMES,
    Candidate,
    ColumnLike,
    FieldMatch,
    MatchError,
    MatchResult,
    Unmatched,
)
from mapper.match.names import (
    NAME_PLACEHOLDER,
    SYNONYMS,
    column_ref,
    columns_named,
    header_variants,
    normalise,
)

# confidence per kind of evidence; fuzzy scores are capped so they rank below synonyms
EXACT = 1.0
API_NAME_CASE = 0.98
LABEL = 0.96
NORMALISED = 0.93
SYNONYM = 0.9
FUZZY_CAP = 0.89
# a --map field the built-in catalog lacks: probably a custom field, unverified
UNKNOWN_FIELD = 0.5
# the most a match the column's values contradict keeps (it is then left out, and listed)
GUARDED = 0.5
# Zoho's own lookup headers: never second-guessed
_ZOHO_HEADERS = ("lookup header", "lookup id column")
# evidence only the values guard second-guesses: the API name itself
_TRUSTED = ("exact api_name", "api_name", *_ZOHO_HEADERS)

# never fed from a CSV cell: rows of a child resource, or images set through the photo API
NON_COLUMN_TYPES = CHILD_RESOURCE_TYPES | {"profileimage"}
# data type assumed for a --map field missing from the built-in catalog, by column kind
_TYPE_FROM_KIND = {
    "date": "date",
    "datetime": "datetime",
    "email": "email",
    "boolean": "boolean",
    "integer": "integer",
    "decimal": "double",
    "phone": "phone",
    "url": "website",
    "id": "lookup",
}


@dataclass(frozen=True)
class _Proposal:
    index: int
    header: str
    kind: str
    field: Field
    confidence: float
    reason: str
    declared_find_by: str | None = None
    override: bool = False

    @property
    def trusted(self) -> bool:
        return self.override or self.reason.startswith(_TRUSTED)


def is_target(field: Field, allow_id: bool = False) -> bool:
    """Whether a CSV column may feed the field."""
    if field.api_name == "id":
        return allow_id
    if field.api_name.startswith("$") or field.data_type in NON_COLUMN_TYPES:
        return False
    return field.writable


def _why_not_target(field: Field) -> str:
    name = field.api_name
    if name == "id":
        return "id is mapped only for update or upsert"
    if field.data_type in CHILD_RESOURCE_TYPES:
        return f"{name} is a {field.data_type}: its rows need a child resource"
    if field.data_type in NON_COLUMN_TYPES:
        return f"{name} is an image, set through the photo API"
    if name.startswith("$"):
        return f"{name} is a request key, not a field"
    return f"{name} is read-only"


class _FieldIndex:
    """A module's fields with their normalised names, columns' targets first."""

    def __init__(self, module: Module, allow_id: bool, name_field: str | None) -> None:
        fields = list(module.fields)
        if allow_id and module.field("id") is None:
            fields.append(Field("id", "Record Id", "bigint", unique=True))
        self.module = module
        self.allow_id = allow_id
        self.name_field = name_field
        self.fields = sorted(fields, key=lambda f: not is_target(f, allow_id))
        self.norms = {f.api_name: (normalise(f.api_name), normalise(f.label)) for f in fields}

    def field(self, api_name: str) -> Field | None:
        return next((f for f in self.fields if f.api_name == api_name), None)

    def target(self, api_name: str) -> Field | None:
        found = self.field(api_name)
        return found if found is not None and is_target(found, self.allow_id) else None

    def resolve(self, names: tuple[str, ...]) -> Field | None:
        """The first candidate name the module can take; the placeholder is its name field."""
        for name in names:
            api_name = self.name_field if name == NAME_PLACEHOLDER else name
            found = self.target(api_name) if api_name else None
            if found is not None:
                return found
        return None


def _direct(header: str, index: _FieldIndex) -> tuple[Field, float, str] | None:
    """Exact API name, then its case, then label, then normalised spelling."""
    folded, norm = header.casefold(), normalise(header)
    tiers = (
        (EXACT, "exact api_name", lambda f: f.api_name == header),
        (API_NAME_CASE, "api_name", lambda f: f.api_name.casefold() == folded),
        (LABEL, "label", lambda f: f.label.casefold() == folded),
        (NORMALISED, "normalised", lambda f: norm in index.norms[f.api_name]),
    )
    for confidence, reason, test in tiers:
        found = next((f for f in index.fields if test(f)), None)
        if found is not None:
            return found, confidence, reason
    return None


def _dotted(header: str, index: _FieldIndex) -> tuple[Field, float, str] | None:
    """Zoho's `Lookup_Field.find_by` header convention; returns the field and find_by."""
    base, dot, suffix = header.partition(".")
    suffix = suffix.strip()
    if not dot or not suffix or " " in suffix:
        return None
    found = _direct(base.strip(), index)
    if found is None or not found[0].is_lookup or found[1] < API_NAME_CASE:
        return None
    return found[0], found[1], suffix


def _synonym(header: str, index: _FieldIndex) -> Field | None:
    names = SYNONYMS.get(normalise(header))
    return index.resolve(names) if names else None


def _fuzzy(header: str, index: _FieldIndex) -> tuple[Field, float] | None:
    """The most similar API name or label; ties go to module order. Names whose digits
    differ are never close: `Phone 2` is not `Phone`, `Address 1: City` not `Address 1`."""
    norm = normalise(header)
    best: tuple[Field, float] | None = None
    matcher = difflib.SequenceMatcher(b=norm, autojunk=False)
    for field in index.fields:
        for name in index.norms[field.api_name]:
            if name and _digits(name) == _digits(norm):
                best = _better(matcher, name, field, best)
    return best


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def _better(
    matcher: difflib.SequenceMatcher[str], name: str, field: Field, best: tuple[Field, float] | None
) -> tuple[Field, float] | None:
    matcher.set_seq1(name)
    if best is not None and matcher.real_quick_ratio() <= best[1]:
        return best
    score = matcher.ratio()
    return (field, score) if best is None or score > best[1] else best


def _proposal(
    column: ColumnLike, field: Field, confidence: float, reason: str, **extra
) -> _Proposal:
    return _Proposal(column.index, column.header, column.kind, field, confidence, reason, **extra)


def header_reads_as(
    header: str, field: Field, threshold: float = 0.8, *, name_field: str | None = None
) -> bool:
    """Whether the matcher would read ``header`` as ``field``: by name, label, spelling,
    synonym, Zoho's dotted lookup form, a lookup's id column, or a fuzzy score at
    ``threshold`` or above. ``name_field`` is the module's name field, the one that
    `Name`-like headers stand for (`Catalog.name_field`)."""
    return header_confidence(header, field, name_field=name_field) >= min(threshold, SYNONYM)


def header_confidence(header: str, field: Field, *, name_field: str | None = None) -> float:
    """How strongly `match_columns` reads ``header`` as ``field``; 0.0 when not at all.

    Evidence other than similarity scores as the matcher ranks it (above ``FUZZY_CAP``);
    a fuzzy read scores its similarity, capped at ``FUZZY_CAP``."""
    return header_evidence(header, field, name_field=name_field)[0]


def header_evidence(
    header: str, field: Field, *, name_field: str | None = None
) -> tuple[float, str]:
    """`header_confidence` and the kind of evidence behind it ("" when there is none)."""
    index = _FieldIndex(Module("", (field,)), field.api_name == "id", name_field)
    # as an id column, so that `AccountId` counts as evidence whatever the values are
    found = _evidence(_Header(header.strip()), index)
    if isinstance(found, _Proposal):
        return found.confidence, found.reason
    fuzzy = _fuzzy(header.strip(), index)
    if fuzzy is None:
        return 0.0, ""
    return min(fuzzy[1], FUZZY_CAP), f"fuzzy {fuzzy[1]:.2f}"


def alternatives(
    header: str,
    module: Module,
    catalog: Catalog,
    *,
    allow_id: bool = False,
    leave_out: str | None = None,
    limit: int = 2,
) -> tuple[Candidate, ...]:
    """The fields a column could feed that ``header`` reads as most strongly, best first
    (ties in module order), without ``leave_out`` (the field the column went to)."""
    name_field = catalog.name_field(module.api_name)
    scored = []
    for field in module.fields:
        if field.api_name == leave_out or not is_target(field, allow_id):
            continue
        score, reason = header_evidence(header, field, name_field=name_field)
        if score > 0:
            scored.append(Candidate(field.api_name, score, reason))
    return tuple(sorted(scored, key=lambda c: -c.score)[:limit])


@dataclass(frozen=True)
class _Header:
    """A bare header as a column, for reading it without the file."""

    header: str
    index: int = 0
    kind: str = "id"
    examples: tuple[str, ...] = ()


def _id_suffix(column: ColumnLike, index: _FieldIndex) -> _Proposal | Unmatched | None:
    """`AccountId`, `Owner ID`: a key column for a lookup, usable only with Zoho ids."""
    norm = normalise(column.header)
    if len(norm) < 3 or not norm.endswith("id"):
        return None
    direct = _direct(norm[:-2], index)
    field = direct[0] if direct else _synonym(norm[:-2], index)
    if field is None or not field.is_lookup or not is_target(field, index.allow_id):
        return None
    if column.kind != "id":
        reason = f"a key column for {field.api_name}, but its values are not Zoho record ids"
        return Unmatched(
            column.index, column.header, reason, field.api_name, UNKNOWN_FIELD, DOUBTED
        )
    return _proposal(column, field, SYNONYM, "lookup id column", declared_find_by="id")


def _evidence(column: ColumnLike, index: _FieldIndex) -> _Proposal | Unmatched | None:
    """Every kind of evidence but fuzzy, strongest first; then the same for the header
    without an exporter's wrapping (`Deal - Title`, `E-mail 1 - Value`)."""
    found = _header_evidence(column, column.header.strip(), index)
    for variant in header_variants(column.header, index.module.api_name):
        if found is not None:
            break
        found = _header_evidence(column, variant, index)
    return found


def _header_evidence(
    column: ColumnLike, header: str, index: _FieldIndex
) -> _Proposal | Unmatched | None:
    dotted = _dotted(header, index)
    if dotted is not None:
        field, confidence, suffix = dotted
        reason = f"lookup header {field.api_name}.{suffix}"
        return _proposal(column, field, confidence, reason, declared_find_by=suffix)
    direct = _direct(header, index)
    if direct is not None:
        return _proposal(column, *direct)
    field = _synonym(header, index)
    if field is not None:
        return _proposal(column, field, SYNONYM, "synonym")
    return _id_suffix(column, index)


def _auto_match(column: ColumnLike, index: _FieldIndex, threshold: float) -> _Proposal | Unmatched:
    if not normalise(column.header):
        return Unmatched(column.index, column.header, "the header is empty")
    found = _evidence(column, index)
    fuzzy = found is None
    if fuzzy:
        guess = _fuzzy(column.header, index)
        if guess is None:
            return Unmatched(column.index, column.header, "no field name resembles the header")
        field, score = guess
        found = _proposal(column, field, min(score, FUZZY_CAP), f"fuzzy {score:.2f}")
    if isinstance(found, Unmatched):
        return found
    return _accepted(column, found, index, threshold, fuzzy)


def _accepted(
    column: ColumnLike, found: _Proposal, index: _FieldIndex, threshold: float, fuzzy: bool
) -> _Proposal | Unmatched:
    """The proposal, unless it scores too low, targets a field no column feeds, or (a
    fuzzy guess) its values are none of the field's known picklist values.

    A fuzzy score must exceed the threshold: at exactly 0.80, `State` reads as `Stage`."""
    name, confidence = found.field.api_name, found.confidence
    if confidence < threshold or (fuzzy and confidence <= threshold):
        where = "below" if confidence < threshold else "not above"
        reason = f"closest is {name} ({found.reason}), {where} the threshold {threshold:.2f}"
        return Unmatched(column.index, column.header, reason, name, confidence, BELOW_THRESHOLD)
    if not is_target(found.field, index.allow_id):
        reason = f"{found.reason} match, but {_why_not_target(found.field)}"
        return Unmatched(column.index, column.header, reason, name, confidence, NOT_A_TARGET)
    return _guarded(column, found, index, fuzzy)


def _guarded(
    column: ColumnLike, found: _Proposal, index: _FieldIndex, fuzzy: bool
) -> _Proposal | Unmatched:
    """The proposal, unless the column's values or the shape of the likeness contradict
    it: then it is left out, scored at most `GUARDED`, with the doubt as its reason."""
    field = found.field
    if found.override or found.reason.startswith(_ZOHO_HEADERS):
        return found
    guess, doubt = field.api_name, None
    if not found.trusted:
        doubt = kind_contradiction(column, field, strict=fuzzy)
    if doubt is None and fuzzy:
        doubt = shared_affix(normalise(column.header), [n for n in index.norms[guess] if n])
    if doubt is None and fuzzy:
        stranger = not_a_choice(column, field)
        doubt = f"{stranger!r} is not one of its picklist values" if stranger else None
    if doubt is None:
        other = values_of_another(
            column, field, [f for f in index.fields if index.target(f.api_name)]
        )
        if other is not None:
            guess, doubt = other[0].api_name, other[1]
    if doubt is None:
        return found
    reason = f"{found.reason} match for {field.api_name}, but {doubt}"
    confidence = min(found.confidence, GUARDED)
    return Unmatched(column.index, column.header, reason, guess, confidence, DOUBTED)


def _select(
    columns: Sequence[ColumnLike], names: Collection[str], option: str, *, one: bool
) -> dict[int, str]:
    """Column position -> the option's header naming it: exact header first, then an
    index (`HEADER#N`, `@N`), then folded. ``one``: a name must pick a single column."""
    selected: dict[int, str] = {}
    headers = [c.header for c in columns]
    for name in names:
        hits = columns_named(columns, name)
        if not hits:
            listed = ", ".join(repr(h) for h in headers)
            raise MatchError(
                f"{option} names the column {name!r}, which is not in the file",
                hint=f"the headers are: {listed} (one of several alike: HEADER#INDEX or @INDEX)",
            )
        if one and len(hits) > 1:
            refs = " or ".join(
                repr(column_ref(columns[i].header, columns[i].index, headers)) for i in hits
            )
            at = ", ".join(str(columns[i].index) for i in hits)
            raise MatchError(
                f"{option} {name!r}: {len(hits)} columns have that header (indexes {at})",
                hint=f"name one by its 0-based index: {refs}, or @INDEX",
            )
        selected.update(dict.fromkeys(hits, name))
    return selected


def _override(column: ColumnLike, spec: str, index: _FieldIndex) -> _Proposal:
    """A --map "Header=Api_Name[.find_by]" choice, checked against the module."""
    api_name, _, find_by = spec.strip().partition(".")
    field = index.field(api_name)
    if field is not None and not is_target(field, index.allow_id):
        raise MatchError(f"--map {column.header}={spec}: {_why_not_target(field)}")
    if field is not None:
        return _proposal(
            column, field, EXACT, "--map", declared_find_by=find_by or None, override=True
        )
    field = _unknown_field(column, api_name, spec, index.module, bool(find_by))
    reason = "--map, not in the built-in catalog"
    return _proposal(
        column, field, UNKNOWN_FIELD, reason, declared_find_by=find_by or None, override=True
    )


def _unknown_field(
    column: ColumnLike, api_name: str, spec: str, module: Module, lookup: bool
) -> Field:
    """A field the module does not list: fine for built-in data (custom fields), else an error."""
    where = f"--map {column.header}={spec}"
    same_but_case = module.field_casefold(api_name)
    if same_but_case is not None:
        raise MatchError(
            f"{where}: API names are case-sensitive", hint=f"did you mean {same_but_case.api_name}?"
        )
    if module.from_org or not api_name:
        close = difflib.get_close_matches(api_name, [f.api_name for f in module.fields], n=1)
        hint = f"did you mean {close[0]}?" if close else "list them with `mapper fields`"
        raise MatchError(f"{where}: {module.api_name} has no field {api_name!r}", hint=hint)
    data_type = "lookup" if lookup else _TYPE_FROM_KIND.get(column.kind, "text")
    return Field(api_name, api_name, data_type, confidence="low")


def match_columns(
    columns: Sequence[ColumnLike],
    module: Module,
    catalog: Catalog,
    *,
    overrides: Mapping[str, str] | None = None,
    skip: Collection[str] = (),
    threshold: float = 0.8,
    allow_id: bool = False,
) -> MatchResult:
    """Map each column to at most one field of `module`; `allow_id` for update/upsert.

    Raises MatchError when --map or --skip name a header the file lacks, or --map a field
    the module's org metadata lacks or a column cannot feed."""
    if not 0.0 <= threshold <= 1.0:
        raise MatchError(f"the match threshold must be between 0 and 1, not {threshold}")
    overrides = dict(overrides or {})
    index = _FieldIndex(module, allow_id, catalog.name_field(module.api_name))
    skipped = _select(columns, skip, "--skip", one=False)
    mapped = _select(columns, overrides, "--map", one=True)
    both = sorted(skipped.keys() & mapped.keys())
    if both:
        first = columns[both[0]]
        ref = column_ref(first.header, first.index, [c.header for c in columns])
        raise MatchError(f"--map and --skip both name the column {ref!r}")
    proposals: list[_Proposal] = []
    unmatched: list[Unmatched] = []
    for position, column in enumerate(columns):
        if position in skipped:
            unmatched.append(
                Unmatched(column.index, column.header, "skipped (--skip)", cause=SKIPPED)
            )
            continue
        if position in mapped:
            found = _override(column, overrides[mapped[position]], index)
        else:
            found = _auto_match(column, index, threshold)
        (proposals if isinstance(found, _Proposal) else unmatched).append(found)
    _check_override_clashes(proposals, [c.header for c in columns])
    winners, losers = _resolve_conflicts(proposals)
    return _result(winners, [*unmatched, *losers], catalog)


def _check_override_clashes(proposals: list[_Proposal], headers: list[str]) -> None:
    claimed: dict[str, _Proposal] = {}
    for p in proposals:
        if not p.override:
            continue
        first = claimed.setdefault(p.field.api_name, p)
        if first.index != p.index:
            refs = (column_ref(q.header, q.index, headers) for q in (first, p))
            raise MatchError("--map sends both {!r} and {!r} to ".format(*refs) + p.field.api_name)


def _resolve_conflicts(proposals: list[_Proposal]) -> tuple[list[_Proposal], list[Unmatched]]:
    """One column per field: overrides, then higher confidence; ties go by header, then
    position, so the outcome does not depend on the column order."""
    ranked = sorted(proposals, key=lambda p: (not p.override, -p.confidence, p.header, p.index))
    taken: dict[str, _Proposal] = {}
    losers: list[Unmatched] = []
    for p in ranked:
        winner = taken.setdefault(p.field.api_name, p)
        if winner is not p:
            reason = (
                f"{p.reason} match for {p.field.api_name}, already taken by index "
                f"{winner.index} {winner.header!r} ({winner.reason})"
            )
            losers.append(
                Unmatched(p.index, p.header, reason, p.field.api_name, p.confidence, TAKEN)
            )
    return list(taken.values()), losers


def _result(winners: list[_Proposal], unmatched: list[Unmatched], catalog: Catalog) -> MatchResult:
    matches = []
    for p in sorted(winners, key=lambda p: p.index):
        find_by, why = choose_find_by(p.field, p.kind, catalog, p.declared_find_by)
        if find_by is None and p.field.data_type in USER_LOOKUP_TYPES and p.kind != "empty":
            unmatched.append(_user_names(p))
            continue
        matches.append(FieldMatch(p.index, p.header, p.field, p.confidence, p.reason, find_by, why))
    ordered = tuple(sorted(unmatched, key=lambda u: u.index))
    return MatchResult(tuple(matches), ordered)


def _user_names(p: _Proposal) -> Unmatched:
    """A user lookup's column that neither ids nor emails fill: Zoho could find no user."""
    values = KIND_WORDS.get(p.kind, p.kind)
    reason = f"user lookups take ids or emails; the values are {values}"
    return Unmatched(p.index, p.header, reason, p.field.api_name, p.confidence, USER_NAMES)
