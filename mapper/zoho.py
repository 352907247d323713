"""Zoho CRM Bulk Write's documented limits and fixed values, in one place.

Sources: ../shared/reference/zoho-bulk-write.md (§5 formats, §6 limits, §8 versions).
Nothing here imports anything: every stage may use it, `mapper check` included.
"""

from __future__ import annotations

API_VERSIONS = ("v2", "v2.1", "v3", "v4", "v5", "v6", "v7", "v8")
DEFAULT_API_VERSION = "v8"

OPERATIONS = ("insert", "update", "upsert")
# operations that find existing records, and so need find_by
MATCHING_OPERATIONS = ("update", "upsert")

MAX_ROWS = 25_000  # records per CSV
MAX_COLUMNS = 200  # column headers per CSV
MAX_MAPPINGS = 200  # field mappings per resource (HEADER_LIMIT_EXCEEDED)
MAX_ZIP_BYTES = 25 * 1024 * 1024  # the uploaded zip (FILE_TOO_LARGE)
ACCEPTED_DELIMITERS = (",", ";", ":", "|")

# how Zoho reads dates and date-times when a mapping gives no format
DEFAULT_DATE_FORMAT = "MM/dd/yyyy"
DEFAULT_DATETIME_FORMAT = "MM/dd/yyyy HH:mm:ss"

# per-record codes of the result file's ERRORS column (§7.2) that the pre-flight predicts,
# in plain words for the review page; Zoho's docs give the names only, so the words read
# the names as the pre-flight's checks apply them
ROW_ERROR_MEANINGS = {
    "MANDATORY_NOT_FOUND": "a mandatory field is empty",
    "INVALID_DATA": "a value the field does not accept",
    "DUPLICATE_DATA": "a value of a unique field repeats",
}
