"""Compile a CSV (and child CSVs) into a checked Zoho CRM bulk-write request body.

Pipeline: profile each CSV -> match its columns to the module's fields -> plan each
resource (formats, lookups, layout, parent links, constants) -> build the body in a fixed
key order -> run the same checks as ``mapper check``.

The package imports lazily: ``mapper.compile.codes`` (listed by ``mapper rules``, on the
``mapper check`` path) loads nothing else, and the pipeline loads when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mapper import lazy_names

if TYPE_CHECKING:
    from mapper.compile.body import JobPlan, MappingPlan, ResourcePlan, build_body
    from mapper.compile.core import Compilation, compile_spec, with_file_id
    from mapper.compile.options import ChildSpec, CompileError, CompileOptions
    from mapper.compile.output import render_json
    from mapper.compile.plan import ExplainRow, UnmappedColumn

__all__ = [
    "ChildSpec",
    "Compilation",
    "CompileError",
    "CompileOptions",
    "ExplainRow",
    "JobPlan",
    "MappingPlan",
    "ResourcePlan",
    "UnmappedColumn",
    "build_body",
    "compile_spec",
    "render_json",
    "with_file_id",
]

_HOME = {
    "JobPlan": "body",
    "MappingPlan": "body",
    "ResourcePlan": "body",
    "build_body": "body",
    "Compilation": "core",
    "compile_spec": "core",
    "with_file_id": "core",
    "ChildSpec": "options",
    "CompileError": "options",
    "CompileOptions": "options",
    "render_json": "output",
    "ExplainRow": "plan",
    "UnmappedColumn": "plan",
}


__getattr__ = lazy_names(__name__, _HOME)
