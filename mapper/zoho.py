"""Zoho CRM Bulk Write's documented limits and fixed values, in one place.

Sources: ../shared/reference/zoho-bulk-write.md (§5 formats, §6 limits, §8 versions) and
docs/zoho-formats.md (the allowed-format lists). Nothing here imports anything of the
project or beyond the standard library: every stage may use it, `mapper check` included.
"""

from __future__ import annotations

from dataclasses import dataclass

API_VERSIONS = ("v2", "v2.1", "v3", "v4", "v5", "v6", "v7", "v8")
DEFAULT_API_VERSION = "v8"

OPERATIONS = ("insert", "update", "upsert")
# operations that find existing records, and so need find_by
MATCHING_OPERATIONS = ("update", "upsert")

# Modules Bulk Write does not take (Zoho answers MODULE_NOT_AVAILABLE), each with its source
# (docs/zoho-modules.md). "SCOPES": the bulk-write OAuth scopes on the Create Bulk Write Job
# page (v2.1, v3) name leads ... invoices and custom, none of these. "VS6": Zoho's v6
# limitations page: "does not support Users module, linking modules, ... Attachment".
MODULES_NOT_IN_BULK_WRITE = {
    "Users": "VS6, SCOPES",
    "Attachments": "VS6, SCOPES",
    "Notes": "SCOPES",
    "Emails": "SCOPES",
    "Events": "SCOPES",
    "Calls": "SCOPES",
}
# API versions whose bulk write takes parent-child keys (file_names, parent_column_index):
# documented from v6; Zoho's Python SDK for v5 sends them from its 2.0.0 release (2024-04)
PARENT_CHILD_VERSIONS = ("v5", "v6", "v7", "v8")

# The Upload API for the bulk-write ZIP: POST {upload host}{UPLOAD_PATH} with these headers
# (reference zoho-bulk-write-2.md §3.1: v8 SDKs, community upload code)
UPLOAD_PATH = "/crm/{version}/upload"
UPLOAD_FEATURE_HEADER = ("feature", "bulk-write")
ORG_HEADER = "X-CRM-ORG"  # the org's zgid, from GET /crm/{version}/org -> org[0].zgid


@dataclass(frozen=True)
class DataCentre:
    """The hosts one Zoho data centre serves: OAuth tokens, the REST API, ZIP uploads."""

    code: str  # the domain suffix users name it by: "com", "eu", "com.au", ...
    accounts: str
    api: str
    upload: str


def _data_centre(
    code: str, *, accounts: str | None = None, upload: str | None = None
) -> DataCentre:
    return DataCentre(
        code,
        accounts or f"https://accounts.zoho.{code}",
        f"https://www.zohoapis.{code}",
        upload or f"https://content.zohoapis.{code}",
    )


# The v8 SDKs' data-centre classes (SDK8-PHP src/com/zoho/crm/api/dc/*DataCenter.php, same in
# Java, Node, C#; reference zoho-bulk-write-2.md §3.1). Canada moved its accounts and upload
# hosts to zohocloud.ca in the 2024-12 SDKs; Saudi Arabia uploads to files.zoho.sa.
DATA_CENTRES = {
    dc.code: dc
    for dc in (
        _data_centre("com"),
        _data_centre("eu"),
        _data_centre("in"),
        _data_centre("com.au"),
        _data_centre("jp"),
        _data_centre("com.cn"),
        _data_centre(
            "ca", accounts="https://accounts.zohocloud.ca", upload="https://upload.zohocloud.ca"
        ),
        _data_centre("sa", upload="https://files.zoho.sa"),
    )
}
DEFAULT_DATA_CENTRE = "com"
# the country codes users also say for the three domains that are not one
DATA_CENTRE_ALIASES = {"us": "com", "au": "com.au", "cn": "com.cn"}


def data_centre(code: str) -> DataCentre:
    """The data centre named ``code`` ("com", "eu", ...); KeyError names the known ones."""
    name = code.strip().lower()
    try:
        return DATA_CENTRES[DATA_CENTRE_ALIASES.get(name, name)]
    except KeyError:
        known = ", ".join(DATA_CENTRES)
        raise KeyError(f"unknown Zoho data centre {code!r} (known: {known})") from None


MAX_ROWS = 25_000  # records per CSV
MAX_COLUMNS = 200  # column headers per CSV
MAX_MAPPINGS = 200  # field mappings per resource (HEADER_LIMIT_EXCEEDED)
MAX_ZIP_BYTES = 25 * 1024 * 1024  # the uploaded zip (FILE_TOO_LARGE)
# past each limit above, Zoho treats the file as improper and imports none of it (§6):
# every stage reports a limit at this severity, so compile and check give one verdict
BEYOND_LIMIT_SEVERITY = "error"
ACCEPTED_DELIMITERS = (",", ";", ":", "|")

# how Zoho reads dates and date-times when a mapping gives no format
DEFAULT_DATE_FORMAT = "MM/dd/yyyy"
# A date field mapped without format holding yyyy-MM-dd values: the current Create Bulk
# Write Job page (D7-CJ) makes MM/dd/yyyy the default, which would refuse them, while the
# older Kaizen #13 data-type table (K13, 2020) says Date accepts yyyy-MM-dd. Neither is
# known to be today's behaviour, so such values are a warning, never passed silently.
CONTESTED_DEFAULT_DATE_FORMAT = "yyyy-MM-dd"
DEFAULT_DATETIME_FORMAT = "MM/dd/yyyy HH:mm:ss"


@dataclass(frozen=True)
class FormatList:
    """The ``format`` values Zoho documents for one kind of field (docs/zoho-formats.md).

    ``complete`` says the source could be read to its end: only then is a pattern missing
    from ``patterns`` known to be refused (``INVALID_FORMAT``), not just undocumented.
    """

    kind: str  # "date", "datetime" or "number"
    patterns: tuple[str, ...]
    complete: bool
    source: str

    def lists(self, pattern: str) -> bool:
        return pattern in self.patterns


_FORMATS_PDF = (
    "https://www.zoho.com/sites/zweb/images/crm/allowed-formats-for-fields-in-create-bulk-"
    "write-job-api.pdf"
)
# The PDF's "Allowed Date Field Formats" table as far as it could be read (it goes on past
# `yyyy-MM-dd`), plus `yyyy/MM/dd` from Zoho's own v2 Postman sample (reference §4.2).
DATE_FORMATS = FormatList(
    "date",
    (
        "dd MMM yy", "yy MMM dd", "MMM/dd/yy", "dd MMM yyyy", "yyyy.MMM.dd", "dd-MMMM-yy",
        "yy-MMMM-dd", "MMMM-dd-yy", "dd.MMMM.yy", "yy.MMMM.dd", "yyyy-MMMM-dd", "dd-MMM-yyyy",
        "dd.MM.yyyy", "MM.dd.yyyy", "dd MMMM yyyy", "MMM-dd-yy", "MMM/dd/yyyy", "MMM dd yyyy",
        "dd/MMM/yyyy", "yyyy/MMMM/dd", "yyyy MMMM dd", "MMM.dd.yy", "yyyy.MM.dd", "dd-MMM-yy",
        "yy-MMM-dd", "MMMM-dd-yyyy", "dd.MM.yy", "MM.dd.yy", "yy.MM.dd", "dd/MM/yyyy",
        "MM/dd/yyyy", "dd MM yyyy", "MM dd yyyy", "dd-MMMM-yyyy", "MMM.dd.yyyy", "yyyy MM dd",
        "dd/MM/yy", "MM/dd/yy", "yy/MM/dd", "MMMM.dd.yyyy", "dd/MMMM/yyyy", "dd.MMM.yyyy",
        "dd/MMM/yy", "yy/MMM/dd", "yyyy/MMM/dd", "yyyy MMM dd", "dd.MMM.yy", "yy.MMM.dd",
        "yyyy.MMMM.dd", "MMMM dd yy", "MMM dd,yyyy", "MMMM dd,yyyy", "dd/MMMM/yy",
        "yy/MMMM/dd", "yyyy-MM-dd", "yyyy/MM/dd",
    ),
    complete=False,
    source=f"{_FORMATS_PDF} (date table, readable part); Postman v2 sample for yyyy/MM/dd",
)  # fmt: skip
# The PDF's Date/Time section could not be read: only the documented default is known.
DATETIME_FORMATS = FormatList(
    "datetime",
    (DEFAULT_DATETIME_FORMAT,),
    complete=False,
    source="Create Bulk Write Job page (v7): the default date-time format; "
    f"the Date/Time section of {_FORMATS_PDF} could not be read",
)
# The PDF's Number section could not be read: no number format is documented, so a number
# column is written plain (digits, "." for decimals) and needs none.
NUMBER_FORMATS = FormatList(
    "number",
    (),
    complete=False,
    source=f"the Number section of {_FORMATS_PDF} could not be read",
)
FORMAT_LISTS = {"date": DATE_FORMATS, "datetime": DATETIME_FORMATS, "number": NUMBER_FORMATS}

# per-record codes of the result file's ERRORS column (§7.2) that the pre-flight predicts,
# in plain words for the review page; Zoho's docs give the names only, so the words read
# the names as the pre-flight's checks apply them
ROW_ERROR_MEANINGS = {
    "MANDATORY_NOT_FOUND": "a mandatory field is empty",
    "INVALID_DATA": "a value the field does not accept",
    "DUPLICATE_DATA": "a value of a unique field repeats",
}

# --- The REST contract mapper's client speaks (docs/zoho-api.md holds each source) ---
TOKEN_PATH = "/oauth/v2/token"  # on the accounts host; form fields, JSON answer
ORG_PATH = "/crm/{version}/org"  # org[0].zgid is the X-CRM-ORG value
BULK_WRITE_PATH = "/crm/bulk/{version}/write"  # POST: create a job
BULK_WRITE_JOB_PATH = "/crm/bulk/{version}/write/{job_id}"  # GET: the job's details
AUTH_HEADER_PREFIX = "Zoho-oauthtoken "

# Job and resource status words. The pages write "IN PROGRESS"; their samples and Kaizen
# 131 write "INPROGRESS"; both are read as one word.
JOB_STATUSES = ("ADDED", "IN PROGRESS", "COMPLETED", "FAILED", "SKIPPED")
JOB_DONE_STATUSES = ("COMPLETED", "FAILED")


def normalise_status(word: str | None) -> str:
    """A job or resource status in one spelling: "INPROGRESS" and "in progress" -> "IN PROGRESS"."""
    text = " ".join((word or "").replace("_", " ").upper().split())
    return "IN PROGRESS" if text.replace(" ", "") == "INPROGRESS" else text


# --- The result CSV of a job (docs/zoho-api.md "Result file") ---
# After the first three mapped columns of the uploaded CSV: these three, by name.
RESULT_COLUMNS = ("STATUS", "RECORD_ID", "ERRORS")
# Other spellings a reader accepts for them (compared upper-cased, spaces as "_")
RESULT_COLUMN_SPELLINGS = {
    "STATUS": ("STATUS", "RECORD_STATUS"),
    "RECORD_ID": ("RECORD_ID", "RECORDID", "ID"),
    "ERRORS": ("ERRORS", "ERROR", "ERROR_CODE", "ERRORS_CODE"),
}
# A row's STATUS: the pages say "added, skipped, updated, or unprocessed"; Zoho's PHP and C#
# SDKs compare the cell with exactly "ADDED" and "UPDATED" to find the rows that failed.
ROW_STATUS_SPELLINGS = {
    "ADDED": ("ADDED", "ADD", "RECORD_ADDED", "INSERTED", "CREATED"),
    "UPDATED": ("UPDATED", "UPDATE", "RECORD_UPDATED"),
    "SKIPPED": ("SKIPPED", "SKIP", "RECORD_SKIPPED"),
    "UNPROCESSED": ("UNPROCESSED", "NOT_PROCESSED", "NOTPROCESSED"),
}
ROW_DONE_STATUSES = ("ADDED", "UPDATED")
# ERRORS cell: CODE-column[,column...] per error, errors joined by ":" (the pages)
ROW_ERROR_CODES = (
    "MANDATORY_NOT_FOUND",
    "INVALID_DATA",
    "DUPLICATE_DATA",
    "NOT_APPROVED",
    "BLOCKED_RECORD",
    "CANNOT_PROCESS",
    "LIMIT_EXCEEDED",
    "RESOURCE_NOT_FOUND",
)
_ROW_STATUS_OF = {
    spelling: status for status, spellings in ROW_STATUS_SPELLINGS.items() for spelling in spellings
}


def _spelling_key(word: str) -> str:
    return "_".join(word.replace("-", " ").replace("_", " ").upper().split())


def normalise_row_status(word: str | None) -> str:
    """A result row's STATUS in one spelling: "Added", "added", "ADDED" -> "ADDED"; an
    unknown word comes back upper-cased, spaces as "_"."""
    key = _spelling_key(word or "")
    return _ROW_STATUS_OF.get(key, key)


def result_column(name: str) -> str | None:
    """Which of `RESULT_COLUMNS` a result header cell names, if any (any case, BOM, spaces)."""
    key = _spelling_key(name.lstrip("\ufeff"))
    for column, spellings in RESULT_COLUMN_SPELLINGS.items():
        if key in spellings:
            return column
    return None


# OAuth scopes a self client needs for the whole trip (upload, create, poll, download, org id)
SCOPES = (
    "ZohoCRM.bulk.ALL",  # create a job and read its details (or ZohoCRM.bulk.CREATE)
    "ZohoCRM.modules.ALL",  # write the records (or ZohoCRM.modules.{module}.CREATE)
    "ZohoFiles.files.ALL",  # the ZIP upload
    "ZohoCRM.org.READ",  # GET /crm/{version}/org for X-CRM-ORG (or pass ZOHO_ORG_ID)
)

# What to do about each error code Zoho answers with; codes from the reference's §9
ERROR_HINTS = {
    "INVALID_TOKEN": "the access token was refused after a refresh: run `mapper auth` again",
    "AUTHENTICATION_FAILURE": "run `mapper auth` again with the self client's credentials",
    "OAUTH_SCOPE_MISMATCH": "grant the self client these scopes: " + ",".join(SCOPES),
    "NO_PERMISSION": "the user behind the token may not do this; ask a CRM administrator",
    "AUTHORIZATION_FAILED": "the user lacks the privilege; ask a CRM administrator",
    "INVALID_FILE_ID": "the file_id is unknown or expired: upload the ZIP again",
    "FILE_TOO_LARGE": "the ZIP is over 25 MB: `mapper split` the CSV into parts",
    "INVALID_FILE_FORMAT": "only a ZIP holding the CSV is accepted",
    "NOT_SUPPORTED_FEATURE": "the upload needs the headers feature: bulk-write and X-CRM-ORG",
    "LIMIT_EXCEEDED": "a Zoho limit was passed (25,000 rows, 200 columns, API credits)",
    "LIMIT_REACHED": "the org's API credits or concurrency are used up: retry later",
    "MANDATORY_FIELDS_NOT_MAPPED": "map every mandatory field of the layout (`mapper check`)",
    "MANDATORY_NOT_FOUND": "a required key is missing from the body (`mapper check`)",
    "INVALID_FIELD": "a field API name is not in the module (`mapper fields MODULE`)",
    "INVALID_FORMAT": "a format is not one Zoho lists (`mapper check` names it)",
    "MODULE_NOT_AVAILABLE": "the module name is wrong or Bulk Write does not take it",
    "HEADER_LIMIT_EXCEEDED": "more than 200 fields are mapped: split the columns",
    "COLUMN_INDEX_NOT_FOUND": "a mapping's index is not a column of the CSV",
    "RESOURCE_NOT_FOUND": "no such job (or its link expired); check the job id",
    "INVALID_URL_PATTERN": "the URL is wrong: check the data centre and endpoint overrides",
    "INTERNAL_ERROR": "Zoho failed on its side; try again later",
    "INTERNAL_SERVER_ERROR": "Zoho failed on its side; try again later",
    "TOO_MANY_REQUESTS": "Zoho is rate limiting: wait and retry",
    "invalid_code": "the grant code is wrong or used up (it lives minutes): make a new one",
    "invalid_client": "the client id or secret is wrong, or belongs to another data centre",
    "invalid_client_secret": "the client secret is wrong",
    "access_denied": "too many token requests (ten per ten minutes): wait, then retry",
}
