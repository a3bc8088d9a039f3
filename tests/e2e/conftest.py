"""The whole platform as real processes, on this test's own databases and topics."""

import pytest

from tests.support.platform import SERVICES, running_platform


@pytest.fixture
def platform(tmp_path, new_database, kafka_bootstrap, topics):
    databases = {name: new_database() for name in SERVICES}
    with running_platform(tmp_path, databases, kafka_bootstrap, topics) as platform:
        yield platform
        print(platform.log_tail())  # shown by pytest only when the test failed
