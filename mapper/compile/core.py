"""``compile_spec``: profile each CSV, plan its resource, build the body, then check it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mapper.compile import codes
from mapper.compile.body import JobPlan, MappingPlan, ResourcePlan, build_body
from mapper.compile.options import CompileError, CompileOptions
from mapper.compile.output import render_json
from mapper.compile.plan import (
    ExplainRow,
    ResourceDraft,
    Source,
    UnmappedColumn,
    child_link,
    constant_mappings,
    draft_resource,
    mandatory_missing,
    special_columns,
)
from mapper.csvfile.encoding import charset_name
from mapper.diagnostics import Diagnostic, Severity, has_errors
from mapper.frames import is_dataframe
from mapper.zoho import OPERATIONS

# the path of findings in the compiled spec, before it has a file name
SPEC_PATH = "<spec>"

# stands in for the file_id left out until the upload, so that the body can be checked
UNUPLOADED_FILE_ID = "0"

if TYPE_CHECKING:
    from pandas import DataFrame

    from mapper.catalog import Catalog, Module
    from mapper.profile import Profile


@dataclass(frozen=True)
class Compilation:
    """The body (None when the compile stopped), why each column went where, and findings.

    ``files`` lists ``(name in the upload zip, CSV path)``, parent first, and ``profiles``
    each CSV's profile in the same order.
    """

    body: dict | None
    explain: tuple[ExplainRow, ...]
    unmapped: tuple[UnmappedColumn, ...]
    missing_mandatory: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...]
    files: tuple[tuple[str, Path], ...]
    profiles: tuple[Profile, ...] = ()

    @property
    def ok(self) -> bool:
        return self.body is not None and not has_errors(self.diagnostics)

    @property
    def needs_split(self) -> bool:
        """The body is right, but its CSV holds more rows than Zoho reads from one file
        (BW704) or zips larger than Zoho takes (BW705), errors as in ``mapper check``: it
        is for the parts ``mapper split`` makes, not for this CSV as it is."""
        return self.body is not None and not has_errors(but_split_limits(self.diagnostics))

    def with_file_id(self, file_id: str) -> dict:
        """The body with every resource's ``file_id`` set: the upload's details.file_id."""
        if self.body is None:
            raise CompileError("the compile stopped with errors: there is no body")
        return with_file_id(self.body, file_id)


def with_file_id(body: dict, file_id: str) -> dict:
    """A copy of ``body`` whose resources all read the upload ``file_id`` (keys in order)."""
    resources = []
    for resource in body["resource"]:
        entry = {}
        for key, value in resource.items():
            entry[key] = value
            if key == "module":
                entry["file_id"] = file_id
        resources.append(entry)
    return {**body, "resource": resources}


def compile_spec(
    csv_path: str | Path | DataFrame, options: CompileOptions, catalog: Catalog
) -> Compilation:
    """Compile ``csv_path`` (and ``options.children``) into a checked bulk-write body.

    ``csv_path`` may be a pandas DataFrame (profiled by its dtypes, `mapper.frames`); write
    the CSV this body reads with `mapper.frames.write_upload_csv`.
    """
    validate_options(options)
    if is_dataframe(csv_path):
        if options.children:
            raise CompileError(
                "a parent-child job is compiled from CSV files",
                "write each DataFrame with write_upload_csv, then compile those files",
            )
        parent = frame_source(csv_path, options.module, catalog)
    else:
        parent = read_source(Path(csv_path), options.module, catalog)
    children = [read_source(Path(c.csv_path), c.module, catalog) for c in options.children]
    check_headers_exist(options, [parent, *children])
    drafts = [_parent_draft(parent, options, catalog)]
    for spec, child in zip(options.children, children, strict=True):
        link = child_link(child, parent, spec.link_header, spec.parent_key_header)
        drafts.append(draft_resource(child, options, catalog, [link]))
    return _assemble(drafts, options, catalog)


def draft_parent(csv_path: Path, options: CompileOptions, catalog: Catalog) -> ResourceDraft:
    """The parent CSV's columns matched and planned as `compile_spec` plans them, before
    any body is built or checked (for `mapper fix`, which rewrites what they map)."""
    parent = read_source(Path(csv_path), options.module, catalog)
    check_headers_exist(options, [parent])
    return _parent_draft(parent, options, catalog)


def validate_options(options: CompileOptions) -> None:
    if options.operation not in OPERATIONS:
        raise CompileError(
            f"unknown operation '{options.operation}'", "use " + "|".join(OPERATIONS)
        )
    if options.file_id is not None and not options.file_id.strip():
        raise CompileError("--file-id is empty", "use details.file_id from the Upload API")
    if options.operation in ("update", "upsert") and not options.find_by:
        raise CompileError(
            f"--operation {options.operation} needs --find-by",
            "name the unique field that finds existing records, e.g. --find-by Email or id",
        )
    if options.layout is not None and options.layout_column is not None:
        raise CompileError("--layout and --layout-column both set the layout; give one")
    if options.children and options.parent_id_column is not None:
        raise CompileError(
            "--parent-id-column is for a subform on its own; a parent-child job links by --child"
        )


def read_source(path: Path, module_name: str, catalog: Catalog) -> Source:
    from mapper.csvfile import CsvError
    from mapper.profile import profile

    if not path.is_file():
        raise CompileError(f"no such CSV file: {path}")
    module = find_module(module_name, catalog)
    try:
        profiled = profile(path)
    except CsvError as error:
        # the reader's messages usually name the file already
        message = str(error) if str(path) in str(error) else f"{path}: {error}"
        raise CompileError(message) from None
    if not profiled.header:
        raise CompileError(
            f"{path}: the first row looks like data, not a header",
            "Zoho reads row 1 as the header: add a row naming each column",
        )
    return Source(path, profiled, module)


def frame_source(frame: DataFrame, module_name: str, catalog: Catalog) -> Source:
    from mapper.frames import FRAME_PATH
    from mapper.profile import profile

    module = find_module(module_name, catalog)
    return Source(Path(FRAME_PATH), profile(frame), module, frame)


def find_module(name: str, catalog: Catalog) -> Module:
    """The module by API name; a subform module known only by its parent gets no fields."""
    from mapper.catalog import Module

    module = catalog.module(name)
    if module is not None:
        return module
    if catalog.is_known_module(name):
        return Module(api_name=name, fields=(), source="org")
    guess = catalog.suggest_module(name)
    hint = f"did you mean {guess}? " if guess else ""
    raise CompileError(
        f"unknown module '{name}'",
        hint + "custom and subform modules need the org's fields: --fields FILE_OR_FOLDER",
    )


def check_headers_exist(options: CompileOptions, sources: list[Source]) -> None:
    """Every header an option names must be a column of one of the CSVs."""
    named = [
        *((h, "--map") for h, _ in options.overrides),
        *((h, "--skip") for h in options.skip),
        *((h, "--date-format") for h, _ in options.date_formats),
    ]
    for header, option in named:
        if not any(source.has_header(header) for source in sources):
            known = ", ".join(repr(h) for h in sources[0].headers())
            raise CompileError(f"{option}: no column '{header}' in the CSV", f"columns: {known}")


def _parent_draft(parent: Source, options: CompileOptions, catalog: Catalog) -> ResourceDraft:
    claimed = {"Layout": f"--layout {options.layout}"} if options.layout else {}
    draft = draft_resource(parent, options, catalog, special_columns(parent, options), claimed)
    mappings = constant_mappings(parent.module, options, draft.mappings)
    constants = tuple(
        ExplainRow(parent.name, -1, "", m.api_name, None, _constant_reason(m, options))
        for m in mappings
        if m.index is None
    )
    return ResourceDraft(
        parent, mappings, draft.explain + constants, draft.unmapped, draft.diagnostics
    )


def _constant_reason(mapping: MappingPlan, options: CompileOptions) -> str:
    if mapping.api_name == "Layout" and options.layout is not None:
        return f"--layout {options.layout}: layout id {mapping.default_value}"
    return f"--default: {mapping.default_value!r} for every record"


def _assemble(
    drafts: list[ResourceDraft], options: CompileOptions, catalog: Catalog
) -> Compilation:
    files = tuple((draft.source.name, draft.source.path) for draft in drafts)
    _refuse_duplicate_names(files)
    diagnostics = [d for draft in drafts for d in draft.diagnostics]
    diagnostics += _encoding_diagnostics(drafts)
    diagnostics += [d for draft in drafts for d in _file_diagnostics(draft.source)]
    missing, unmapped_mandatory = _mandatory(drafts, options)
    body = None
    if has_errors(but_split_limits(diagnostics)):
        # the check (its BW503) will not run: say here what else the user must fix
        diagnostics += unmapped_mandatory
    else:
        body = build_body(_job(drafts, options), options.api_version)
        diagnostics += _checked(body, drafts, options, catalog)
    return Compilation(
        body=body,
        explain=tuple(row for draft in drafts for row in draft.explain),
        unmapped=tuple(column for draft in drafts for column in draft.unmapped),
        missing_mandatory=tuple(missing),
        diagnostics=tuple(diagnostics),
        files=files,
        profiles=tuple(draft.source.profile for draft in drafts),
    )


def _job(drafts: list[ResourceDraft], options: CompileOptions) -> JobPlan:
    parent_child = options.is_parent_child
    resources = tuple(
        ResourcePlan(
            module=draft.source.module.api_name,
            file_id=options.file_id,
            mappings=draft.mappings,
            file_name=draft.source.name if parent_child else None,
            find_by=options.find_by if position == 0 else None,
        )
        for position, draft in enumerate(drafts)
    )
    return JobPlan(
        operation=options.operation,
        resources=resources,
        character_encoding=charset_name(drafts[0].source.profile.encoding),
        ignore_empty=options.ignore_empty,
        callback_url=options.callback_url,
    )


def _file_diagnostics(source: Source) -> list[Diagnostic]:
    """What makes Zoho refuse the file itself, as ``mapper check --csv`` says it."""
    from mapper.preflight.structure import row_count_finding, shape_findings, zip_size_finding

    # no encoding finding: the compiled body declares the file's encoding itself
    profiled, path = source.profile, str(source.path)
    header = [column.header or "" for column in profiled.columns]
    found = shape_findings(header, profiled.delimiter, path)
    found += row_count_finding(profiled.rows, path)
    if source.frame is None:
        found += zip_size_finding(source.path, path)
    return found


def but_split_limits(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Findings but too many rows or too large a zip: those leave the body right for each
    part ``mapper split`` makes."""
    from mapper.preflight.codes import TOO_MANY_ROWS, ZIP_TOO_LARGE

    return [d for d in diagnostics if d.code not in (TOO_MANY_ROWS.code, ZIP_TOO_LARGE.code)]


def _encoding_diagnostics(drafts: list[ResourceDraft]) -> list[Diagnostic]:
    parent = drafts[0].source.profile.encoding
    found = []
    for draft in drafts[1:]:
        encoding = draft.source.profile.encoding
        if charset_name(encoding) != charset_name(parent):
            found.append(codes.mixed_encodings(draft.source.path, encoding, parent))
    return found


def _mandatory(
    drafts: list[ResourceDraft], options: CompileOptions
) -> tuple[list[str], list[Diagnostic]]:
    """Mandatory fields no mapping sets (as ``Module.Field``), and their findings."""
    if options.operation == "update":
        return [], []
    in_job = {draft.source.module.api_name for draft in drafts}
    missing: list[str] = []
    found: list[Diagnostic] = []
    for draft in drafts:
        module = draft.source.module
        hard, conditional = mandatory_missing(module, draft.mappings, in_job)
        for name in hard + conditional:
            missing.append(f"{module.api_name}.{name}")
            severity = Severity.WARNING if name in conditional else Severity.ERROR
            found.append(
                codes.mandatory_unmapped(draft.source.path, module.api_name, name, severity)
            )
    return missing, found


def _refuse_duplicate_names(files: tuple[tuple[str, Path], ...]) -> None:
    names = [name for name, _ in files]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise CompileError(
            f"two CSVs share the file name {', '.join(duplicates)}; file_names must differ",
            "rename one of them: the zip holds each CSV under its base name",
        )


def _checked(
    body: dict, drafts: list[ResourceDraft], options: CompileOptions, catalog: Catalog
) -> list[Diagnostic]:
    """The same verdict ``mapper check`` would give, with the CSVs known.

    The body is checked as the text that will be written, so findings carry line:column
    in that text; their path is ``SPEC_PATH`` until the caller names the output.
    """
    from mapper.check import check_document
    from mapper.rules import CsvFacts
    from mapper.spec import parse_spec

    facts = {position: CsvFacts.of(draft.source.profile) for position, draft in enumerate(drafts)}
    if options.file_id is None:
        body = with_file_id(body, UNUPLOADED_FILE_ID)
    document = parse_spec(render_json(body), SPEC_PATH)
    return check_document(document, api_version=options.api_version, catalog=catalog, csv=facts)
