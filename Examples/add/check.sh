#!/usr/bin/env bash
# Runs the commands README.md shows and checks their answers. Used by CI.
set -euo pipefail
cd "$(dirname "$0")"
swift build --quiet --product add-service
swift build --quiet --product add-client
swift test --quiet 2>&1 | tail -n 3    # AddFunctionsTests, through ServeTesting

# The client app links Serve and ServeClient only: no SwiftNIO, Prometheus or ArgumentParser.
heavy=$(nm "$(swift build --show-bin-path)/add-client" | grep -cE 'NIOPosix|Prometheus|ArgumentParser' || true)
[ "$heavy" = 0 ] || { echo "FAIL: add-client links $heavy NIO/Prometheus/ArgumentParser symbols"; exit 1; }
echo "ok: add-client links no NIOPosix, Prometheus or ArgumentParser symbols"
port=5001
"$(swift build --show-bin-path)/add-service" --bind 127.0.0.1:$port --log-level warning &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -s -o /dev/null http://127.0.0.1:$port/healthz && break; sleep 0.1; done

expect() {  # expected-body curl-arguments...
  local expected=$1; shift
  local got; got=$(curl -s "$@")
  if [ "$got" != "$expected" ]; then echo "FAIL: curl $* -> $got (expected $expected)"; exit 1; fi
  echo "ok: curl $* -> $got"
}
expect 30 "http://127.0.0.1:$port/add?a=10&b=20"
expect 30 -d '{"a": 10, "b": 20}' http://127.0.0.1:$port/add
expect 4.0 -d '{"dividend": 7, "divisor": 2, "rounding": "up"}' http://127.0.0.1:$port/divide
status=$(curl -s -o /dev/null -w '%{http_code}' -d '{"dividend": 7, "divisor": 0}' http://127.0.0.1:$port/divide)
[ "$status" = 422 ] || { echo "FAIL: divide by zero gave $status"; exit 1; }
echo "ok: divide by zero -> 422"
curl -s http://127.0.0.1:$port/docs | grep -q "Divides one number by another." && echo "ok: /docs documents divide"

client=$("$(swift build --show-bin-path)/add-client" http://127.0.0.1:$port)
echo "$client"
grep -qx "add(a: 10, b: 20) = 30" <<<"$client" || { echo "FAIL: add-client's typed add"; exit 1; }
grep -qx "divide(dividend: 7, divisor: 2, rounding: .up) = 4.0" <<<"$client" || { echo "FAIL: typed divide"; exit 1; }
grep -qx 'call("add", \["a": 1, "b": 2\]) = 3' <<<"$client" || { echo "FAIL: add-client's call by name"; exit 1; }
grep -q "HTTP 422: Invalid arguments for divide" <<<"$client" || { echo "FAIL: add-client's error"; exit 1; }
echo "ok: add-client called the service with the functions' own declarations and by name"

# The typed call is checked by the compiler: a string for `a` must not build.
wrong=Sources/AddClient/WrongType.swift
trap 'kill $pid 2>/dev/null || true; rm -f "$wrong"' EXIT
printf '%s\n' 'import AddFunctions' 'import ServeClient' \
  'func wrong(_ client: ServeClient) async throws { _ = try await add(on: client, a: "10", b: 20) }' >"$wrong"
if errors=$(swift build --product add-client 2>&1); then echo "FAIL: add(on:a:b:) accepted a string"; exit 1; fi
rm -f "$wrong"
grep -q "cannot convert value of type 'String' to expected argument type 'Int'" <<<"$errors" ||
  { echo "FAIL: unexpected build error: $errors"; exit 1; }
echo "ok: add(on: client, a: \"10\", b: 20) does not compile (String is not Int)"
