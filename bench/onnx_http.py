"""`serve model.onnx` over HTTP next to FastAPI + onnxruntime and MLServer on the same models and inputs:
the driver behind bench/onnx-http.

Each server runs pinned to CPU 0, wrk on CPU 1 at 16 connections; stacks are interleaved round by round
and every figure is the median over rounds. Serve is measured on both its routes: POST /NAME/predict
(FastAPI's form of the call) and the Open Inference Protocol (MLServer's).
"""
import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

import numpy as np
from skl2onnx import to_onnx
from sklearn.datasets import load_digits, load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

PEERS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "peers")


def export_models(folder):
    """Two models trained here on data scikit-learn ships: a scaler and logistic regression on iris (4
    features), and a multilayer perceptron on the 8×8 digits (64 features, hidden layer of 100)."""
    models = {}
    features, labels = load_iris(return_X_y=True)
    iris = make_pipeline(StandardScaler(), LogisticRegression(max_iter=500)).fit(features, labels)
    digits_features, digits_labels = load_digits(return_X_y=True)
    digits = MLPClassifier(hidden_layer_sizes=(100,), max_iter=300, random_state=0).fit(digits_features, digits_labels)
    for name, model, row in (("iris", iris, features[:1]), ("digits", digits, digits_features[:1])):
        path = os.path.join(folder, name, "model.onnx")
        os.makedirs(os.path.dirname(path))
        onnx = to_onnx(model, row.astype(np.float32), options={"zipmap": False})
        with open(path, "wb") as file:
            file.write(onnx.SerializeToString())
        models[name] = (path, row.astype(np.float32).tolist())
    return models


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(command, env=None, cwd=None):
    return subprocess.Popen(["taskset", "-c", "0", *command], cwd=cwd, env=dict(os.environ, **(env or {})),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def wait_ready(url, body, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            request = urllib.request.Request(url, data=json.dumps(body).encode(),
                                             headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=2) as answer:
                if answer.status == 200:
                    return answer.read()
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} never answered")


def stop(process):
    os.killpg(process.pid, 15)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 9)
        process.wait()


def wrk(url, body, seconds):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(f'wrk.method = "POST"\nwrk.body = {json.dumps(json.dumps(body))}\n'
                     'wrk.headers["Content-Type"] = "application/json"\n')
    output = subprocess.run(["taskset", "-c", "1", "wrk", "-t1", "-c16", f"-d{seconds}s", "-s", script.name, url],
                            capture_output=True, text=True, check=True).stdout
    os.unlink(script.name)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise RuntimeError(f"{url}: {errors.group(1)} error responses")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def stacks(serve, venv, name, path, row):
    """Each system: its command, the URL it is called at, and the body of one call."""
    oip = {"inputs": [{"name": "X", "shape": [1, len(row[0])], "datatype": "FP32", "data": row[0]}]}
    python_bin = os.path.join(venv, "bin")
    return [
        ("Serve POST /NAME/predict", lambda port: start([serve, f"{name}={path}", "--threads", "1", "--bind",
                                                         f"127.0.0.1:{port}", "--log-level", "warning"]),
         f"/{name}/predict", {"X": row}),
        ("Serve /v2 infer", lambda port: start([serve, f"{name}={path}", "--threads", "1", "--bind",
                                                f"127.0.0.1:{port}", "--log-level", "warning"]),
         f"/v2/models/{name}/infer", oip),
        ("FastAPI + onnxruntime", lambda port: start(
            [os.path.join(python_bin, "uvicorn"), "--workers", "1", "--no-access-log", "--log-level", "warning",
             "--port", str(port), "onnx_fastapi:app"], env={"ONNX_MODEL": path, "PYTHONPATH": PEERS}, cwd=PEERS),
         "/predict", {"X": row}),
        ("MLServer (/v2 infer)", lambda port: start_mlserver(python_bin, name, path, port),
         f"/v2/models/{name}/infer", oip),
    ]


def start_mlserver(python_bin, name, path, port, grpc_port=None, **model_settings):
    """MLServer in one process serving `path` through bench/peers/onnx_mlserver, with `model_settings` (its
    adaptive batching's, for one) added to the model's."""
    folder = tempfile.mkdtemp()
    with open(os.path.join(folder, "settings.json"), "w") as file:
        json.dump({"http_port": port, "grpc_port": grpc_port or free_port(), "metrics_endpoint": None,
                   "parallel_workers": 0, "debug": False}, file)
    with open(os.path.join(folder, "model-settings.json"), "w") as file:
        json.dump({"name": name, "implementation": "runtime.ONNXRuntime", "parameters": {"uri": path},
                   **model_settings}, file)
    return start([os.path.join(python_bin, "mlserver"), "start", folder],
                 env={"PYTHONPATH": os.path.join(PEERS, "onnx_mlserver")})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("serve")
    parser.add_argument("venv")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        models = export_models(folder)
        results = {}
        for _ in range(arguments.rounds):
            for name, (path, row) in models.items():
                for label, launch, route, body in stacks(
                    os.path.abspath(arguments.serve), os.path.abspath(arguments.venv), name, path, row
                ):
                    port = free_port()
                    process = launch(port)
                    try:
                        wait_ready(f"http://127.0.0.1:{port}{route}", body)
                        wrk(f"http://127.0.0.1:{port}{route}", body, 1)  # warm-up
                        rate = wrk(f"http://127.0.0.1:{port}{route}", body, arguments.seconds)
                    finally:
                        stop(process)
                    results.setdefault(name, {}).setdefault(label, []).append(rate)
        print(f"\nRequests/s, median of {arguments.rounds} rounds of {arguments.seconds} s; server on CPU 0, wrk -c16 on CPU 1")
        labels = list(next(iter(results.values())))
        print("| model | " + " | ".join(labels) + " | Serve ÷ FastAPI | Serve /v2 ÷ MLServer |")
        print("|---" * (len(labels) + 3) + "|")
        for name, rates in results.items():
            medians = {label: statistics.median(values) for label, values in rates.items()}
            cells = " | ".join(f"{medians[label]:,.0f}" for label in labels)
            print(f"| {name} | {cells} | {medians[labels[0]] / medians[labels[2]]:.1f}× | "
                  f"{medians[labels[1]] / medians[labels[3]]:.1f}× |")


if __name__ == "__main__":
    sys.exit(main())
