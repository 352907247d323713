"""Match CSV columns to a module's fields, and choose how each lookup finds its record.

Evidence, strongest first: ``--map`` overrides, Zoho's dotted lookup headers
(``Account_Name.id``), exact API name, label, normalised spelling, synonyms seen in real CRM
exports, then difflib similarity. A column maps to at most one field and a field takes at
most one column; weak guesses are reported, never used.
"""

from mapper.catalog.find_by import choose_find_by
from mapper.match.columns import (
    alternatives,
    header_evidence,
    header_reads_as,
    is_target,
    match_columns,
)
from mapper.match.kinds import kind_fits, values_fit
from mapper.match.model import Candidate, ColumnLike, FieldMatch, MatchError, MatchResult, Unmatched
from mapper.match.names import SYNONYMS, column_ref, columns_named, names_column, normalise

__all__ = [
    "SYNONYMS",
    "Candidate",
    "ColumnLike",
    "FieldMatch",
    "MatchError",
    "MatchResult",
    "Unmatched",
    "alternatives",
    "choose_find_by",
    "column_ref",
    "columns_named",
    "header_evidence",
    "header_reads_as",
    "is_target",
    "kind_fits",
    "match_columns",
    "names_column",
    "normalise",
    "values_fit",
]
