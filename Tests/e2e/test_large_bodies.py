"""A body over the limit, sent by clients that others wrote: each reads the 413 and its message.

Python's urllib sends the whole body before it reads the answer; if the server closed at once, the
connection would be reset under it and the answer lost. The server closes its side after the answer and
reads and drops the rest for a while (a lingering close). curl sends `Expect: 100-continue` for large
bodies and waits for the server's word before sending the body."""
import json
import subprocess
import urllib.error
import urllib.request

import requests

OVER_THE_LIMIT = b'{"a": 1, "b": 2, "pad": "' + b"x" * (3 << 20) + b'"}'  # the default limit is 1 MiB


def test_urllib_reads_the_413_every_time(base_url):
    for _ in range(5):
        request = urllib.request.Request(f"{base_url}/add", OVER_THE_LIMIT, {"Content-Type": "application/json"})
        try:
            urllib.request.urlopen(request, timeout=10)
            raise AssertionError("a body over the limit was accepted")
        except urllib.error.HTTPError as error:
            assert error.code == 413
            assert "larger than the limit" in json.load(error)["error"]


def test_requests_reads_the_413(base_url):
    for _ in range(3):
        response = requests.post(f"{base_url}/add", data=OVER_THE_LIMIT, headers={"Content-Type": "application/json"},
                                  timeout=10)
        assert response.status_code == 413 and "larger than the limit" in response.json()["error"]


def test_curl_hears_413_before_sending_a_body_over_the_limit(base_url, tmp_path):
    body = tmp_path / "big.json"
    body.write_bytes(OVER_THE_LIMIT)
    output = subprocess.run(
        ["curl", "-sS", "-H", "Expect: 100-continue", "-H", "Content-Type: application/json", "--data-binary",
         f"@{body}", "-w", "\n%{http_code} %{size_upload}", f"{base_url}/add"],
        capture_output=True, text=True, timeout=30).stdout
    answer, status_and_upload = output.rsplit("\n", 1)
    status, uploaded = status_and_upload.split()
    assert status == "413" and "larger than the limit" in json.loads(answer)["error"]
    assert float(uploaded) < len(OVER_THE_LIMIT)  # the 413 came before the body


def test_expect_100_continue_within_the_limit_gets_its_go_ahead(base_url, tmp_path):
    body = tmp_path / "medium.json"
    body.write_bytes(b'{"a": 1, "b": 2}' + b" " * (900 << 10))  # whitespace after the object is allowed
    done = subprocess.run(
        ["curl", "-sS", "-v", "-H", "Expect: 100-continue", "-H", "Content-Type: application/json", "--data-binary",
         f"@{body}", f"{base_url}/add"], capture_output=True, text=True, timeout=30)
    assert done.stdout == "3"
    assert "< HTTP/1.1 100 Continue" in done.stderr  # without it, curl waits a second before sending
