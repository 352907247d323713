"""Compile a CSV (and child CSVs) into a checked Zoho CRM bulk-write request body.

Pipeline: profile each CSV -> match its columns to the module's fields -> plan each
resource (formats, lookups, layout, parent links, constants) -> build the body in a fixed
key order -> run the same checks as ``mapper check``.
"""

from mapper.compile.body import JobPlan, MappingPlan, ResourcePlan, build_body
from mapper.compile.codes import COMPILE_CODES
from mapper.compile.core import Compilation, compile_spec
from mapper.compile.options import ChildSpec, CompileError, CompileOptions
from mapper.compile.output import render_json, write_atomic, write_zip_atomic
from mapper.compile.plan import ExplainRow, UnmappedColumn

__all__ = [
    "COMPILE_CODES",
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
    "write_atomic",
    "write_zip_atomic",
]
