"""Serve against MLServer with its adaptive batching, on the same ONNX networks over the same protocol (the Open
Inference Protocol, REST and gRPC): the driver behind bench/mlserver.

The two networks of bench/batching (built here), single-row requests. Each server runs alone on CPU 0:
- Serve: `serve NAME.onnx --threads 1 --grpc-bind …`, batching on as by default (at most 32 rows a call, no
  wait);
- MLServer: one process (`parallel_workers: 0`), the onnxruntime runtime of bench/peers/onnx_mlserver (one
  thread), adaptive batching on with `max_batch_size: 32` and `max_batch_time` of 1 ms (it needs a wait above
  zero to batch at all).
The load runs on CPU 1: wrk posting `/v2/models/NAME/infer` with JSON tensors, and GRPCLoad (bench/GRPCLoad,
grpc-swift's client) calling ModelInfer with raw tensor contents, at 1, 16 and 64 connections. Stacks are
interleaved round by round; each figure is the median over rounds.
"""
import argparse
import os
import statistics
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from batching import CONCURRENCY, build_models, wrk  # noqa: E402
from grpc import grpc_load  # noqa: E402
from onnx_http import free_port, start, start_mlserver, stop, wait_ready  # noqa: E402

LARGEST_BATCH = 32
MLSERVER_WAIT_SECONDS = 0.001


def start_serve(serve, name, path, port, grpc_port):
    return start([serve, path, "--threads", "1", "--bind", f"127.0.0.1:{port}", "--grpc-bind",
                  f"127.0.0.1:{grpc_port}", "--model-batch-size", str(LARGEST_BATCH), "--log-level", "warning"])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("serve")
    parser.add_argument("load")
    parser.add_argument("venv")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    arguments = parser.parse_args()
    serve, load = os.path.abspath(arguments.serve), os.path.abspath(arguments.load)
    python_bin = os.path.join(os.path.abspath(arguments.venv), "bin")
    stacks = {
        "Serve": lambda name, path, port, grpc_port: start_serve(serve, name, path, port, grpc_port),
        "MLServer": lambda name, path, port, grpc_port: start_mlserver(
            python_bin, name, path, port, grpc_port, max_batch_size=LARGEST_BATCH,
            max_batch_time=MLSERVER_WAIT_SECONDS),
    }
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        models = build_models(folder)
        for _ in range(arguments.rounds):
            for name, (path, row) in models.items():
                shape = list(np.array(row).shape)
                body = {"inputs": [{"name": "X", "shape": shape, "datatype": "FP32",
                                    "data": np.array(row).flatten().tolist()}]}
                for stack, launch in stacks.items():
                    port, grpc_port = free_port(), free_port()
                    process = launch(name, path, port, grpc_port)
                    url = f"http://127.0.0.1:{port}/v2/models/{name}/infer"
                    try:
                        wait_ready(url, body)
                        wrk(url, body, 16, 1)  # warm-up
                        grpc_load(load, grpc_port, name, shape, 16, 1)
                        for connections in CONCURRENCY:
                            results.setdefault((name, connections, stack, "REST"), []).append(
                                wrk(url, body, connections, arguments.seconds))
                            results.setdefault((name, connections, stack, "gRPC"), []).append(
                                grpc_load(load, grpc_port, name, shape, connections, arguments.seconds))
                    finally:
                        stop(process)
    print(f"\nSingle-row requests, adaptive batching on in both (at most {LARGEST_BATCH} rows a call; MLServer "
          f"waits {MLSERVER_WAIT_SECONDS * 1000:g} ms), median of {arguments.rounds} rounds of {arguments.seconds} s;"
          " each server on CPU 0, the load on CPU 1")
    print("| model | protocol | connections | Serve: req/s | p50 ms | p99 ms | MLServer: req/s | p50 ms | p99 ms | "
          "Serve ÷ MLServer |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name in models:
        for protocol in ("REST", "gRPC"):
            for connections in CONCURRENCY:
                ours, theirs = ([statistics.median(column) for column in
                                 zip(*results[(name, connections, stack, protocol)])] for stack in stacks)
                print(f"| {name} | {protocol} | {connections} | {ours[0]:,.0f} | {ours[1]:.2f} | {ours[2]:.2f} | "
                      f"{theirs[0]:,.0f} | {theirs[1]:.2f} | {theirs[2]:.2f} | {ours[0] / theirs[0]:.1f}× |")


if __name__ == "__main__":
    sys.exit(main())
