"""A DataFrame to a Zoho bulk-write spec and the CSV it reads: what a warehouse job does.

Run: python examples/dataframe_to_upload.py OUT_DIR   (needs pandas:
pip install 'zoho-bulk-mapper[pandas]'). The frame stands for a `read_sql` result: typed
columns, with a nullable integer, a categorical and real timestamps. The spec is compiled
from the dtypes, pre-flighted row by row, and written with the upload CSV next to it; the
file_id is put in once the zip is uploaded (`Compilation.with_file_id`).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from mapper.catalog import load_catalog
from mapper.compile import CompileOptions, compile_spec, render_json
from mapper.frames import write_upload_csv
from mapper.preflight import preflight


def deals() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Deal Name": ["Alder & Finch - Renewal", "Blue Harbor - Expansion", "Quarry - Pilot"],
            "Stage": pd.Categorical(["Qualification", "Closed Lost", "Qualification"]),
            "Amount": [10100.0, 17700.5, None],
            "Probability (%)": pd.array([40, None, 10], dtype="Int64"),
            "Closing Date": pd.to_datetime(["2025-12-13", "2025-05-11", "2025-02-05"]),
            "Deal Owner": ["kenji.ito@example.com", "maria.lopez@example.com", None],
        }
    )


def main(out_dir: Path) -> int:
    frame = deals()
    result = compile_spec(frame, CompileOptions(module="Deals"), load_catalog())
    for finding in result.diagnostics:
        print(finding.severity.value, finding.code, finding.message, file=sys.stderr)
    if not result.ok:
        return 1
    checked = preflight(result, frame)
    print(f"{checked.rows} rows, predicted: {checked.outcomes}", file=sys.stderr)
    out_dir.mkdir(parents=True, exist_ok=True)
    write_upload_csv(frame, out_dir / "deals.csv", result)
    (out_dir / "deals.inputData.json").write_text(render_json(result.body), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "upload")))
