"""The CRM catalog: Zoho's standard modules built in, overridden by an org's own metadata."""

from mapper.catalog.model import Catalog, Field, Layout, Module

__all__ = ["Catalog", "Field", "Layout", "Module"]
