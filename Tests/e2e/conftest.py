"""Starts the real `serve` binary on a free loopback port for the tests in this folder.

SERVE_BIN names the binary (default: .build/debug/serve, which `swift build` makes).
"""
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def base_url():
    binary = os.environ.get("SERVE_BIN", str(ROOT / ".build" / "debug" / "serve"))
    process = subprocess.Popen(
        [binary, "--bind", "127.0.0.1:0", "--log-level", "warning"],
        stdout=subprocess.PIPE,
        text=True,
    )
    line = process.stdout.readline()  # "Serving add on http://127.0.0.1:PORT — docs at …"
    url = next((word for word in line.split() if word.startswith("http://")), None)
    assert url, f"serve did not announce its URL: {line!r}"
    yield url
    process.terminate()
    assert process.wait(timeout=5) == 0
