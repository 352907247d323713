"""Fixtures of the compile tests: the built-in catalog and the example org's catalog."""

from __future__ import annotations

import pytest
from compile_helpers import EXAMPLES

from mapper.catalog import Catalog, load_catalog


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="session")
def org_catalog() -> Catalog:
    """The built-in catalog plus the example org's custom subforms and Leads layouts."""
    return load_catalog(EXAMPLES / "crm" / "fields", EXAMPLES / "crm" / "layouts")
