"""The whole platform as real processes, on this test's own databases and topics."""

from collections.abc import Iterator

import pytest

from tests.support.browser import OpenBrowser, browsers
from tests.support.platform import SERVICES, running_platform


@pytest.fixture
def platform(tmp_path, new_database, kafka_bootstrap, topics):
    databases = {name: new_database() for name in SERVICES}
    with running_platform(tmp_path, databases, kafka_bootstrap, topics) as platform:
        yield platform
        print(platform.log_tail())  # shown by pytest only when the test failed


@pytest.fixture
def browser() -> Iterator[OpenBrowser]:
    """Headless Chromium windows (open_browser(size, language)), all closed after the test."""
    with browsers() as open_browser:
        yield open_browser
