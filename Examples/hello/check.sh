#!/usr/bin/env bash
# Runs the commands README.md shows, in this folder, and checks their results. Used by CI.
set -euo pipefail
cd "$(dirname "$0")"
serve="$(cd ../.. && swift build --show-bin-path)/serve"
port=5004

"$serve" app --bind 127.0.0.1:$port --log-level warning &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 600); do curl -s -o /dev/null http://127.0.0.1:$port/healthz && break; sleep 0.1; done

expect() {  # expected curl-arguments...
  local expected=$1; shift
  local got; got=$(curl -s "$@")
  [ "$got" = "$expected" ] || { echo "FAIL: curl $* -> $got (expected $expected)"; exit 1; }
  echo "ok: curl $* -> $got"
}
expect 30 "http://127.0.0.1:$port/add?a=10&b=20"
expect '"positive"' -d '{"text": "Please respect each other."}' http://127.0.0.1:$port/predict
status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/add?a=ten&b=20")
[ "$status" = 422 ] || { echo "FAIL: a bad argument gave $status"; exit 1; }
echo "ok: a bad argument -> 422"
curl -s http://127.0.0.1:$port/openapi.json | grep -q "Adds two integers." && echo "ok: the OpenAPI document carries the doc comments"
kill $pid

"$serve" build app -o hello
./hello --bind 127.0.0.1:$port --log-level warning &
pid=$!
for _ in $(seq 100); do curl -s -o /dev/null http://127.0.0.1:$port/healthz && break; sleep 0.1; done
expect 30 "http://127.0.0.1:$port/add?a=10&b=20"
./hello healthcheck --url http://127.0.0.1:$port && echo "ok: ./hello healthcheck"
echo "ok: serve build app -o hello: $(du -h hello | cut -f1), $(ldd hello | grep -c '=>') shared libraries (the C library's)"
