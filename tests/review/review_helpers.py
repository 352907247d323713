"""CSV files the review tests read: hostile headers and cells, and rows that fail."""

from __future__ import annotations

import csv
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
BUILD = Path(__file__).resolve().parents[2] / "build"

# each would run, load or restyle something if a page ever left it unescaped
HOSTILE = (
    "<script>window.__pwned=1</script>",
    '"><img src=x onerror="window.__pwned=2">',
    "</style><h1 id=injected>x</h1>",
)
MISSING_LAST_NAME_EVERY = 7  # rows 3, 10, 17, ... (0-based) have no last name
BAD_EMAIL_EVERY = 5  # rows 1, 6, 11, ... have "not-an-email"


def write_leads(path: Path, rows: int) -> Path:
    """A Leads export: hostile headers on left-out columns, hostile cells everywhere,
    some rows without the mandatory last name, some with a broken email."""
    header = ["Last Name", "Email", "Company", *HOSTILE]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for i in range(rows):
            last = "" if i % MISSING_LAST_NAME_EVERY == 3 else f"Name{i}"
            email = "not-an-email" if i % BAD_EMAIL_EVERY == 1 else f"p{i}@example.org"
            writer.writerow([last, email, f"Acme {HOSTILE[2]}", HOSTILE[0], HOSTILE[1], "x"])
    return path


def open_page(driver, page: Path) -> list[dict]:
    """Load ``page``; the console messages it logged at error level (drained)."""
    driver.get(page.resolve().as_uri())
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def full_page_screenshot(driver, target: Path) -> Path:
    """The whole page as one PNG: the window is made as tall as the document first."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1400, height + 40)
    target.parent.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(target))
    driver.set_window_size(1400, 900)
    return target
