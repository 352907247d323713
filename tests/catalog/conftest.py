from __future__ import annotations

import pytest
from catalog_helpers import ORG_FIELDS, ORG_LAYOUTS

from mapper.catalog import Catalog, load_catalog


@pytest.fixture(scope="session")
def org_catalog() -> Catalog:
    return load_catalog(ORG_FIELDS, ORG_LAYOUTS)
