"""Profiling a CSV never imports pandas: pyarrow's pandas shim imports it (about 0.2 s) on
the first compute call given a Python value, so the profiler passes none."""

from __future__ import annotations

from pathlib import Path

ROWS = [
    # blanks, signed and zero-led numbers, a date order settled late (a candidate falls and
    # its misfit is looked up), a phone read from decimals, a ragged row
    "id,count,code,amount,phone,when,email,note",
    "123456789012345678,-3,0012,1.5,5551234.5,03/04/2024,a@example.com,",
    "123456789012345679,+4,0,,5551234.75,04/05/2024,b@example.com,x",
    "123456789012345680,5,7,-2.25,5551234,13/05/2024,,y",
    "1,2",
]


def test_profiling_a_csv_does_not_import_pandas(assert_imports_nothing_heavy, tmp_path: Path):
    path = tmp_path / "kinds.csv"
    path.write_text("\n".join(ROWS) + "\n", encoding="utf-8")
    result = assert_imports_nothing_heavy(
        "from mapper.profile import profile\n"
        f"result = profile({str(path)!r})\n"
        "print(' '.join(c.format or c.kind for c in result.columns))\n",
        forbidden=("pandas",),
    )
    assert result.stdout.split() == [
        "id", "integer", "text", "decimal", "decimal", "dd/MM/yyyy", "email", "text",
    ]  # fmt: skip
