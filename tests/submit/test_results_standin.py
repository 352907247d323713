"""The whole road of a result: split, upload, create, poll and download through the real
stand-in over HTTP, then explain the downloaded ZIPs against the source."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from mapper.csvfile import raw_records, sniff
from mapper.split import split
from mapper.submit.results import PartResult, Prediction, explain, summary_lines, write_outputs
from mapper.zohoapi import ZohoClient, load_credentials
from mapper.zohoapi.standin import StandinHandle, start_standin

SOURCE = (
    "Last_Name,Company,Email,Description\r\n"
    "Smith,Acme,smith@example.com,plain\r\n"
    ',Beta,beta@example.com,"no last name\r\nacross two lines"\r\n'
    "Lee,Gamma,not-an-email,bad email\r\n"
    "Khan,Delta,khan@example.com,fine\r\n"
    "Ortiz,Epsilon,khan@example.com,repeats an email in its part\r\n"
)
MAPPINGS = [
    {"api_name": "Last_Name", "index": 0},
    {"api_name": "Company", "index": 1},
    {"api_name": "Email", "index": 2},
    {"api_name": "Description", "index": 3},
]


@pytest.fixture
def standin() -> Iterator[StandinHandle]:
    with start_standin(port=0) as handle:
        yield handle


@pytest.fixture
def client(standin: StandinHandle, tmp_path: Path) -> Iterator[ZohoClient]:
    credentials = load_credentials(env=standin.credentials, path=tmp_path / "none.json")
    with ZohoClient(credentials, timeout=5.0, retry_budget=10.0) as zoho:
        yield zoho


def _body() -> dict:
    resource = {
        "type": "data",
        "module": {"api_name": "Leads"},
        "file_id": "FILE_ID",
        "field_mappings": MAPPINGS,
    }
    return {"operation": "insert", "resource": [resource]}


def _run_job(client: ZohoClient, zip_path: Path, spec_path: Path, dest: Path) -> Path:
    body = json.loads(spec_path.read_text())
    body["resource"][0]["file_id"] = client.upload_zip(zip_path)
    job_id = client.create_job(body)
    for _ in range(10):
        details = client.job_details(job_id)
        if details.done:
            break
    assert details.status == "COMPLETED"
    return client.download(details.download_url, dest)


def test_results_of_two_parts_explained_row_by_row(client, tmp_path):
    source = tmp_path / "leads.csv"
    source.write_bytes(SOURCE.encode())
    chunks = split(_body(), source, tmp_path / "parts", max_rows=3)
    assert [c.rows for c in chunks] == [(3,), (2,)]
    data_lines = iter([line for line, _ in raw_records(source, sniff(source))][1:])
    parts = []
    for chunk in reversed(chunks):  # the order of the parts does not matter
        result = _run_job(client, chunk.zip_path, chunk.spec_path, tmp_path / f"r{chunk.number}")
        parts.append((chunk, result))
    parts.sort(key=lambda item: item[0].number)
    results = [
        PartResult(
            result,
            list(itertools.islice(data_lines, chunk.rows[0])),
            module="Leads",
            csv_name=chunk.csv_paths[0].name,
        )
        for chunk, result in parts
    ]
    prediction = Prediction({3: ("MANDATORY_MISSING",)}, complete=True)
    explanation = explain(source, results[::-1], prediction)

    assert [(r.line, r.status) for r in explanation.rows] == [
        (2, "ADDED"),
        (3, "SKIPPED"),
        (5, "SKIPPED"),
        (6, "ADDED"),
        (7, "SKIPPED"),
    ]
    assert explanation.error_counts == {
        "MANDATORY_NOT_FOUND": 1,
        "INVALID_DATA": 1,
        "DUPLICATE_DATA": 1,
    }
    assert explanation.rows[0].record_id.isdigit()
    assert (explanation.agreed_failing, explanation.agreed_passing) == (1, 2)
    assert [r.line for r in explanation.missed] == [5, 7]
    assert explanation.echo_mismatches == ()

    result_out, failed_out = write_outputs(
        explanation, tmp_path / "result.csv", tmp_path / "failed.csv"
    )
    records = SOURCE.split("\r\n")
    assert (
        failed_out.read_bytes()
        == (
            "\r\n".join([records[0], records[2], records[3], records[4], records[6]]) + "\r\n"
        ).encode()
    )
    assert result_out.read_text().splitlines()[1].startswith("2,ADDED,")
    assert summary_lines(explanation)[0] == "leads.csv: 5 rows: 2 added, 3 skipped"
