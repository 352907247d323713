"""`mapper check`, `mapper rules`, through click's runner and a real process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from mapper.check import check
from mapper.cli import main

EXAMPLES = Path(__file__).parents[2] / "examples" / "specs"
BAD = (
    '{\n  "operation": "upsert",\n'
    '  "resource": [{"type": "data", "module": {"api_name": "Leads"}, "file_id": "1"}]\n}\n'
)


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def bad_spec(tmp_path: Path) -> Path:
    spec = tmp_path / "bad.json"
    spec.write_text(BAD, encoding="utf-8")
    return spec


def test_examples_pass() -> None:
    specs = sorted(str(p) for p in EXAMPLES.glob("*.json"))
    assert specs
    result = invoke("check", *specs)
    assert result.exit_code == 0, result.output
    assert f"in {len(specs)} files" in result.stdout


def test_errors_exit_1_and_exit_zero_overrides(bad_spec: Path) -> None:
    result = invoke("check", str(bad_spec))
    assert result.exit_code == 1
    assert f"{bad_spec}:3:16: error BW101" in result.stdout
    assert invoke("check", "--exit-zero", str(bad_spec)).exit_code == 0


def test_quiet_prints_only_findings(bad_spec: Path) -> None:
    result = invoke("check", "-q", str(bad_spec))
    assert "Found" not in result.stdout and "BW101" in result.stdout


def test_json_output_equals_the_library_result(bad_spec: Path) -> None:
    result = invoke("check", "--format", "json", str(bad_spec))
    diagnostics = json.loads(result.stdout)["diagnostics"]
    assert diagnostics == [d.as_dict() for d in check(bad_spec)]


def test_api_version_option(tmp_path: Path) -> None:
    spec = tmp_path / "v2.json"
    spec.write_text(BAD.replace('{"api_name": "Leads"}', '"Leads"'), encoding="utf-8")
    assert "BW102" in invoke("check", str(spec)).stdout
    assert "BW102" not in invoke("check", "--api-version", "v2", str(spec)).stdout
    assert invoke("check", "--api-version", "v9", str(spec)).exit_code == 2


@pytest.mark.parametrize("kind", ["missing", "directory"])
def test_io_failures_exit_2_on_stderr(tmp_path: Path, kind: str) -> None:
    target = tmp_path / "nope.json" if kind == "missing" else tmp_path
    result = invoke("check", str(target))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "mapper: error:" in result.stderr


def test_unreadable_file_exits_2(bad_spec: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    # chmod 0 does not stop root, so the refusal is simulated where the file is opened
    monkeypatch.setattr("mapper.spec.read_spec", refuse)
    result = invoke("check", str(bad_spec))
    assert result.exit_code == 2 and "cannot read" in result.stderr and result.stdout == ""


def test_stdin() -> None:
    result = CliRunner().invoke(main, ["check", "-"], input=BAD)
    assert result.exit_code == 1 and "<stdin>:3:16: error BW101" in result.stdout


def test_rules_lists_and_explains() -> None:
    listing = invoke("rules").stdout
    assert "BW101" in listing and "MANDATORY_NOT_FOUND" in listing
    explained = invoke("rules", "bw201")
    assert explained.exit_code == 0 and "INVALID_CALLBACK_METHOD" in explained.stdout
    unknown = invoke("rules", "BW2011")
    assert unknown.exit_code == 2 and "did you mean BW" in unknown.stderr


def run_mapper(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mapper", *args],
        capture_output=True,
        text=True,
        timeout=60,
        **kwargs,
    )


def test_subprocess_exit_codes(tmp_path: Path, bad_spec: Path) -> None:
    assert run_mapper("check", *map(str, EXAMPLES.glob("*.json"))).returncode == 0
    failing = run_mapper("check", "--format", "github", str(bad_spec))
    assert failing.returncode == 1 and failing.stdout.startswith("::error file=")
    missing = run_mapper("check", str(tmp_path / "missing.json"))
    assert missing.returncode == 2 and "Traceback" not in missing.stderr


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\xff\xfe garbage \x81", b"[" * 100_000, b'{"a": "\xff"}', b'{"index": 1e999}'],
    ids=["empty", "random-bytes", "deep-nesting", "invalid-utf8", "huge-number"],
)
def test_bad_input_ends_cleanly_in_a_real_process(tmp_path: Path, content: bytes) -> None:
    spec = tmp_path / "bad.json"
    spec.write_bytes(content)
    result = run_mapper("check", "--format", "json", str(spec))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert json.loads(result.stdout)["summary"]["errors"] >= 1


def test_check_does_not_import_pandas_pyarrow_or_http(assert_imports_nothing_heavy) -> None:
    specs = [str(p) for p in EXAMPLES.glob("*.json")]
    assert specs
    assert_imports_nothing_heavy(
        f"from mapper.cli import main\nmain(['check', '--format', 'sarif', *{specs!r}])\n"
    )


def test_check_with_a_csv_does_not_import_pandas(assert_imports_nothing_heavy) -> None:
    """The DataFrame API recognises frames without importing pandas: a CSV never loads it."""
    spec, data = EXAMPLES.parent / "deals.inputData.json", EXAMPLES.parent / "deals.csv"
    assert_imports_nothing_heavy(
        "from mapper.cli import main\n"
        f"main(['check', '--exit-zero', '{spec}', '--csv', '{data}'])\n",
        forbidden=("pandas", "httpx", "requests", "urllib3"),
    )
