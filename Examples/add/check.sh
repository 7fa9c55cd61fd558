#!/usr/bin/env bash
# Runs the commands README.md shows and checks their answers. Used by CI.
set -euo pipefail
cd "$(dirname "$0")"
swift build --quiet --product add-service
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
