"""The stable codes of the data pre-flight: BW6xx for cell values, BW7xx for file structure.

They are not spec rules (they read the CSV, not the body), so they live in this table
rather than in ``mapper.rules``; `CODES` has the same attributes as a rule for listing.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import EllipsisType

from mapper.diagnostics import Diagnostic, Severity

INVALID_DATA = "INVALID_DATA"
MANDATORY_NOT_FOUND = "MANDATORY_NOT_FOUND"
DUPLICATE_DATA = "DUPLICATE_DATA"


@dataclass(frozen=True)
class DataCode:
    code: str
    name: str
    doc: str
    severity: Severity
    zoho_code: str | None = None
    family: str = "preflight"

    def diag(
        self,
        message: str,
        path: str,
        line: int | None = None,
        column: int | None = None,
        *,
        hint: str | None = None,
        severity: Severity | None = None,
        zoho_code: str | EllipsisType | None = ...,
    ) -> Diagnostic:
        """A finding of this code; ``zoho_code`` overrides the code's own (None: none)."""
        return Diagnostic(
            code=self.code,
            severity=severity or self.severity,
            message=message,
            path=path,
            line=line,
            column=column,
            pointer=None,
            zoho_code=self.zoho_code if zoho_code is ... else zoho_code,
            hint=hint or HINTS.get(self.code),
        )


def _code(code: str, name: str, doc: str, severity: Severity, zoho: str | None) -> DataCode:
    return DataCode(code, name, doc, severity, zoho)


E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO  # noqa: E741

SUMMARY = _code(
    "BW600", "predicted-outcome",
    "Summary: the rows counted by predicted outcome (added, skipped...) and Zoho code.", I, None,
)  # fmt: skip
BAD_DATE = _code(
    "BW601", "bad-date", "Date or date-time not in the mapping's format (or Zoho's default).",
    E, INVALID_DATA,
)  # fmt: skip
BAD_NUMBER = _code(
    "BW602", "bad-number", "Number field value is not a plain number of the allowed digits.",
    E, INVALID_DATA,
)  # fmt: skip
BAD_EMAIL = _code("BW603", "bad-email", "Email field value is not an email address.", E,
                  INVALID_DATA)  # fmt: skip
BAD_PHONE = _code("BW604", "bad-phone", "Phone field value holds characters a phone has not.",
                  E, INVALID_DATA)  # fmt: skip
BAD_URL = _code("BW605", "bad-url", "Website field value is not a web address.", E, INVALID_DATA)
TOO_LONG = _code("BW606", "value-too-long", "Value is longer than the field's length.", E,
                 INVALID_DATA)  # fmt: skip
UNKNOWN_PICK = _code(
    "BW607", "unknown-picklist-value",
    "Picklist value not among the field's values; Zoho adds it to the picklist.", W, None,
)  # fmt: skip
MULTI_SEPARATOR = _code(
    "BW608", "multiselect-separator",
    "Multi-select value separated by ',' or '|'; Zoho splits on ';' only.", W, None,
)  # fmt: skip
BAD_BOOLEAN = _code("BW609", "bad-boolean", "Boolean field value is not true or false.", E,
                    INVALID_DATA)  # fmt: skip
MANDATORY_EMPTY = _code(
    "BW610", "mandatory-empty",
    "Mandatory field empty with no default_value (insert; update without ignore_empty).", E,
    MANDATORY_NOT_FOUND,
)  # fmt: skip
FIND_BY_EMPTY = _code(
    "BW611", "find-by-empty", "The find_by column of an update is empty: the row matches nothing.",
    E, MANDATORY_NOT_FOUND,
)  # fmt: skip
DUPLICATE = _code(
    "BW612", "duplicate-key-value",
    "A find_by or unique field value repeats an earlier row of the file.", E, DUPLICATE_DATA,
)  # fmt: skip
BAD_RECORD_ID = _code(
    "BW613", "bad-record-id", "A record id column (Parent_Id, id, find_by id) holds a non-id.",
    E, INVALID_DATA,
)  # fmt: skip
SHORT_ROW = _code(
    "BW614", "short-row", "Row has fewer fields than the highest mapped index needs.", E,
    INVALID_DATA,
)  # fmt: skip
FORMULA = _code(
    "BW615", "formula-injection",
    "Value starts like a spreadsheet formula (= + - @); risky when exported and reopened.",
    I, None,
)  # fmt: skip
RAGGED_ROW = _code(
    "BW616", "ragged-row",
    "Row has another field count than the header (enough for the mappings); not checked.",
    W, None,
)  # fmt: skip

HEADER_DRIFT = _code(
    "BW701", "header-drift", "Header at a mapped index no longer names the mapped field.", E,
    None,
)  # fmt: skip
INDEX_MISSING = _code(
    "BW702", "index-beyond-header", "A mapping's index is beyond the CSV's last column.", E,
    "COLUMN_INDEX_NOT_FOUND",
)  # fmt: skip
TOO_MANY_COLUMNS = _code("BW703", "too-many-columns", "CSV has more than 200 columns.", E,
                         None)  # fmt: skip
TOO_MANY_ROWS = _code("BW704", "too-many-rows", "CSV has more than 25,000 records.", E, None)
ZIP_TOO_LARGE = _code("BW705", "zip-too-large", "The CSV zipped is larger than 25 MB.", E,
                      "FILE_TOO_LARGE")  # fmt: skip
BAD_DELIMITER = _code(
    "BW706", "delimiter-not-accepted", "Delimiter is not one Zoho accepts (, ; : |).", E, None
)  # fmt: skip
ENCODING_UNDECLARED = _code(
    "BW707", "encoding-undeclared",
    "CSV is not UTF-8 and the spec sets no character_encoding.", W, None,
)  # fmt: skip
NO_HEADER = _code(
    "BW708", "no-header-row", "CSV seems to have no header row; Zoho always skips row 1.", W,
    None,
)  # fmt: skip
UNREADABLE = _code("BW709", "csv-unreadable", "The CSV cannot be read.", E, None)

CODES: tuple[DataCode, ...] = (
    SUMMARY, BAD_DATE, BAD_NUMBER, BAD_EMAIL, BAD_PHONE, BAD_URL, TOO_LONG, UNKNOWN_PICK,
    MULTI_SEPARATOR, BAD_BOOLEAN, MANDATORY_EMPTY, FIND_BY_EMPTY, DUPLICATE, BAD_RECORD_ID,
    SHORT_ROW, FORMULA, RAGGED_ROW, HEADER_DRIFT, INDEX_MISSING, TOO_MANY_COLUMNS, TOO_MANY_ROWS,
    ZIP_TOO_LARGE, BAD_DELIMITER, ENCODING_UNDECLARED, NO_HEADER, UNREADABLE,
)  # fmt: skip

# what to do about a finding, when the code alone says it
HINTS = {
    "BW601": "set the mapping's format to the values' pattern (mapper profile shows it), "
    "or rewrite the values",
    "BW602": "write plain numbers: digits, '.' before decimals, no separators or symbols",
    "BW603": "correct the address, or leave the cell empty",
    "BW604": "keep to digits, spaces and + - ( ) . / (an extension as x123)",
    "BW605": "write a host name with a dot, such as www.example.com",
    "BW606": "shorten the value, or map the column to a longer field",
    "BW607": "use a value of the pick list, unless a new value is intended",
    "BW608": "separate the values with ';'",
    "BW609": "write true or false",
    "BW610": "fill the cell, or give the mapping a default_value",
    "BW611": "fill the key, or remove the row",
    "BW612": "a repeat is skipped as DUPLICATE_DATA: merge or remove the duplicates",
    "BW613": "put the Zoho record id (digits) here, or look the record up by another field",
    "BW614": "check the row's quoting and delimiters",
    "BW615": "if it is not meant as a formula, start the value with an apostrophe",
    "BW616": "check the row's quoting and delimiters",
}
