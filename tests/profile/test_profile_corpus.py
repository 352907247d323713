"""Every real file in ../shared/corpus/real profiles, or fails with a clear message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from mapper.cli import main

CORPUS = Path(__file__).parents[2] / ".." / "shared" / "corpus" / "real"
FILES = sorted(p for p in CORPUS.rglob("*.csv")) if CORPUS.is_dir() else []


# files whose table once ended in a traceback when stdout could not be written
UNWRITABLE_CASES = ("krayin/persons.csv", "civicrm/individual_dates_type1.csv", "listmonk/subs.csv")


@pytest.mark.skipif(not FILES, reason="the real corpus (../shared/corpus/real) is absent")
@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (a full disk)")
@pytest.mark.parametrize("name", UNWRITABLE_CASES)
def test_a_profile_whose_output_cannot_be_written_is_one_message(name: str) -> None:
    with open("/dev/full", "w") as full:
        run = subprocess.run(
            [sys.executable, "-m", "mapper", "profile", str(CORPUS / name)],
            stdout=full, stderr=subprocess.PIPE, text=True, timeout=60,
        )  # fmt: skip
    assert run.returncode == 2, run.stderr
    assert run.stderr == "mapper: error: cannot write the output: No space left on device\n"


# one file of each of five sources a report listed as "exit 1", one file per source, every
# source: the one way found here to fail on every file alike is a closed stderr (the
# progress bar's sys.stderr.isatty() met None) or stdout (the group's flush met None)
CLOSED_STREAM_CASES = (
    "civicrm/individual_dates_type2.csv", "krayin/leads.csv", "listmonk/subs.csv",
    "thunderbird/shiftjis_addressbook.csv", "zoho-integration/Contacts.csv",
)  # fmt: skip


def _with_closed(fds: tuple[int, ...], *argv: str) -> subprocess.CompletedProcess:
    """``python -m mapper ARGV`` started with the descriptors ``fds`` closed (``>&-``)."""
    return subprocess.run(
        [sys.executable, "-m", "mapper", *argv],
        capture_output=True, text=True, timeout=60,
        preexec_fn=lambda: [os.close(fd) for fd in fds],
    )  # fmt: skip


@pytest.mark.skipif(not FILES, reason="the real corpus (../shared/corpus/real) is absent")
@pytest.mark.parametrize("name", CLOSED_STREAM_CASES)
@pytest.mark.parametrize("closed", [(1,), (2,), (1, 2)], ids=["stdout", "stderr", "both"])
def test_a_real_file_profiles_with_a_standard_stream_closed(name: str, closed: tuple) -> None:
    run = _with_closed(closed, "profile", str(CORPUS / name))
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    if 1 not in closed:
        assert run.stdout.startswith(str(CORPUS / name))


def test_check_with_stdin_closed_reads_an_empty_spec() -> None:
    run = _with_closed((0,), "check", "-")
    assert run.returncode == 1, run.stderr
    assert "<stdin>:1:1: error BW001 empty file" in run.stdout


@pytest.mark.skipif(not FILES, reason="the real corpus (../shared/corpus/real) is absent")
@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(CORPUS)))
def test_real_file_profiles_without_a_traceback(path: Path):
    result = CliRunner().invoke(main, ["profile", str(path), "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 2)
    if result.exit_code == 2:
        assert "mapper: error:" in result.output


def test_corpus_traits_are_recognised():
    if not FILES:
        pytest.skip("the real corpus (../shared/corpus/real) is absent")
    from mapper.profile import profile

    expected = {
        "thunderbird/utf16_addressbook.csv": ("utf-16-le", ","),
        "thunderbird/shiftjis_addressbook.csv": ("cp932", ","),
        "salesforce-dataloader/accountData.csv": ("cp1252", ","),
        "thunderbird/csv_semicolon.csv": ("utf-8", ";"),
    }
    for name, (encoding, delimiter) in expected.items():
        result = profile(CORPUS / name)
        assert (result.encoding, result.delimiter) == (encoding, delimiter), name
    assert not profile(CORPUS / "thunderbird/csv_no_header.csv").header
