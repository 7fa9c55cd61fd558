#!/usr/bin/env bash
# Runs the commands README.md shows, from the repository's root, and checks their results. Used by CI.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build --quiet --product serve
serve="$(swift build --show-bin-path)/serve"

trained=$("$serve" train iris --data data/iris.csv --out models/iris.json)
echo "$trained"
grep -q "test accuracy" <<<"$trained"
git diff --quiet -- models/iris.json || { echo "FAIL: training changed the shipped models/iris.json"; exit 1; }
echo "ok: training reproduced models/iris.json byte for byte"

"$serve" evaluate iris --model models/iris.json --data data/iris.csv --split data/iris_split.json | grep -E "^accuracy"
test -s reports/iris-evaluation.json && echo "ok: reports/iris-evaluation.json written"

port=5002
"$serve" iris.predict --bind 127.0.0.1:$port --option iris.model=models/iris.json --log-level warning &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -s -o /dev/null http://127.0.0.1:$port/healthz && break; sleep 0.1; done

expect_species() {  # species curl-arguments...
  local species=$1; shift
  local got; got=$(curl -s "$@")
  [[ "$got" == "{\"species\":\"$species\","* ]] || { echo "FAIL: curl $* -> $got"; exit 1; }
  echo "ok: curl $* -> $got"
}
expect_species virginica "http://127.0.0.1:$port/iris/predict?sepalLength=5.9&sepalWidth=3.0&petalLength=5.1&petalWidth=1.8"
expect_species virginica -d '{"sepalLength": 5.9, "sepalWidth": 3.0, "petalLength": 5.1, "petalWidth": 1.8}' http://127.0.0.1:$port/iris/predict
expect_species virginica -d '[5.9, 3.0, 5.1, 1.8]' http://127.0.0.1:$port/iris/predict
status=$(curl -s -o /dev/null -w '%{http_code}' -d '[5.9, 3.0, 51, 1.8]' http://127.0.0.1:$port/iris/predict)
[ "$status" = 422 ] || { echo "FAIL: an implausible length gave $status"; exit 1; }
echo "ok: implausible length -> 422"
curl -s http://127.0.0.1:$port/docs | grep -q "Predicts the species of an iris flower" && echo "ok: /docs documents iris.predict"

echo "== the same model as a plain Swift file: Examples/iris/app.swift"
cd Examples/iris
"$serve" train iris --data ../../data/iris.csv --split ../../data/iris_split.json --out model.json >/dev/null
"$serve" app.predict --bind 127.0.0.1:5003 --log-level warning &
app_pid=$!
trap 'kill $pid $app_pid 2>/dev/null || true' EXIT
for _ in $(seq 600); do curl -s -o /dev/null http://127.0.0.1:5003/healthz && break; sleep 0.1; done
from_app=$(curl -s -X POST http://127.0.0.1:5003/predict -H 'Content-Type: application/json' -d '[5.9,3.0,5.1,1.8]')
bundled=$(curl -s -d '[5.9, 3.0, 5.1, 1.8]' http://127.0.0.1:$port/iris/predict)
python3 - "$from_app" "$bundled" <<'PY'
import json, math, sys
app, bundled = (json.loads(text) for text in sys.argv[1:])
assert app["species"] == bundled["species"] == "virginica", (app, bundled)
for name, probability in bundled["probabilities"].items():
    assert math.isclose(app["probabilities"][name], probability, abs_tol=1e-9), (name, app, bundled)
print(f"ok: app.swift answers as the bundled iris.predict: {app}")
PY
