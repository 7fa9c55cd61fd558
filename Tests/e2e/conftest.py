"""Starts the real `serve` binary on free loopback ports for the tests in this folder.

SERVE_BIN names the binary (default: .build/debug/serve, which `swift build` makes).
"""
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINARY = os.environ.get("SERVE_BIN", str(ROOT / ".build" / "debug" / "serve"))


def launch(*arguments):
    """A running `serve` with `arguments`, and the URL its start-up line announced."""
    process = subprocess.Popen(
        [BINARY, "--bind", "127.0.0.1:0", "--log-level", "warning", *arguments],
        stdout=subprocess.PIPE,
        text=True,
    )
    line = process.stdout.readline()  # "Serving add on http://127.0.0.1:PORT — docs at …"
    url = next((word for word in line.split() if word.startswith("http://")), None)
    assert url, f"serve did not announce its URL: {line!r}"
    return process, url


def stop(process):
    process.terminate()
    assert process.wait(timeout=30) == 0


@pytest.fixture(scope="session")
def base_url():
    process, url = launch()
    yield url
    stop(process)


@pytest.fixture
def start_server():
    """Starts servers with extra arguments; each is stopped (and must exit 0) after the test."""
    started = []

    def start(*arguments):
        process, url = launch(*arguments)
        started.append(process)
        return url

    yield start
    for process in started:
        stop(process)
