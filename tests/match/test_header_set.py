"""The held-out header set: real-world export headers per language family, each with the
field it means (or none), matched as whole exports through the profiler.

The set lives in ``headerset/*.txt`` and is kept apart from the synonym tables on purpose:
it was written from how exports name their columns before the matcher was tuned, so it
measures the matcher rather than restating it. Precision (no wrong match) must be 100 %;
recall is measured and printed: ``python tests/match/test_header_set.py``.
"""

from __future__ import annotations

import csv
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from mapper.catalog import builtin_catalog
from mapper.match import match_columns
from mapper.profile import profile

HERE = Path(__file__).parent / "headerset"
FAMILIES = ("en", "de", "fr", "es", "it", "pt", "nl")
LEFT_OUT = "-"
MIN_PAIRS = 150

# three values per kind of column, the way such columns are filled in real exports
VALUES: dict[str, tuple[str, str, str]] = {
    "first": ("Anna", "Jürgen", "Émilie"),
    "last": ("Schmidt", "Dubois", "García"),
    "full": ("Anna Schmidt", "Luc Dubois", "Ana García"),
    "nick": ("Anni", "Lulu", "Pepe"),
    "suffix": ("Jr.", "III", "Sr."),
    "infix": ("van", "de", "van der"),
    "salutation": ("Mr.", "Mrs.", "Dr."),
    "acadtitle": ("Dr.", "Prof.", "Dr."),
    "gender": ("f", "m", "d"),
    "company": ("Acme GmbH", "Dupont SA", "Rossi Srl"),
    "legalform": ("GmbH", "SARL", "S.p.A."),
    "jobtitle": ("Sales Manager", "CEO", "Buyer"),
    "dept": ("Sales", "Marketing", "Purchasing"),
    "email": ("anna.schmidt@example.com", "luc@example.fr", "ana@example.es"),
    "owneremail": ("owner@acme.example", "rep@acme.example", "owner@acme.example"),
    "phone": ("+49 30 1234567", "+33 1 23 45 67 89", "+34 912 345 678"),
    "url": ("www.acme.example", "https://dupont.example", "www.rossi.example"),
    "street": ("Hauptstraße 5", "12 rue de la Paix", "Calle Mayor 3"),
    "street2": ("Building B", "3rd floor", "Suite 200"),
    "city": ("Berlin", "Paris", "Madrid"),
    "state": ("Bayern", "Île-de-France", "Cataluña"),
    "zip": ("10115", "75002", "28013"),
    "country": ("Deutschland", "France", "España"),
    "isodate": ("2024-05-17", "2023-11-23", "2025-01-30"),
    "usdate": ("05/17/1980", "11/23/1975", "01/30/1990"),
    "dedate": ("17.05.1980", "23.11.1975", "30.01.1990"),
    "frdate": ("17/05/1980", "23/11/1975", "30/01/1990"),
    "nldate": ("17-05-1980", "23-11-1975", "30-01-1990"),
    "text": ("Met at the fair", "Call back in May", "Prefers email"),
    "tags": ("vip", "newsletter", "vip;partner"),
    "int": ("250", "12", "1000"),
    "smallint": ("51", "1023", "7"),
    "money": ("1500.50", "200000", "75.25"),
    "prob": ("10", "50", "90"),
    "bool": ("true", "false", "true"),
    "id": ("4150868000000224005", "4150868000000224017", "4150868000000224023"),
    "custom": ("A-1023", "B-2201", "C-0042"),
    "iban": ("DE89370400440532013000", "FR1420041010050500013M02606", "ES9121000418450200051332"),
    "ticker": ("ACME", "DPNT", "RSSI"),
    "skype": ("anna.schmidt", "luc.dubois", "ana.garcia"),
    "twitter": ("@anna", "@luc", "@ana"),
    "leadsource": ("Cold Call", "Advertisement", "Partner"),
    "leadstatus": ("Contacted", "Not Contacted", "Attempted to Contact"),
    "industry": ("Large Enterprise", "Government/Military", "Data/Telecom OEM"),
    "rating": ("Acquired", "Active", "Market Failed"),
    "accountrating": ("Acquired", "Active", "Market Failed"),
    "rating2": ("high", "low", "medium"),
    "lifecycle": ("lead", "customer", "subscriber"),
    "accounttype": ("Customer", "Competitor", "Distributor"),
    "ownership": ("Private", "Public", "Subsidiary"),
    "deal": ("Acme renewal 2025", "Dupont rollout", "Rossi pilot"),
    "stage": ("Qualification", "Negotiation/Review", "Closed Won"),
    "dealtype": ("New Business", "Existing Business", "New Business"),
    "campaign": ("Spring fair 2025", "Newsletter May", "Spring fair 2025"),
    "currency": ("EUR", "USD", "EUR"),
    "forecast": ("Pipeline", "Best Case", "Closed"),
}


@dataclass(frozen=True)
class Pair:
    header: str
    values: str
    # the right fields; LEFT_OUT among them when leaving the column out is right too
    expected: frozenset[str]


@dataclass(frozen=True)
class Export:
    module: str
    name: str
    pairs: tuple[Pair, ...]


@dataclass
class Tally:
    pairs: int = 0
    # columns with a field to find, and how many of them were found
    findable: int = 0
    found: int = 0
    matches: int = 0
    wrong: list[str] | None = None
    missed: list[str] | None = None

    @property
    def precision(self) -> float:
        return 1.0 if not self.matches else (self.matches - len(self.wrong or [])) / self.matches

    @property
    def recall(self) -> float:
        return 1.0 if not self.findable else self.found / self.findable


def read_family(family: str) -> list[Export]:
    exports: list[Export] = []
    module = name = ""
    pairs: list[Pair] = []
    for line in (HERE / f"{family}.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("["):
            if pairs:
                exports.append(Export(module, name, tuple(pairs)))
            module, _, name = line[1:].partition("]")
            name, pairs = name.strip(), []
            continue
        header, values, expected = (part.strip() for part in line.split(" | "))
        pairs.append(Pair(header, values, frozenset(expected.split("/"))))
    exports.append(Export(module, name, tuple(pairs)))
    return exports


def write_export(export: Export, folder: Path) -> Path:
    path = folder / f"{export.module}-{abs(hash(export.name))}.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([pair.header for pair in export.pairs])
        for row in range(3):
            writer.writerow([VALUES[pair.values][row] for pair in export.pairs])
    return path


def measure(family: str, folder: Path) -> Tally:
    catalog = builtin_catalog()
    tally = Tally(wrong=[], missed=[])
    for export in read_family(family):
        columns = profile(write_export(export, folder)).columns
        result = match_columns(columns, catalog.module(export.module), catalog)
        chosen = {m.index: m.field.api_name for m in result.matches}
        for index, pair in enumerate(export.pairs):
            tally.pairs += 1
            findable = pair.expected - {LEFT_OUT}
            tally.findable += bool(findable) and LEFT_OUT not in pair.expected
            field = chosen.get(index)
            if field is None:
                if LEFT_OUT not in pair.expected:
                    tally.missed.append(f"{export.module} {pair.header!r} (want {pair.expected})")
                continue
            tally.matches += 1
            if field in pair.expected:
                tally.found += LEFT_OUT not in pair.expected
            else:
                wanted = "/".join(sorted(pair.expected))
                tally.wrong.append(f"{export.module} {pair.header!r} -> {field} (want {wanted})")
    return tally


@pytest.mark.parametrize("family", FAMILIES)
def test_no_wrong_match(family: str, tmp_path: Path) -> None:
    tally = measure(family, tmp_path)
    assert tally.pairs >= MIN_PAIRS
    assert tally.wrong == []
    print(f"{family}: recall {tally.recall:.1%} ({tally.found}/{tally.findable})")


def test_every_value_kind_is_defined() -> None:
    used = {pair.values for family in FAMILIES for e in read_family(family) for pair in e.pairs}
    assert used - VALUES.keys() == set()


def main() -> None:
    """Print precision and recall per family (what the closing notes quote)."""
    print("family  pairs  matches  wrong  precision  recall")
    with tempfile.TemporaryDirectory() as folder:
        for family in FAMILIES:
            t = measure(family, Path(folder))
            print(
                f"{family:6}  {t.pairs:5}  {t.matches:7}  {len(t.wrong or []):5}  "
                f"{t.precision:9.1%}  {t.recall:6.1%} ({t.found}/{t.findable})"
            )
            shown = int(sys.argv[1]) if len(sys.argv) > 1 else 0
            for wrong in (t.wrong or [])[:shown]:
                print("   wrong:", wrong)
            for missed in (t.missed or [])[:shown]:
                print("   missed:", missed)


if __name__ == "__main__":
    main()
