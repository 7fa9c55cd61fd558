"""A corpus of bad input, sent over raw sockets to one real server: each request gets its documented
status with a JSON error, and the server keeps serving. The server runs with short timeouts (read 1 s,
idle 2 s) so slow senders are caught quickly; every other limit is the default."""
import json
import os
import socket
import time
import urllib.parse
import weakref

import pytest

import images
from conftest import launch, stop


@pytest.fixture(scope="module")
def server():
    process, url = launch("--read-timeout", "1", "--idle-timeout", "2")
    address = urllib.parse.urlsplit(url)
    yield process, (address.hostname, address.port)
    assert process.poll() is None, "the server died during the corpus"
    stop(process)


# Bytes read past the end of one response on a connection: the start of the next (pipelined answers can
# arrive in one segment).
_leftover = weakref.WeakKeyDictionary()


def read_response(connection):
    """(status, headers, body) of one response, or None when the connection closed first."""
    data = _leftover.pop(connection, b"")
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {name.lower(): value.strip() for name, _, value in (line.partition(":") for line in lines[1:])}
    length = int(headers.get("content-length", "0"))
    while len(body) < length:
        chunk = connection.recv(65536)
        if not chunk:
            break
        body += chunk
    _leftover[connection] = body[length:]
    return int(lines[0].split()[1]), headers, body[:length]


def send(address, raw, timeout=5):
    """Sends `raw`, half-closes, and reads one response."""
    with socket.create_connection(address, timeout=timeout) as connection:
        connection.sendall(raw)
        connection.shutdown(socket.SHUT_WR)
        return read_response(connection)


def post(path, body, content_type="application/json"):
    if isinstance(body, str):
        body = body.encode()
    return (f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode() + body


IRIS = '"sepalWidth": 3, "petalLength": 5, "petalWidth": 1.8'

CORPUS = [
    # Malformed and truncated JSON
    ("truncated object", post("/add", '{"a": 1, "b"'), 400),
    ("missing comma", post("/add", '{"a": 1 "b": 2}'), 400),
    ("single quotes", post("/add", "{'a': 1, 'b': 2}"), 400),
    ("trailing garbage", post("/add", '{"a": 1, "b": 2} x'), 400),
    ("unterminated string", post("/sentiment/predict", '{"text": "abc'), 400),
    ("lone surrogate escape", post("/sentiment/predict", '{"text": "\\ud800"}'), 400),
    ("control character in string", post("/sentiment/predict", b'{"text": "a\x01b"}'), 400),
    # Wrong types and missing or unknown arguments
    ("string for an integer", post("/add", '{"a": "ten", "b": 2}'), 422),
    ("fraction for an integer", post("/add", '{"a": 1.5, "b": 2}'), 422),
    ("null and boolean", post("/add", '{"a": null, "b": true}'), 422),
    ("missing argument", post("/add", '{"a": 1}'), 422),
    ("unknown argument", post("/add", '{"a": 1, "b": 2, "c": 3}'), 422),
    ("object for a string", post("/sentiment/predict", '{"text": {"x": 1}}'), 422),
    ("scalar body", post("/add", "42"), 422),
    ("too many positional arguments", post("/add", "[1, 2, 3]"), 422),
    # Huge, NaN and Infinity numbers
    ("integer beyond 32 bits", post("/add", '{"a": 2147483648, "b": 1}'), 422),
    ("integer beyond 64 bits", post("/add", '{"a": 99999999999999999999999, "b": 1}'), 422),
    ("negative beyond 64 bits", post("/add", '{"a": 0, "b": -9223372036854775809}'), 422),
    ("huge exponent", post("/add", '{"a": 1e999999999, "b": 1}'), 422),
    ("number overflowing a double", post("/iris/predict", '{"sepalLength": 1e400, ' + IRIS + "}"), 422),
    ("length out of range", post("/iris/predict", '{"sepalLength": 31, ' + IRIS + "}"), 422),
    ("NaN literal", post("/iris/predict", '{"sepalLength": NaN, ' + IRIS + "}"), 400),
    ("Infinity literal", post("/iris/predict", '{"sepalLength": Infinity, ' + IRIS + "}"), 400),
    ("negative Infinity literal", post("/add", '{"a": -Infinity, "b": 1}'), 400),
    # Deep nesting and duplicate keys
    ("10,000-deep arrays", post("/add", "[" * 10_000 + "]" * 10_000), 400),
    ("10,000-deep objects", post("/add", '{"a":' * 10_000 + "1" + "}" * 10_000), 400),
    ("10,000-deep in a batch", post("/add/batch", '{"instances": ' + "[" * 10_000 + "]" * 10_000 + "}"), 400),
    ("duplicate keys", post("/add", '{"a": 1, "a": 2, "b": 3}'), 422),
    # Invalid UTF-8
    ("invalid UTF-8 in a body", post("/sentiment/predict", b'{"text": "\xff\xfe"}'), 400),
    ("overlong UTF-8 encoding", post("/sentiment/predict", b'{"text": "\xc0\xaf"}'), 400),
    ("invalid UTF-8 in a query", b"GET /sentiment/predict?text=%FF%FE HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    ("blank text", post("/sentiment/predict", '{"text": " \\n\\t"}'), 422),
    ("text over 10,000 characters", post("/sentiment/predict", json.dumps({"text": "é" * 10_001})), 422),
    # Oversized bodies, targets and heads
    ("declared body over 1 MiB", b"POST /add HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n", 413),
    ("chunked body over 1 MiB", b"POST /add HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
     + b"100000\r\n" + b"x" * 0x100000 + b"\r\n" + b"10\r\n" + b"y" * 16 + b"\r\n0\r\n\r\n", 413),
    ("batch over 1,000 instances", post("/add/batch", json.dumps({"instances": [[1, 2]] * 1001})), 413),
    ("target over 8 KiB", b"GET /add?a=1&b=2&pad=" + b"x" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414),
    ("head over 16 KiB", b"GET /add?a=1&b=2 HTTP/1.1\r\nHost: x\r\nX-Pad: " + b"y" * 20_000 + b"\r\n\r\n", 431),
    ("too many header fields", b"GET /healthz HTTP/1.1\r\n" + b"".join(b"X-%d: 1\r\n" % i for i in range(300)) + b"\r\n", 431),
    # Methods, media types and malformed HTTP
    ("unknown method", b"BREW /add HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    ("PUT on a function", b"PUT /add HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", 405),
    ("DELETE on the manifest", b"DELETE / HTTP/1.1\r\nHost: x\r\n\r\n", 405),
    ("POST on a probe", b"POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", 405),
    ("OPTIONS without CORS", b"OPTIONS /add HTTP/1.1\r\nHost: x\r\nOrigin: https://a.example\r\n"
     b"Access-Control-Request-Method: POST\r\n\r\n", 405),
    ("unsupported media type", post("/add", "<a>1</a>", content_type="application/xml"), 415),
    ("multipart without a boundary", post("/add", "--x--", content_type="multipart/form-data"), 400),
    ("bad content length", b"POST /add HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", 400),
    ("two content lengths", b"POST /add HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n[1]", 400),
    ("content length and chunked", b"POST /add HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
     b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
    ("HTTP/2 preface on the plain port", b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 400),
    ("TLS handshake on the plain port", b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 400),
    ("nothing at the path", b"GET /nothing/here HTTP/1.1\r\nHost: x\r\n\r\n", 404),
    # Images that attack the decoder: each is refused before it costs memory, and the server goes on.
    ("truncated PNG", post("/fashion/predict", images.TROUSER_PNG[:60], "image/png"), 400),
    ("JPEG whose header declares 30,000 × 30,000",
     post("/fashion/predict", images.jpeg_with_size(images.TROUSER_JPEG, 30_000, 30_000), "image/jpeg"), 422),
    ("JPEG whose header lies about a plausible size",
     post("/fashion/predict", images.jpeg_with_size(images.TROUSER_JPEG, 2_000, 2_000), "image/jpeg"), 400),
    ("PNG declaring 30,000 × 30,000", post("/fashion/predict", images.png_declaring(30_000, 30_000, rows=1),
                                           "image/png"), 422),
    ("PNG decompression bomb (8,000 × 8,000 zeros in 62 kB)",
     post("/fashion/predict", images.png_declaring(8_000, 8_000), "image/png"), 422),
    ("zero-size image", post("/fashion/predict", b"", "image/png"), 422),
    ("empty multipart file", post("/fashion/predict", b"--B\r\nContent-Disposition: form-data; name=\"image\"; "
                                  b"filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n\r\n--B--\r\n",
                                  "multipart/form-data; boundary=B"), 400),
    ("progressive JPEG with 600 scans",
     post("/fashion/predict", images.progressive_jpeg_with_many_scans(), "image/jpeg"), 400),
    ("GIF", post("/fashion/predict", images.gif(), "image/gif"), 415),
    ("PDF as a multipart image", post("/fashion/predict", b"--B\r\nContent-Disposition: form-data; name=\"image\"; "
                                      b"filename=\"a.pdf\"\r\n\r\n%PDF-1.4\r\n--B--\r\n",
                                      "multipart/form-data; boundary=B"), 415),
    ("bad base64", post("/fashion/predict", '{"image": "iVBOR$$$"}'), 422),
    ("declared image over 8 MiB", b"POST /fashion/predict HTTP/1.1\r\nHost: x\r\nContent-Type: image/png\r\n"
     b"Content-Length: 9000000\r\n\r\n", 413),
]


@pytest.mark.parametrize("name,raw,status", CORPUS, ids=[case[0] for case in CORPUS])
def test_bad_input_gets_its_status_and_a_json_error(server, name, raw, status):
    _, address = server
    response = send(address, raw)
    assert response is not None, f"{name}: the connection closed without a response"
    got, headers, body = response
    assert got == status, f"{name}: {got} {body[:300]!r}"
    assert headers["content-type"] == "application/json"
    assert headers["x-content-type-options"] == "nosniff"
    assert isinstance(json.loads(body)["error"], str)
    # The server goes on serving.
    assert send(address, b"GET /add?a=1&b=2 HTTP/1.1\r\nHost: x\r\n\r\n")[2] == b"3"


def test_a_slow_sender_gets_408_and_the_connection_closes(server):
    _, address = server
    for partial in (b"POST /add HTTP/1.1\r\nHost: x\r\n",  # head never finished
                    b"POST /add HTTP/1.1\r\nHost: x\r\nContent-Length: 20\r\n\r\n{\"a\": "):  # body never finished
        with socket.create_connection(address, timeout=5) as connection:
            connection.sendall(partial)
            started = time.monotonic()
            status, headers, body = read_response(connection)
            assert status == 408 and headers["connection"] == "close"
            assert "not received in time" in json.loads(body)["error"]
            assert 0.9 < time.monotonic() - started < 3
            assert connection.recv(1) == b""


def test_a_drip_fed_request_is_cut_off_at_the_read_timeout(server):
    """A byte every 50 ms keeps the connection busy, but the read timeout runs from the first byte."""
    _, address = server
    with socket.create_connection(address, timeout=5) as connection:
        started = time.monotonic()
        for byte in b"GET /add?a=1&b=2 HTTP/1.1\r\nHost: x\r\nX-Slow: ":
            if time.monotonic() - started > 0.9:
                break  # stop before the server closes, so no write meets a closed socket
            connection.sendall(bytes([byte]))
            time.sleep(0.05)
        status, _, _ = read_response(connection)
        assert status == 408
        assert time.monotonic() - started < 1.6  # one read timeout after the first byte, not after the last


def test_an_idle_keep_alive_connection_is_closed(server):
    _, address = server
    with socket.create_connection(address, timeout=5) as connection:
        connection.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        assert read_response(connection)[0] == 200
        started = time.monotonic()
        assert connection.recv(1) == b""  # closed by the server, without a response
        assert 1.5 < time.monotonic() - started < 4


def test_pipelined_requests_with_bad_ones_between_are_answered_in_order(server):
    _, address = server
    raw = (b"GET /add?a=1&b=2 HTTP/1.1\r\nHost: x\r\n\r\n"
           + post("/add", '{"a": "x", "b": 1}')
           + b"PUT /add HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"
           + post("/add/batch", '{"instances": [[1, 2], {"a": 1}]}')
           + b"GET /add?a=2&b=2 HTTP/1.1\r\nHost: x\r\n\r\n")
    with socket.create_connection(address, timeout=5) as connection:
        connection.sendall(raw)
        connection.shutdown(socket.SHUT_WR)  # half-closed: the answers still come
        statuses = [read_response(connection)[0] for _ in range(5)]
    assert statuses == [200, 422, 405, 200, 200]


def test_a_client_that_vanishes_mid_request_does_no_harm(server):
    process, address = server
    for raw in (b"POST /add HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"a\"", b"GET /add?a=1", b"\x00" * 10):
        connection = socket.create_connection(address, timeout=5)
        connection.sendall(raw)
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        connection.close()  # a reset, not a clean close
    assert send(address, b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")[0] == 200
    assert process.poll() is None


def test_memory_stays_bounded_after_the_corpus(server):
    process, address = server
    with open(f"/proc/{process.pid}/status") as status:
        rss_kib = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
    assert rss_kib < 200 * 1024, f"RSS {rss_kib} KiB"
