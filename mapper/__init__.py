"""mapper: CSV files to Zoho CRM Bulk Write job specs, checked before upload."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

__version__ = "0.1.0"


def lazy_names(package: str, homes: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` serving each name from ``package.<homes[name]>`` on first use,
    so reading a package's light parts (its codes, for `mapper rules`) loads nothing else."""

    def __getattr__(name: str) -> Any:
        if name in homes:
            return getattr(importlib.import_module(f"{package}.{homes[name]}"), name)
        raise AttributeError(f"module {package!r} has no attribute {name!r}")

    return __getattr__
