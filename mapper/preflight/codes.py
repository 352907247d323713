"""The stable codes of the data pre-flight: BW6xx for cell values, BW7xx for file structure.

They are not spec rules (they read the CSV, not the body), so they are plain registered
`Code`s rather than ``mapper.rules`` entries. A code's hint says what to do about a
finding when the code alone says it.
"""

from __future__ import annotations

from mapper.diagnostics import Code, Severity, register, registered
from mapper.zoho import BEYOND_LIMIT_SEVERITY

INVALID_DATA = "INVALID_DATA"
MANDATORY_NOT_FOUND = "MANDATORY_NOT_FOUND"
DUPLICATE_DATA = "DUPLICATE_DATA"

# the command whose rule a fixable finding's hint names (mapper.fix)
FIX = "mapper fix CSV --spec SPEC -o FIXED.csv --spec-out FIXED.json"

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
BEYOND_LIMIT = Severity(BEYOND_LIMIT_SEVERITY)
FAMILY = "preflight"


def _data(
    code: str,
    name: str,
    doc: str,
    severity: Severity,
    zoho_code: str | None = None,
    *,
    hint: str | None = None,
) -> Code:
    return register(Code(code, name, doc, severity, zoho_code, FAMILY, hint))


SUMMARY = _data(
    "BW600",
    "predicted-outcome",
    "Summary: the rows counted by predicted outcome (added, skipped...) and Zoho code.",
    INFO,
)
ISO_DATE_WITHOUT_FORMAT = _data(
    "BW618",
    "iso-date-without-format",
    "A date mapped without format holds yyyy-MM-dd values, which Zoho's sources disagree "
    "on: the current page's default is MM/dd/yyyy, an older Zoho table accepts ISO dates.",
    WARNING,
    INVALID_DATA,
    hint='add "format": "yyyy-MM-dd" to the mapping (mapper compile always writes it), or '
    f"rewrite the dates to MM/dd/yyyy: {FIX} (rule: dates)",
)
BAD_DATE = _data(
    "BW601",
    "bad-date",
    "Date or date-time not in the mapping's format (or Zoho's default).",
    ERROR,
    INVALID_DATA,
    hint="set the mapping's format to the values' pattern (mapper profile shows it), or "
    f"rewrite the values into a listed one: {FIX} (rule: dates)",
)
BAD_NUMBER = _data(
    "BW602",
    "bad-number",
    "Number field value is not a plain number of the allowed digits.",
    ERROR,
    INVALID_DATA,
    hint="write plain numbers: digits, '.' before decimals, no separators or symbols; "
    f"{FIX} (rule: numbers) rewrites a column whose convention its values prove",
)
BAD_EMAIL = _data(
    "BW603",
    "bad-email",
    "Email field value is not an email address.",
    ERROR,
    INVALID_DATA,
    hint="correct the address, or leave the cell empty",
)
BAD_PHONE = _data(
    "BW604",
    "bad-phone",
    "Phone field value holds characters a phone has not.",
    ERROR,
    INVALID_DATA,
    hint="keep to digits, spaces and + - ( ) . / (an extension as x123)",
)
BAD_URL = _data(
    "BW605",
    "bad-url",
    "Website field value is not a web address.",
    ERROR,
    INVALID_DATA,
    hint="write a host name with a dot, such as www.example.com",
)
TOO_LONG = _data(
    "BW606",
    "value-too-long",
    "Value is longer than the field's length.",
    ERROR,
    INVALID_DATA,
    hint="shorten the value, or map the column to a longer field",
)
UNKNOWN_PICK = _data(
    "BW607",
    "unknown-picklist-value",
    "Picklist value not among the field's values; Zoho adds it to the picklist.",
    WARNING,
    hint="use a value of the pick list, unless a new value is intended",
)
MULTI_SEPARATOR = _data(
    "BW608",
    "multiselect-separator",
    "Multi-select value separated by ',' or '|'; Zoho splits on ';' only.",
    WARNING,
    hint=f"separate the values with ';': {FIX} (rule: multi-select) rewrites them",
)
BAD_BOOLEAN = _data(
    "BW609",
    "bad-boolean",
    "Boolean field value is not true or false.",
    ERROR,
    INVALID_DATA,
    hint=f"write true or false: {FIX} (rule: booleans) rewrites yes/no, ja/nein, oui/non, "
    "sí/no, y/n, 1/0 and x/blank",
)
MANDATORY_EMPTY = _data(
    "BW610",
    "mandatory-empty",
    "Mandatory field empty with no default_value (insert; update without ignore_empty).",
    ERROR,
    MANDATORY_NOT_FOUND,
    hint="fill the cell, or give the mapping a default_value",
)
FIND_BY_EMPTY = _data(
    "BW611",
    "find-by-empty",
    "The find_by column of an update is empty: the row matches nothing.",
    ERROR,
    MANDATORY_NOT_FOUND,
    hint="fill the key, or remove the row",
)
DUPLICATE = _data(
    "BW612",
    "duplicate-key-value",
    "A find_by or unique field value repeats an earlier row of the file.",
    ERROR,
    DUPLICATE_DATA,
    hint="a repeat is skipped as DUPLICATE_DATA: merge or remove the duplicates",
)
BAD_RECORD_ID = _data(
    "BW613",
    "bad-record-id",
    "A record id column (Parent_Id, id, find_by id) holds a non-id.",
    ERROR,
    INVALID_DATA,
    hint="put the Zoho record id (digits) here, or look the record up by another field",
)
SHORT_ROW = _data(
    "BW614",
    "short-row",
    "Row has fewer fields than the highest mapped index needs.",
    ERROR,
    INVALID_DATA,
    hint="check the row's quoting and delimiters",
)
FORMULA = _data(
    "BW615",
    "formula-injection",
    "Value starts like a spreadsheet formula (= + - @); risky when exported and reopened.",
    INFO,
    hint="if it is not meant as a formula, start the value with an apostrophe: "
    f"{FIX} --neutralise-formulas (rule: formulas) does",
)
RAGGED_ROW = _data(
    "BW616",
    "ragged-row",
    "Row has another field count than the header (enough for the mappings); not checked.",
    WARNING,
    hint="check the row's quoting and delimiters",
)
UNKNOWN_LAYOUT_NAME = _data(
    "BW617",
    "unknown-layout-name",
    "A Layout column's value is not the name of a layout in the org's layouts (--layouts); "
    "Zoho then puts the record in the module's default layout.",
    WARNING,
    hint="write the layout's name exactly as the Layouts API gives it",
)

HEADER_DRIFT = _data(
    "BW701", "header-drift", "Header at a mapped index no longer names the mapped field.", ERROR
)
INDEX_MISSING = _data(
    "BW702",
    "index-beyond-header",
    "A mapping's index is beyond the CSV's last column.",
    ERROR,
    "COLUMN_INDEX_NOT_FOUND",
)
TOO_MANY_COLUMNS = _data(
    "BW703", "too-many-columns", "CSV has more than 200 columns.", BEYOND_LIMIT
)
TOO_MANY_ROWS = _data("BW704", "too-many-rows", "CSV has more than 25,000 records.", BEYOND_LIMIT)
ZIP_TOO_LARGE = _data(
    "BW705",
    "zip-too-large",
    "The CSV zipped is larger than 25 MB.",
    BEYOND_LIMIT,
    "FILE_TOO_LARGE",
)
BAD_DELIMITER = _data(
    "BW706", "delimiter-not-accepted", "Delimiter is not one Zoho accepts (, ; : |).", ERROR
)
ENCODING_UNDECLARED = _data(
    "BW707",
    "encoding-undeclared",
    "CSV is not UTF-8 and the spec sets no character_encoding.",
    WARNING,
)
NO_HEADER = _data(
    "BW708", "no-header-row", "CSV seems to have no header row; Zoho always skips row 1.", WARNING
)
UNREADABLE = _data("BW709", "csv-unreadable", "The CSV cannot be read.", ERROR)

# findings for which Zoho refuses the whole file or job, so that no row is imported
REFUSES_FILE = frozenset(
    c.code for c in (INDEX_MISSING, TOO_MANY_COLUMNS, TOO_MANY_ROWS, ZIP_TOO_LARGE, BAD_DELIMITER)
)

# every pre-flight code, by code (each registered above)
CODES: tuple[Code, ...] = tuple(code for code in registered() if code.family == FAMILY)
