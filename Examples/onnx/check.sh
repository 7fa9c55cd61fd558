#!/usr/bin/env bash
# Runs the commands README.md shows, from the repository's root, and checks their results. Used by CI.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build --quiet --product serve
serve="$(swift build --show-bin-path)/serve"

python3 Examples/onnx/train.py

"$serve" Examples/onnx/model.onnx --bind 127.0.0.1:5004 --log-level warning &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -s -o /dev/null http://127.0.0.1:5004/healthz && break; sleep 0.1; done
served=$(curl -s -d '{"features": [[5.9, 3.0, 5.1, 1.8]]}' http://127.0.0.1:5004/model/predict)
echo "ok: serve model.onnx: /model/predict -> $served"
protocol=$(curl -s -d '{"inputs": [{"name": "features", "shape": [1, 4], "datatype": "FP32", "data": [5.9, 3.0, 5.1, 1.8]}]}' \
  http://127.0.0.1:5004/v2/models/model/infer)
echo "ok: serve model.onnx: /v2/models/model/infer -> $protocol"

cd Examples/onnx
"$serve" app.predict --bind 127.0.0.1:5005 --log-level warning &
app_pid=$!
trap 'kill $pid $app_pid 2>/dev/null || true' EXIT
for _ in $(seq 600); do curl -s -o /dev/null http://127.0.0.1:5005/healthz && break; sleep 0.1; done
from_app=$(curl -s -d '{"sepalLength": 5.9, "sepalWidth": 3.0, "petalLength": 5.1, "petalWidth": 1.8}' \
  http://127.0.0.1:5005/predict)
python3 - "$served" "$protocol" "$from_app" <<'PY'
import json, sys
import numpy as np, onnxruntime
served, protocol, app = (json.loads(text) for text in sys.argv[1:])
label, probabilities = onnxruntime.InferenceSession("model.onnx").run(
    None, {"features": np.array([[5.9, 3.0, 5.1, 1.8]], dtype=np.float32)})
assert served["label"] == label.tolist(), (served, label)
assert np.allclose(served["probabilities"], probabilities, rtol=1e-5), (served, probabilities)
outputs = {output["name"]: output["data"] for output in protocol["outputs"]}
assert outputs["label"] == label.tolist() and np.allclose(outputs["probabilities"], probabilities.ravel(), rtol=1e-5)
species = ["setosa", "versicolor", "virginica"][int(label[0])]
assert app["species"] == species and abs(app["probability"] - probabilities[0][label[0]]) < 1e-6, app
print(f"ok: both routes and app.swift give onnxruntime's answer ({species}, {app['probability']:.2f}): {app}")
PY
