"""A real browser for the tests: Debian's headless Chromium driven by Selenium through chromium-driver.

deploy/local/browser.sh installs the browser, its driver and axe-core (the accessibility checker)
and says where they are; Selenium gets those paths explicitly, so Selenium Manager never tries to
download a browser or a driver.
"""

from __future__ import annotations

import base64
import os
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.remote.webdriver import WebDriver

from tests.support.infrastructure import LOCAL, REPO

PHONE = (390, 844)
DESKTOP = (1366, 900)
PAGE_LOAD_SECONDS = 30
# Pages taller than this are cut in screenshots: enough for any page a person would scroll through.
MAX_SCREENSHOT_HEIGHT = 12000
SERIOUS = {"serious", "critical"}

OpenBrowser = Callable[..., WebDriver]


@dataclass(frozen=True)
class BrowserTools:
    """Where the browser, its driver and axe-core are on this machine."""

    chromium: str
    chromedriver: str
    axe_js: Path


@cache
def browser_tools() -> BrowserTools:
    """Install what is missing (deploy/local/browser.sh ensure), once per session, and say where it is."""
    script = str(LOCAL / "browser.sh")
    ensured = subprocess.run(["bash", script, "ensure"], capture_output=True, text=True, timeout=900)
    assert ensured.returncode == 0, f"deploy/local/browser.sh ensure failed:\n{ensured.stdout}\n{ensured.stderr}"
    paths = subprocess.run(["bash", script, "paths"], capture_output=True, text=True, timeout=30, check=True)
    found = dict(line.split("=", 1) for line in paths.stdout.splitlines() if "=" in line)
    return BrowserTools(found["CHROMIUM_BINARY"], found["CHROMEDRIVER_PATH"], Path(found["AXE_CORE_JS"]))


def new_browser(size: tuple[int, int] = DESKTOP, language: str = "en") -> WebDriver:
    """A headless Chromium window of `size` (width, height) whose user prefers `language`."""
    tools = browser_tools()
    options = webdriver.ChromeOptions()
    options.binary_location = tools.chromium
    for argument in (
        "--headless=new",
        "--no-sandbox",  # Chromium refuses to run as root with its sandbox (CI runs as root)
        "--disable-dev-shm-usage",  # containers have a tiny /dev/shm
        "--disable-gpu",
        "--hide-scrollbars",  # screenshots show the page, not the scrollbar
        f"--window-size={size[0]},{size[1]}",
        f"--lang={language}",
    ):
        options.add_argument(argument)
    # What the browser sends as Accept-Language.
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=tools.chromedriver))
    driver.set_page_load_timeout(PAGE_LOAD_SECONDS)
    driver.set_script_timeout(PAGE_LOAD_SECONDS)
    # The viewport at exactly the asked size (headless windows are at least 500 px wide); a phone
    # lays a page out as a phone does: 980 px wide unless the page has a viewport meta tag.
    width, height = size
    metrics = {"width": width, "height": height, "screenWidth": width, "screenHeight": height}
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride", metrics | {"deviceScaleFactor": 1, "mobile": width < 600}
    )
    return driver


@contextmanager
def browsers() -> Iterator[OpenBrowser]:
    """A factory of browsers (`open(PHONE, language="nl")`), every one closed at the end."""
    opened: list[WebDriver] = []

    def open_browser(size: tuple[int, int] = DESKTOP, language: str = "en") -> WebDriver:
        opened.append(new_browser(size, language))
        return opened[-1]

    try:
        yield open_browser
    finally:
        for driver in opened:
            driver.quit()


def screenshots_dir() -> Path:
    """var/screenshots (under RECRUITMENT_VAR when set), created when missing."""
    folder = Path(os.environ.get("RECRUITMENT_VAR") or REPO / "var") / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def screenshot(driver: WebDriver, name: str) -> Path:
    """The whole page, scrolled through, as `var/screenshots/<name>-<screen width>.png`; returns the file."""
    screen, width, height = driver.execute_script(
        "const page = document.documentElement;"
        "return [screen.width, page.scrollWidth, Math.max(page.scrollHeight, window.innerHeight)]"
    )
    clip = {"x": 0, "y": 0, "width": width, "height": min(height, MAX_SCREENSHOT_HEIGHT), "scale": 1}
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip}
    )
    path = screenshots_dir() / f"{name}-{screen}.png"
    path.write_bytes(base64.b64decode(shot["data"]))
    return path


_RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ["violations"]})
  .then(results => done(results.violations), error => done({error: String(error)}));
"""


def serious_or_critical_violations(driver: WebDriver) -> list[dict]:
    """axe-core's violations of impact serious or critical on the page: rule id, impact, what to fix,
    and the CSS selectors of the offending elements, so a failing assertion says what to change."""
    driver.execute_script(browser_tools().axe_js.read_text(encoding="utf-8"))
    violations = driver.execute_async_script(_RUN_AXE)
    if isinstance(violations, dict):
        raise RuntimeError(f"axe-core could not check {driver.current_url}: {violations['error']}")
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"]],
        }
        for violation in violations
        if violation["impact"] in SERIOUS
    ]
