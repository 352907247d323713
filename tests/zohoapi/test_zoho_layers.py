"""Layering: importing the Zoho package loads no HTTP library and touches no network.

That ``mapper check`` loads none is asserted by tests/check/test_cli.py (the shared import
check forbids HTTP libraries by default).
"""

from __future__ import annotations

HTTP_LIBRARIES = ("httpx", "httpcore", "h11", "requests", "urllib3")
NO_NETWORK = """
import socket
def refuse(*args, **kwargs):
    raise AssertionError("network at import time")
socket.socket.connect = refuse
socket.create_connection = refuse
"""


def test_importing_the_zoho_package_loads_no_http_library(assert_imports_nothing_heavy):
    assert_imports_nothing_heavy(
        NO_NETWORK + "import mapper.zohoapi, mapper.zohoapi.standin, mapper.cli.standin\n",
        forbidden=HTTP_LIBRARIES,
    )


def test_importing_the_client_touches_no_network(assert_imports_nothing_heavy):
    assert_imports_nothing_heavy(
        NO_NETWORK + "import mapper.zohoapi.client, mapper.cli.auth\n", forbidden=()
    )
