"""The review page in a real browser: what a reviewer sees, and that hostile CSV content
runs nothing. Each test saves a full-page screenshot under build/ for a person to look at."""

from __future__ import annotations

from pathlib import Path

import pytest
from review_helpers import BUILD, EXAMPLES, HOSTILE, full_page_screenshot, open_page, write_leads

from mapper.catalog import load_catalog
from mapper.compile import CompileOptions, compile_spec
from mapper.review import render_html, review_compilation

CONTACTS = CompileOptions(
    module="Contacts", file_id="4150868000005364002", operation="upsert", find_by="Email"
)


def _page(csv_path: Path, options: CompileOptions, out: Path) -> Path:
    catalog = load_catalog()
    review = review_compilation(compile_spec(csv_path, options, catalog), options, catalog)
    out.write_text(render_html(review), encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def contacts_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("review") / "contacts.html"
    return _page(EXAMPLES / "contacts_export.csv", CONTACTS, out)


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    csv_path = write_leads(folder / "leads.csv", 40)
    return _page(csv_path, CompileOptions(module="Leads", file_id="1"), folder / "leads.html")


def test_the_contacts_page_shows_each_mapping_and_its_evidence(browser, contacts_page) -> None:
    from selenium.webdriver.common.by import By

    errors = open_page(browser, contacts_page)
    full_page_screenshot(browser, BUILD / "review-contacts.png")
    assert errors == []
    rows = browser.find_elements(By.CSS_SELECTOR, "#mapping tr.mapping")
    assert len(rows) == 7
    born = browser.find_element(By.CSS_SELECTOR, '#mapping tr.mapping[data-index="5"]')
    assert "Date of Birth" in born.text and "Date_of_Birth" in born.text
    assert "dd.MM.yyyy" in born.text
    # the value that proved day-first, as the profile found it
    assert "27.07.1985 cannot be MM.dd.yyyy" in born.text
    account = browser.find_element(By.CSS_SELECTOR, '#mapping tr.mapping[data-index="3"]')
    assert "Account_Name" in account.text and "values are names" in account.text
    verdict = browser.find_element(By.ID, "verdict")
    assert verdict.text.startswith("Ready to upload") and "ok" in verdict.get_attribute("class")


def test_the_chart_draws_one_bar_per_status_and_code(browser, hostile_page) -> None:
    from selenium.webdriver.common.by import By

    assert open_page(browser, hostile_page) == []
    bars = {
        bar.get_attribute("data-label"): int(bar.get_attribute("data-value"))
        for bar in browser.find_elements(By.CSS_SELECTOR, "#chart g.bar")
    }
    # 40 rows: 6 without a last name (3, 10, ... 38), 8 broken emails, 7 of them repeats
    assert bars["MANDATORY_NOT_FOUND"] == 6
    assert bars["INVALID_DATA"] == 8
    assert bars["added"] + bars["skipped"] == 40
    widths = {
        rect.get_attribute("class"): rect.size["width"]
        for rect in browser.find_elements(By.CSS_SELECTOR, "#chart rect")
    }
    assert widths["ok"] > widths["bad"] > 0


def test_the_offending_cell_is_highlighted(browser, hostile_page) -> None:
    from selenium.webdriver.common.by import By

    open_page(browser, hostile_page)
    table = browser.find_element(By.CSS_SELECTOR, '#failing h3[data-code="INVALID_DATA"] + div')
    first = table.find_element(By.CSS_SELECTOR, "tbody tr")
    assert first.get_attribute("data-line") == "3"  # row 1 (0-based) is line 3
    [bad] = first.find_elements(By.CSS_SELECTOR, "td.bad")
    assert bad.text == "not-an-email"
    assert bad.value_of_css_property("background-color") != "rgba(0, 0, 0, 0)"


def test_hostile_headers_and_cells_run_nothing(browser, hostile_page) -> None:
    from selenium.webdriver.common.by import By

    errors = open_page(browser, hostile_page)
    full_page_screenshot(browser, BUILD / "review-hostile.png")
    assert errors == []
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    assert browser.find_elements(By.TAG_NAME, "script") == []
    assert browser.find_elements(By.TAG_NAME, "img") == []
    assert browser.find_elements(By.ID, "injected") == []
    assert len(browser.find_elements(By.TAG_NAME, "style")) == 1
    # the text is shown as written, as a header of the left-out columns
    headers = [c.text for c in browser.find_elements(By.CSS_SELECTOR, "#unmapped td.header")]
    for text in HOSTILE:
        assert any(h.startswith(text) for h in headers), (text, headers)
