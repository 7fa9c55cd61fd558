"""Adaptive batching on and off, side by side: the driver behind bench/batching.

Two ONNX networks built here with random weights (the speed of a call does not depend on what it learnt):
a wide perceptron (4 → 2048 → 2048 → 3, 16 MB of weights read once per call whatever its rows) and a small
convolutional network on 28×28 images (conv 16 and 32 channels, pooling, a dense layer). Serve runs on CPU 0
with one event loop, wrk on CPU 1 with single-row requests at 1, 16 and 64 connections; each figure is the
median over rounds, and p50/p99 are wrk's. After each model's batched run at the highest concurrency, the
batch-size histogram from /metrics.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import urllib.request

import numpy as np
from onnx import TensorProto, helper, numpy_helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from onnx_http import free_port, start, stop, wait_ready  # noqa: E402

CONCURRENCY = (1, 16, 64)


def weights(generator, name, shape):
    fan_in = int(np.prod(shape[1:])) if len(shape) == 4 else shape[0]
    return numpy_helper.from_array((generator.standard_normal(shape) / np.sqrt(fan_in)).astype(np.float32), name)


def save(folder, name, nodes, input_shape, output_shape, initializers):
    graph = helper.make_graph(
        nodes, name, [helper.make_tensor_value_info("X", TensorProto.FLOAT, input_shape)],
        [helper.make_tensor_value_info("Y", TensorProto.FLOAT, output_shape)], initializers)
    path = os.path.join(folder, f"{name}.onnx")
    with open(path, "wb") as file:
        file.write(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]).SerializeToString())
    return path


def build_models(folder):
    generator = np.random.default_rng(0)
    wide = save(folder, "wide", [
        helper.make_node("MatMul", ["X", "W1"], ["h1"]), helper.make_node("Relu", ["h1"], ["r1"]),
        helper.make_node("MatMul", ["r1", "W2"], ["h2"]), helper.make_node("Relu", ["h2"], ["r2"]),
        helper.make_node("MatMul", ["r2", "W3"], ["l"]), helper.make_node("Softmax", ["l"], ["Y"], axis=1),
    ], ["N", 4], ["N", 3], [weights(generator, "W1", (4, 2048)), weights(generator, "W2", (2048, 2048)),
                           weights(generator, "W3", (2048, 3))])
    cnn = save(folder, "cnn", [
        helper.make_node("Conv", ["X", "C1"], ["c1"], pads=[1, 1, 1, 1]), helper.make_node("Relu", ["c1"], ["r1"]),
        helper.make_node("MaxPool", ["r1"], ["p1"], kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("Conv", ["p1", "C2"], ["c2"], pads=[1, 1, 1, 1]), helper.make_node("Relu", ["c2"], ["r2"]),
        helper.make_node("MaxPool", ["r2"], ["p2"], kernel_shape=[2, 2], strides=[2, 2]),
        helper.make_node("Flatten", ["p2"], ["f"]), helper.make_node("MatMul", ["f", "D"], ["l"]),
        helper.make_node("Softmax", ["l"], ["Y"], axis=1),
    ], ["N", 1, 28, 28], ["N", 10], [weights(generator, "C1", (16, 1, 3, 3)),
                                     weights(generator, "C2", (32, 16, 3, 3)), weights(generator, "D", (32 * 7 * 7, 10))])
    rows = np.random.default_rng(1)
    return {"wide": (wide, rows.standard_normal((1, 4)).round(3).tolist()),
            "cnn": (cnn, rows.random((1, 1, 28, 28)).round(3).tolist())}


def wrk(url, body, connections, seconds):
    """Requests per second, and the p50 and p99 latencies in milliseconds."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(f'wrk.method = "POST"\nwrk.body = {json.dumps(json.dumps(body))}\n'
                     'wrk.headers["Content-Type"] = "application/json"\n')
    output = subprocess.run(["taskset", "-c", "1", "wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency",
                             "-s", script.name, url], capture_output=True, text=True, check=True).stdout
    os.unlink(script.name)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        raise RuntimeError(f"{url}: {errors.group(1)} error responses")

    def milliseconds(percentile):
        value, unit = re.search(rf"{percentile}%\s+([\d.]+)(us|ms|s)", output).groups()
        return float(value) * {"us": 1e-3, "ms": 1, "s": 1e3}[unit]

    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)), milliseconds(50), milliseconds(99)


def histogram(port, name):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as answer:
        lines = answer.read().decode().splitlines()
    return [line for line in lines if line.startswith("serve_batch_size") and f'"{name}.predict"' in line]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("serve")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    arguments = parser.parse_args()
    results = {}
    histograms = {}
    with tempfile.TemporaryDirectory() as folder:
        models = build_models(folder)
        for _ in range(arguments.rounds):
            for name, (path, row) in models.items():
                for batching in ("on", "off"):
                    port = free_port()
                    flags = [] if batching == "on" else ["--model-batch-size", "1"]
                    process = start([os.path.abspath(arguments.serve), path, "--threads", "1", "--bind",
                                     f"127.0.0.1:{port}", "--log-level", "warning", *flags])
                    url = f"http://127.0.0.1:{port}/{name}/predict"
                    try:
                        wait_ready(url, {"X": row})
                        wrk(url, {"X": row}, 16, 1)  # warm-up
                        for connections in CONCURRENCY:
                            figures = wrk(url, {"X": row}, connections, arguments.seconds)
                            results.setdefault((name, connections, batching), []).append(figures)
                        if batching == "on":
                            histograms[name] = histogram(port, name)
                    finally:
                        stop(process)
    print(f"\nSingle-row requests, median of {arguments.rounds} rounds of {arguments.seconds} s; "
          "serve on CPU 0 (--threads 1), wrk on CPU 1")
    print("| model | connections | batching on: req/s | p50 ms | p99 ms | off: req/s | p50 ms | p99 ms | on ÷ off |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name in models:
        for connections in CONCURRENCY:
            on, off = ([statistics.median(column) for column in zip(*results[(name, connections, mode)])]
                       for mode in ("on", "off"))
            print(f"| {name} | {connections} | {on[0]:,.0f} | {on[1]:.2f} | {on[2]:.2f} | "
                  f"{off[0]:,.0f} | {off[1]:.2f} | {off[2]:.2f} | {on[0] / off[0]:.2f}× |")
    for name, lines in histograms.items():
        print(f"\n{name}: batch sizes over the last batched run (all concurrencies), from /metrics")
        print("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
