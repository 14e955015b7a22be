"""Browser fixtures: Playwright's sync API driving Debian's Chromium (never a downloaded browser).

The sync API runs an event loop in the test thread, which Django would otherwise take for async code.
"""

import contextlib
import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("MAILLAGE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
SCREENSHOT_DIR = Path(settings.BASE_DIR) / "var" / "screenshots"

# The live server goes through WhiteNoise, which warns (an error under our filterwarnings) when
# STATIC_ROOT does not exist yet, as in a fresh clone or a throwaway MAILLAGE_VAR_DIR.
Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


@pytest.fixture(scope="session")
def browser():
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        message = f"Chromium introuvable ({CHROMIUM}) : installez le paquet Debian chromium (scripts/bootstrap.sh test)."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        yield page
        # Let requests the page still has in flight finish before the database is flushed: on
        # SQLite the live server shares the test's connection, and a request still reading a
        # table makes the flush fail with "database table is locked".
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        with contextlib.suppress(PlaywrightTimeout):  # a page never idle is reported by its test
            page.wait_for_load_state("networkidle", timeout=5_000)
        report = getattr(request.node, "report_call", None)
        if report is not None and report.failed:
            # What the browser showed when the test failed: var/screenshots/echec-<test>-<base>.png
            from django.db import connection

            SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
            path = SCREENSHOT_DIR / f"echec-{request.node.name}-{connection.vendor}.png"
            page.screenshot(path=path, full_page=True)
            print(f"Capture de l'échec : {path}")
    finally:
        context.close()


@pytest.fixture
def screenshot_dir():
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOT_DIR
