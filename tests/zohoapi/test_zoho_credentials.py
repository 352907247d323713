"""Credentials: flags over the environment over the 0600 file; endpoints per data centre."""

from __future__ import annotations

import json
import stat

import pytest

from mapper.zohoapi import ZohoError, load_credentials, save_credentials
from mapper.zohoapi.credentials import credentials_path

FILE = {
    "client_id": "file-id",
    "client_secret": "file-secret",
    "refresh_token": "file-refresh",
    "dc": "eu",
    "org_id": "file-org",
}


@pytest.fixture
def stored(tmp_path):
    path = tmp_path / "credentials.json"
    path.write_text(json.dumps(FILE))
    return path


def test_the_file_alone(stored):
    creds = load_credentials(path=stored, env={})
    assert (creds.client_id, creds.dc, creds.org_id) == ("file-id", "eu", "file-org")
    assert creds.endpoints.accounts == "https://accounts.zoho.eu"
    assert creds.endpoints.upload == "https://content.zohoapis.eu"


def test_environment_wins_over_the_file_and_flags_over_both(stored):
    env = {"ZOHO_CLIENT_SECRET": "env-secret", "ZOHO_DC": "ca", "ZOHO_ORG_ID": "env-org"}
    creds = load_credentials(path=stored, env=env, org_id="flag-org")
    assert (creds.client_secret, creds.dc, creds.org_id) == ("env-secret", "ca", "flag-org")
    assert creds.endpoints.upload == "https://upload.zohocloud.ca"
    assert creds.endpoints.accounts == "https://accounts.zohocloud.ca"


def test_endpoint_overrides(stored):
    env = {"ZOHO_API_URL": "http://127.0.0.1:9/"}
    creds = load_credentials(path=stored, env=env, content_url="http://127.0.0.1:8")
    assert creds.endpoints.api == "http://127.0.0.1:9"
    assert creds.endpoints.upload == "http://127.0.0.1:8"
    assert creds.endpoints.accounts == "https://accounts.zoho.eu"


def test_missing_pieces_name_the_variables(tmp_path):
    with pytest.raises(ZohoError) as raised:
        load_credentials(path=tmp_path / "none.json", env={"ZOHO_CLIENT_ID": "x"})
    error = raised.value
    assert error.code == "NO_CREDENTIALS" and error.exit_code == 2
    assert "ZOHO_CLIENT_SECRET, ZOHO_REFRESH_TOKEN" in error.message
    assert "mapper auth" in error.hint


def test_unknown_data_centre(stored):
    with pytest.raises(ZohoError) as raised:
        load_credentials(path=stored, env={"ZOHO_DC": "mars"})
    assert "mars" in raised.value.message and "com.au" in raised.value.message


def test_a_broken_file_is_a_clear_error(tmp_path):
    path = tmp_path / "credentials.json"
    path.write_text("[1, 2")
    with pytest.raises(ZohoError) as raised:
        load_credentials(path=path, env={})
    assert str(path) in raised.value.message


def test_saved_file_is_mode_0600_and_round_trips(stored, tmp_path):
    creds = load_credentials(path=stored, env={"ZOHO_ACCOUNTS_URL": "http://127.0.0.1:1"})
    path = save_credentials(creds, tmp_path / "deep" / "credentials.json")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_credentials(path=path, env={}) == creds
    assert not [p for p in path.parent.iterdir() if p.name != "credentials.json"]


def test_repr_hides_the_secrets(stored):
    text = repr(load_credentials(path=stored, env={}))
    assert "file-secret" not in text and "file-refresh" not in text


def test_credentials_path_follows_the_environment(tmp_path):
    assert credentials_path({"MAPPER_CREDENTIALS_FILE": str(tmp_path / "c.json")}) == (
        tmp_path / "c.json"
    )
    assert credentials_path({}).name == "credentials.json"
