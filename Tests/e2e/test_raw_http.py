"""What only a raw socket can send: malformed HTTP, pipelined requests, a TLS handshake on the plain port."""
import json
import socket
import urllib.parse
import urllib.request


def exchange(base_url, raw):
    address = urllib.parse.urlsplit(base_url)
    with socket.create_connection((address.hostname, address.port), timeout=5) as connection:
        connection.sendall(raw)
        connection.shutdown(socket.SHUT_WR)
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    return received.decode("utf-8", "replace")


def responses(text):
    """(status, body) of each response in a stream of HTTP/1.1 responses with content-length."""
    found = []
    while text:
        head, _, rest = text.partition("\r\n\r\n")
        lines = head.split("\r\n")
        length = int(next(line.split(":")[1] for line in lines if line.lower().startswith("content-length")))
        found.append((int(lines[0].split()[1]), rest[:length]))
        text = rest[length:]
    return found


def test_malformed_http_gets_a_json_400(base_url):
    for raw in (b"BLAH / HTTP/1.1\r\n\r\n", b"POST /add HTTP/1.1\r\nContent-Length: abc\r\n\r\n", b"\x16\x03\x01\x02\x00\x01"):
        [(status, body)] = responses(exchange(base_url, raw))
        assert status == 400
        assert json.loads(body)["error"].startswith("Malformed HTTP request")


def test_pipelined_requests_are_answered_in_order(base_url):
    raw = (
        b"GET /add?a=1&b=2 HTTP/1.1\r\nHost: x\r\n\r\n"
        b"POST /add HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\n\r\n[3, 3]"
        b"POST /add HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\n["
        b"GET /add?a=2&b=2 HTTP/1.1\r\nHost: x\r\n\r\n"
    )
    found = responses(exchange(base_url, raw))
    assert [status for status, _ in found] == [200, 200, 400, 200]
    assert [found[0][1], found[1][1], found[3][1]] == ["3", "6", "4"]


def read_response(connection):
    """(status, body) of the next response on a keep-alive connection."""
    received = b""
    while True:
        head, separator, rest = received.partition(b"\r\n\r\n")
        if separator:
            lines = head.split(b"\r\n")
            length = int(next(line.split(b":")[1] for line in lines if line.lower().startswith(b"content-length")))
            if len(rest) >= length:
                return int(lines[0].split()[1]), rest[:length].decode()
        chunk = connection.recv(65536)
        assert chunk, "the server closed the connection before answering"
        received += chunk


def test_connections_that_send_at_once_each_get_their_own_answer(base_url):
    # The server flushes the answers of the connections that were ready together, after making them all:
    # each must still reach its own connection, and none may wait for a later request.
    address = urllib.parse.urlsplit(base_url)
    connections = [socket.create_connection((address.hostname, address.port), timeout=5) for _ in range(48)]
    try:
        for turn in range(3):
            for index, connection in enumerate(connections):
                body = json.dumps({"a": index, "b": 1000 * turn}).encode()
                connection.sendall(
                    b"POST /add HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
            answers = [read_response(connection) for connection in connections]
            assert answers == [(200, str(index + 1000 * turn)) for index in range(len(connections))]
    finally:
        for connection in connections:
            connection.close()


def test_server_still_answers_afterwards(base_url):
    with urllib.request.urlopen(base_url + "/add?a=10&b=20") as response:
        assert response.read() == b"30"
