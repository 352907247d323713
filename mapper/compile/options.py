"""What a compile is asked to do, as values: the library's input, parsed by the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mapper.zoho import DEFAULT_API_VERSION

DATE_ORDERS = ("dayfirst", "monthfirst")


class CompileError(Exception):
    """An option or input the compile cannot work with (the CLI exits 2 with ``hint``)."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class ChildSpec:
    """One child CSV of a parent-child job: its module and the column linking it to a parent.

    ``parent_header`` names the parent CSV's column holding the same key; ``None`` when it
    has the same header as the child's ``link_header``.
    """

    csv_path: Path
    module: str
    link_header: str
    parent_header: str | None = None

    @property
    def parent_key_header(self) -> str:
        return self.parent_header or self.link_header


@dataclass(frozen=True)
class CompileOptions:
    """Everything beyond the CSV and the catalog; pairs are ``(header or field, value)``."""

    module: str
    # details.file_id of the upload; None leaves it out of the body until the upload
    # (`Compilation.with_file_id` puts it in)
    file_id: str | None = None
    operation: str = "insert"
    find_by: str | None = None
    api_version: str = DEFAULT_API_VERSION
    # header -> field API name, forced
    overrides: tuple[tuple[str, str], ...] = ()
    skip: tuple[str, ...] = ()
    # header -> Java date pattern, forced
    date_formats: tuple[tuple[str, str], ...] = ()
    # decides ambiguous day/month columns: "dayfirst", "monthfirst" or None
    date_order: str | None = None
    # field API name -> constant value
    defaults: tuple[tuple[str, str], ...] = ()
    ignore_empty: bool = False
    callback_url: str | None = None
    layout: str | None = None
    layout_column: str | None = None
    parent_id_column: str | None = None
    parent_find_by: str = "id"
    children: tuple[ChildSpec, ...] = ()
    # matches scoring below this are left out (None: the matcher's own default)
    threshold: float | None = None

    @property
    def is_parent_child(self) -> bool:
        return bool(self.children)
