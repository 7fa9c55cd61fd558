"""Adaptive batching of an ONNX model: 64 clients at once (Triton's HTTP client, unmodified, in 64 threads), each answer
checked against onnxruntime on that request's own rows (so no request gets another's), the calls counted
in /metrics and each request's queue wait in the access log, and a full queue answered 503 with Retry-After."""
import json
import re
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import onnxruntime
import pytest
import requests
import tritonclient.http as triton
from onnx import TensorProto, helper, numpy_helper
from sklearn.datasets import load_iris

from conftest import BINARY, stop
from networks import dense_network

REQUESTS = 600


@pytest.fixture(scope="module")
def model(tmp_path_factory):
    """A wide network (4 → 2048 → 2048 → 3, softmax): a call takes milliseconds, reading its 16 MB of weights
    once whatever its rows, so concurrent requests overlap and batching pays."""
    path = dense_network(tmp_path_factory.mktemp("models") / "flowers.onnx", 2048)
    features, _ = load_iris(return_X_y=True)
    return path, features.astype(np.float32)


def rows_of(features, index):
    """Request `index`'s rows: one to three, different for every request."""
    count = 1 + index % 3
    return features[[(index * 7 + offset) % len(features) for offset in range(count)]]


def calls_and_instances(url):
    metrics = requests.get(f"{url}/metrics", timeout=10).text
    count = re.search(r'serve_batch_size_count\{function="flowers.predict"\} (\S+)', metrics)
    total = re.search(r'serve_batch_size_sum\{function="flowers.predict"\} (\S+)', metrics)
    assert count and total, metrics
    return float(count.group(1)), float(total.group(1))


def test_concurrent_requests_are_combined_and_each_gets_its_own_rows(start_server, model):
    path, features = model
    url = start_server(str(path), "--threads", "1")
    session = onnxruntime.InferenceSession(str(path))
    clients = threading.local()

    def call(index):
        if not hasattr(clients, "triton"):
            clients.triton = triton.InferenceServerClient(url=url.removeprefix("http://"))
        rows = rows_of(features, index)
        tensor = triton.InferInput("X", list(rows.shape), "FP32")
        tensor.set_data_from_numpy(rows, binary_data=index % 2 == 0)
        return rows, clients.triton.infer("flowers", [tensor]).as_numpy("Y")

    with ThreadPoolExecutor(max_workers=64) as pool:
        answers = list(pool.map(call, range(REQUESTS)))
    for rows, answer in answers:
        np.testing.assert_allclose(answer, session.run(None, {"X": rows})[0], rtol=1e-4, atol=1e-6)
    calls, instances = calls_and_instances(url)
    assert instances == sum(1 + index % 3 for index in range(REQUESTS))
    assert calls < REQUESTS, f"{calls} calls for {REQUESTS} requests: none were combined"


def test_without_batching_every_request_is_its_own_call(start_server, model):
    path, features = model
    url = start_server(str(path), "--model-batch-size", "1")
    answer = requests.post(f"{url}/flowers/predict", json={"X": rows_of(features, 1).tolist()}, timeout=10)
    assert answer.status_code == 200, answer.text
    assert "serve_batch_size" not in requests.get(f"{url}/metrics", timeout=10).text


def test_a_full_queue_is_a_503_with_retry_after_and_the_rest_are_answered(start_server, model):
    path, features = model
    url = start_server(str(path), "--threads", "1", "--model-queue", "0")
    session = onnxruntime.InferenceSession(str(path))

    def call(index):
        rows = rows_of(features, index)
        with requests.Session() as connection:
            return rows, connection.post(f"{url}/flowers/predict", json={"X": rows.tolist()}, timeout=30)

    with ThreadPoolExecutor(max_workers=32) as pool:
        answers = list(pool.map(call, range(300)))
    statuses = {answer.status_code for _, answer in answers}
    assert statuses <= {200, 503}, statuses
    for rows, answer in answers:
        if answer.status_code == 503:
            assert answer.headers["Retry-After"] == "1"
            assert "busy" in answer.json()["error"]
        else:
            expected = session.run(None, {"X": rows})[0]
            np.testing.assert_allclose(answer.json()["Y"], expected, rtol=1e-4, atol=1e-6)
    assert statuses == {200, 503}, "with no queue, some of 32 clients at once must find a call running"


def test_the_access_log_gives_each_batched_requests_queue_wait(model, tmp_path):
    path, features = model
    log = tmp_path / "serve.log"
    with open(log, "w") as errors:
        process = subprocess.Popen(
            [BINARY, str(path), "--bind", "127.0.0.1:0", "--threads", "1", "--log-format", "json"],
            stdout=subprocess.PIPE, stderr=errors, text=True)
        url = next(word for word in process.stdout.readline().split() if word.startswith("http://"))

        def call(index):
            with requests.Session() as connection:
                answer = connection.post(f"{url}/flowers/predict", json={"X": rows_of(features, index).tolist()},
                                         timeout=30)
                assert answer.status_code == 200, answer.text

        with ThreadPoolExecutor(max_workers=32) as pool:
            list(pool.map(call, range(200)))
        requests.get(f"{url}/metrics", timeout=10)
        stop(process)  # flushes the buffered log
    lines = [json.loads(line) for line in log.read_text().splitlines() if '"message":"request"' in line]
    predictions = [line for line in lines if line["path"] == "/flowers/predict"]
    assert len(predictions) == 200
    waits = [float(line["queue_ms"]) for line in predictions]
    assert all(0 <= wait <= float(line["duration_ms"]) for wait, line in zip(waits, predictions))
    assert max(waits) > 0, "32 clients at once: some requests must have queued behind a running call"
    assert all("queue_ms" not in line for line in lines if line["path"] == "/metrics")


def test_a_client_killed_while_its_request_queues_is_never_run(start_server, tmp_path):
    """A call of 1,000 rows holds the batcher; curl processes that post a row each behind it are killed before
    their turn. Their requests leave the queue: the batch-size histogram counts the long call alone."""
    generator = np.random.default_rng(5)

    def weights(name, rows, columns):
        return numpy_helper.from_array((generator.standard_normal((rows, columns)) / 64).astype(np.float32), name)

    graph = helper.make_graph(
        [helper.make_node("MatMul", ["X", "W1"], ["h"]), helper.make_node("Relu", ["h"], ["r"]),
         helper.make_node("MatMul", ["r", "W2"], ["Y"])],
        "slow", [helper.make_tensor_value_info("X", TensorProto.FLOAT, ["N", 4])],
        [helper.make_tensor_value_info("Y", TensorProto.FLOAT, ["N", 4096])],
        [weights("W1", 4, 4096), weights("W2", 4096, 4096)])
    path = tmp_path / "slow.onnx"
    path.write_bytes(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]).SerializeToString())
    url = start_server(str(path), "--threads", "1", "--model-batch-size", "1024")
    rows = generator.uniform(0, 1, (1000, 4)).round(3).tolist()

    with ThreadPoolExecutor(max_workers=1) as pool:
        started = time.monotonic()
        long_call = pool.submit(requests.post, f"{url}/slow/predict", json={"X": rows}, timeout=120)
        time.sleep(0.1)
        clients = [subprocess.Popen(["curl", "-s", "-o", "/dev/null", "--json", json.dumps({"X": rows[:1]}),
                                     f"{url}/slow/predict"]) for _ in range(5)]
        time.sleep(0.2)
        for client in clients:
            client.kill()
            client.wait()
        answer = long_call.result()
        took = time.monotonic() - started
    assert answer.status_code == 200, answer.text
    assert took > 0.3, f"the long call took {took:.3f} s: too short to hold the killed clients' requests in the queue"
    time.sleep(0.2)
    metrics = requests.get(f"{url}/metrics", timeout=10).text
    assert 'serve_batch_size_count{function="slow.predict"} 1' in metrics, metrics
    assert "serve_requests_in_flight 0" in metrics
