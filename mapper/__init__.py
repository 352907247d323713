"""mapper: CSV files to Zoho CRM Bulk Write job specs, checked before upload."""

__version__ = "0.1.0"
