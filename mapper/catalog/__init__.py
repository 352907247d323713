"""The CRM catalog: Zoho's standard modules built in, overridden by an org's own metadata."""

from mapper.catalog.builtin import builtin_catalog
from mapper.catalog.model import Catalog, CatalogError, Field, Layout, Module
from mapper.catalog.org import LayoutsError, load_catalog

__all__ = [
    "Catalog",
    "CatalogError",
    "Field",
    "Layout",
    "LayoutsError",
    "Module",
    "builtin_catalog",
    "load_catalog",
]
