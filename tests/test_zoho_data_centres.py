"""The data-centre table: every documented DC, the CA and SA upload hosts, the file_id hint."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from mapper.cli import main
from mapper.zoho import DATA_CENTRES, data_centre

ISSUE_CODES = ("com", "eu", "in", "com.au", "jp", "ca", "sa", "com.cn")


def test_every_data_centre_of_the_issue_has_three_https_hosts() -> None:
    assert set(DATA_CENTRES) == set(ISSUE_CODES)
    for dc in DATA_CENTRES.values():
        for host in (dc.accounts, dc.api, dc.upload):
            assert host.startswith("https://") and not host.endswith("/")
            assert host.count("zoho") == 1


@pytest.mark.parametrize(
    ("code", "upload", "accounts"),
    [
        ("ca", "https://upload.zohocloud.ca", "https://accounts.zohocloud.ca"),
        ("sa", "https://files.zoho.sa", "https://accounts.zoho.sa"),
        ("eu", "https://content.zohoapis.eu", "https://accounts.zoho.eu"),
    ],
)
def test_hosts_that_do_not_follow_the_pattern(code: str, upload: str, accounts: str) -> None:
    assert data_centre(code).upload == upload
    assert data_centre(code).accounts == accounts


def test_codes_are_read_loosely_and_unknown_ones_name_the_known() -> None:
    assert data_centre(" CA ").code == "ca"
    assert data_centre("us").code == "com"
    assert data_centre("au").code == "com.au"
    with pytest.raises(KeyError, match=r"known: com, eu"):
        data_centre("moon")


def _hint(tmp_path: Path, env: dict[str, str]) -> str:
    csv_path = tmp_path / "leads.csv"
    csv_path.write_text("Last Name\nOkafor\n")
    args = ["compile", str(csv_path), "--module", "Leads", "--api-version", "v7"]
    result = CliRunner(env=env).invoke(main, args)
    assert result.exit_code == 2
    return result.stderr


def test_file_id_hint_names_the_users_upload_host_and_headers(tmp_path: Path) -> None:
    hint = _hint(tmp_path, {"ZOHO_DC": "sa"})
    assert "https://files.zoho.sa/crm/v7/upload" in hint
    assert "feature: bulk-write" in hint and "X-CRM-ORG" in hint
    assert "content.zohoapis" not in hint


def test_file_id_hint_lists_every_upload_host_without_a_data_centre(tmp_path: Path) -> None:
    hint = _hint(tmp_path, {"ZOHO_DC": ""})
    for dc in DATA_CENTRES.values():
        assert dc.upload in hint
    assert "ZOHO_DC" in hint
