"""The Open Inference Protocol over gRPC against its REST form, side by side: the driver behind bench/grpc.

The two ONNX networks of bench/batching (built here), batching on as by default. Serve runs on CPU 0 with one
event loop and gRPC on a second port; the load runs on CPU 1: wrk posting `/v2/models/NAME/infer` with JSON
tensors, and GRPCLoad (bench/GRPCLoad, grpc-swift's client) calling ModelInfer with raw tensor contents, one
call at a time on each of 1, 16 and 64 connections. Each figure is the median over rounds.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from batching import CONCURRENCY, build_models, wrk  # noqa: E402
from onnx_http import free_port, start, stop, wait_ready  # noqa: E402


def grpc_load(load, port, name, shape, connections, seconds):
    """Requests per second, and the p50 and p99 latencies in milliseconds."""
    output = subprocess.run(
        ["taskset", "-c", "1", load, f"127.0.0.1:{port}", name, ",".join(map(str, shape)), str(connections),
         str(seconds)], capture_output=True, text=True, check=True).stdout
    figures = json.loads(output)
    if figures["errors"]:
        raise RuntimeError(f"{name} over gRPC: {figures['errors']} failed calls")
    return figures["requests_per_second"], figures["p50_ms"], figures["p99_ms"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("serve")
    parser.add_argument("load")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    arguments = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        models = build_models(folder)
        for _ in range(arguments.rounds):
            for name, (path, row) in models.items():
                shape = list(np.array(row).shape)
                port, grpc_port = free_port(), free_port()
                process = start([os.path.abspath(arguments.serve), path, "--threads", "1", "--bind",
                                 f"127.0.0.1:{port}", "--grpc-bind", f"127.0.0.1:{grpc_port}", "--log-level",
                                 "warning"])
                url = f"http://127.0.0.1:{port}/v2/models/{name}/infer"
                body = {"inputs": [{"name": "X", "shape": shape, "datatype": "FP32",
                                    "data": np.array(row).flatten().tolist()}]}
                try:
                    wait_ready(url, body)
                    wrk(url, body, 16, 1)  # warm-up
                    grpc_load(arguments.load, grpc_port, name, shape, 16, 1)
                    for connections in CONCURRENCY:
                        results.setdefault((name, connections, "rest"), []).append(
                            wrk(url, body, connections, arguments.seconds))
                        results.setdefault((name, connections, "grpc"), []).append(
                            grpc_load(arguments.load, grpc_port, name, shape, connections, arguments.seconds))
                finally:
                    stop(process)
    print(f"\nSingle-row requests, batching on, median of {arguments.rounds} rounds of {arguments.seconds} s; "
          "serve on CPU 0 (--threads 1), the load on CPU 1")
    print("| model | connections | REST /v2 infer: req/s | p50 ms | p99 ms | gRPC ModelInfer: req/s | p50 ms | "
          "p99 ms | gRPC ÷ REST |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name in models:
        for connections in CONCURRENCY:
            rest, grpc = ([statistics.median(column) for column in zip(*results[(name, connections, protocol)])]
                          for protocol in ("rest", "grpc"))
            print(f"| {name} | {connections} | {rest[0]:,.0f} | {rest[1]:.2f} | {rest[2]:.2f} | "
                  f"{grpc[0]:,.0f} | {grpc[1]:.2f} | {grpc[2]:.2f} | {grpc[0] / rest[0]:.2f}× |")


if __name__ == "__main__":
    sys.exit(main())
