"""The Open Inference Protocol over gRPC (`--grpc-bind`), through Triton's gRPC client, unmodified, and grpcio
with the protocol's stubs that client ships: health, metadata and inference against an ONNX model (answers
checked against onnxruntime) and the bundled `add`; bad input answered with the right status; the token,
the request id and the body limit as over HTTP; a request whose client's deadline passes while it queues
for a model is dropped before its call."""
import re
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import grpc
import numpy as np
import onnxruntime
import pytest
import requests
import tritonclient.grpc as triton
from tritonclient.grpc import service_pb2, service_pb2_grpc
from tritonclient.utils import InferenceServerException

from conftest import BINARY, stop
from networks import dense_network


def start(*arguments):
    """A running `serve` with gRPC on a free port: the process, its HTTP URL and its gRPC address."""
    process = subprocess.Popen(
        [BINARY, "--bind", "127.0.0.1:0", "--grpc-bind", "127.0.0.1:0", "--log-level", "warning", *arguments],
        stdout=subprocess.PIPE, text=True)
    url = next(word for word in process.stdout.readline().split() if word.startswith("http://"))
    line = process.stdout.readline()  # "The Open Inference Protocol over gRPC on 127.0.0.1:PORT"
    assert "over gRPC on" in line, line
    return process, url, line.split()[-1]


@pytest.fixture
def serve():
    started = []

    def run(*arguments):
        process, url, address = start(*arguments)
        started.append(process)
        return url, address

    yield run
    for process in started:
        stop(process)


@pytest.fixture(scope="module")
def flowers(tmp_path_factory):
    return dense_network(tmp_path_factory.mktemp("models") / "flowers.onnx", 64)


def add_inputs(a, b):
    inputs = [triton.InferInput("a", [1], "INT64"), triton.InferInput("b", [1], "INT64")]
    inputs[0].set_data_from_numpy(np.array([a], dtype=np.int64))
    inputs[1].set_data_from_numpy(np.array([b], dtype=np.int64))
    return inputs


def test_tritons_grpc_client_checks_health_reads_metadata_and_infers(serve, flowers):
    _, address = serve(str(flowers), "add")
    client = triton.InferenceServerClient(address)
    assert client.is_server_live() and client.is_server_ready()
    assert client.is_model_ready("flowers") and client.is_model_ready("add")
    assert "binary_tensor_data" in client.get_server_metadata().extensions

    metadata = client.get_model_metadata("flowers")
    assert metadata.platform == "onnx" and list(metadata.versions) == ["1"]
    assert [(tensor.name, tensor.datatype, list(tensor.shape)) for tensor in metadata.inputs] == [("X", "FP32", [-1, 4])]
    assert [(tensor.name, tensor.datatype, list(tensor.shape)) for tensor in metadata.outputs] == [("Y", "FP32", [-1, 3])]

    rows = np.random.default_rng(2).uniform(0, 8, (5, 4)).astype(np.float32)
    tensor = triton.InferInput("X", list(rows.shape), "FP32")
    tensor.set_data_from_numpy(rows)
    answer = client.infer("flowers", [tensor], request_id="batch-of-5")
    expected = onnxruntime.InferenceSession(str(flowers)).run(None, {"X": rows})[0]
    np.testing.assert_allclose(answer.as_numpy("Y"), expected, rtol=1e-5, atol=1e-6)
    assert answer.get_response().id == "batch-of-5"

    assert client.infer("add", add_inputs(40, 2)).as_numpy("output").tolist() == [42]
    assert client.get_model_metadata("add").platform == "swift"


def test_typed_contents_and_64_concurrent_clients_get_their_own_answers(serve, flowers):
    """grpcio with `contents` (no raw bytes), then 64 threads of Triton's client at once while the model batches."""
    url, address = serve(str(flowers), "--threads", "1")
    session = onnxruntime.InferenceSession(str(flowers))
    rows = np.random.default_rng(3).uniform(0, 8, (200, 4)).astype(np.float32)

    request = service_pb2.ModelInferRequest(model_name="flowers")
    tensor = request.inputs.add(name="X", datatype="FP32", shape=[2, 4])
    tensor.contents.fp32_contents.extend(rows[:2].flatten().tolist())
    with grpc.insecure_channel(address) as channel:
        response = service_pb2_grpc.GRPCInferenceServiceStub(channel).ModelInfer(request, timeout=10)
    given = np.frombuffer(response.raw_output_contents[0], dtype=np.float32).reshape(list(response.outputs[0].shape))
    np.testing.assert_allclose(given, session.run(None, {"X": rows[:2]})[0], rtol=1e-5, atol=1e-6)

    clients = threading.local()

    def call(index):
        if not hasattr(clients, "triton"):
            clients.triton = triton.InferenceServerClient(address)
        mine = rows[index : index + 1 + index % 3]
        tensor = triton.InferInput("X", list(mine.shape), "FP32")
        tensor.set_data_from_numpy(mine)
        return mine, clients.triton.infer("flowers", [tensor]).as_numpy("Y")

    with ThreadPoolExecutor(max_workers=64) as pool:
        answers = list(pool.map(call, range(192)))
    for mine, answer in answers:
        np.testing.assert_allclose(answer, session.run(None, {"X": mine})[0], rtol=1e-5, atol=1e-6)
    metrics = requests.get(f"{url}/metrics", timeout=10).text
    assert 'serve_requests_total{function="flowers.predict (grpc)",status="200"} 193' in metrics


def status_of(call):
    with pytest.raises(InferenceServerException) as raised:
        call()
    return raised.value.status(), raised.value.message()


def test_bad_input_gets_a_grpc_status_naming_the_input(serve, flowers):
    _, address = serve(str(flowers), "add", "--max-body-size", "4096")
    client = triton.InferenceServerClient(address)

    wrong_shape = triton.InferInput("X", [2, 5], "FP32")
    wrong_shape.set_data_from_numpy(np.zeros((2, 5), dtype=np.float32))
    assert status_of(lambda: client.infer("flowers", [wrong_shape])) == (
        "StatusCode.INVALID_ARGUMENT", "Input 'X' has shape [2, 5], expected [any, 4].")

    wrong_type = triton.InferInput("X", [1, 4], "FP64")
    wrong_type.set_data_from_numpy(np.zeros((1, 4), dtype=np.float64))
    assert status_of(lambda: client.infer("flowers", [wrong_type])) == (
        "StatusCode.INVALID_ARGUMENT", "Input 'X' must have datatype FP32, not FP64.")

    status, message = status_of(lambda: client.infer("add", add_inputs(1, 2)[:1]))
    assert (status, message) == ("StatusCode.INVALID_ARGUMENT", "Input 'b' is missing; add takes 'a', 'b'.")

    status, message = status_of(lambda: client.infer("nothing", add_inputs(1, 2)))
    assert status == "StatusCode.NOT_FOUND" and "'add'" in message and "'flowers'" in message

    large = triton.InferInput("X", [300, 4], "FP32")  # 4,800 bytes of tensor data, over 4,096
    large.set_data_from_numpy(np.zeros((300, 4), dtype=np.float32))
    status, message = status_of(lambda: client.infer("flowers", [large]))
    assert status == "StatusCode.RESOURCE_EXHAUSTED" and "4800 bytes" in message

    short = service_pb2.ModelInferRequest(model_name="flowers", raw_input_contents=[b"\0" * 12])
    short.inputs.add(name="X", datatype="FP32", shape=[1, 4])
    with grpc.insecure_channel(address) as channel:
        with pytest.raises(grpc.RpcError) as raised:
            service_pb2_grpc.GRPCInferenceServiceStub(channel).ModelInfer(short, timeout=10)
    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert raised.value.details() == "Input 'X' has 12 bytes of binary data; its shape and datatype need 16 bytes."
    assert client.infer("add", add_inputs(2, 3)).as_numpy("output").tolist() == [5]  # still serving


def test_the_token_and_the_request_id_work_as_over_http(serve):
    _, address = serve("add", "--token", "s3cret")
    client = triton.InferenceServerClient(address)
    assert client.is_server_live() and client.is_server_ready()  # the probes stay open
    assert status_of(lambda: client.infer("add", add_inputs(1, 2)))[0] == "StatusCode.UNAUTHENTICATED"
    assert status_of(lambda: client.get_model_metadata("add", headers={"authorization": "Bearer wrong"}))[0] == (
        "StatusCode.PERMISSION_DENIED")
    answer = client.infer("add", add_inputs(1, 2), headers={"authorization": "Bearer s3cret"})
    assert answer.as_numpy("output").tolist() == [3]

    request = service_pb2.ModelMetadataRequest(name="add")
    with grpc.insecure_channel(address) as channel:
        stub = service_pb2_grpc.GRPCInferenceServiceStub(channel)
        _, call = stub.ModelMetadata.with_call(
            request, metadata=[("authorization", "Bearer s3cret"), ("x-request-id", "trace-7")], timeout=10)
        assert ("x-request-id", "trace-7") in call.initial_metadata()
        _, call = stub.ModelMetadata.with_call(request, metadata=[("authorization", "Bearer s3cret")], timeout=10)
        assert re.fullmatch(r"[0-9a-f-]{8,}", dict(call.initial_metadata())["x-request-id"])


def test_a_request_whose_deadline_passes_while_it_queues_is_never_run(serve, tmp_path):
    """A call of 1,000 rows of a wide model holds the batcher; requests behind it whose clients give up
    (their deadline) are dropped from the queue: the batch-size histogram counts the long call alone."""
    model = dense_network(tmp_path / "wide.onnx", 2048)
    url, address = serve(str(model), "--threads", "1", "--model-batch-size", "1024")
    client = triton.InferenceServerClient(address)
    rows = np.random.default_rng(4).uniform(0, 8, (1000, 4)).astype(np.float32)

    def long_call():
        tensor = triton.InferInput("X", list(rows.shape), "FP32")
        tensor.set_data_from_numpy(rows)
        started = time.monotonic()
        client.infer("wide", [tensor], client_timeout=60)
        return time.monotonic() - started

    def impatient_call():
        tensor = triton.InferInput("X", [1, 4], "FP32")
        tensor.set_data_from_numpy(rows[:1])
        return status_of(lambda: client.infer("wide", [tensor], client_timeout=0.05))[0]

    def in_flight():
        metrics = requests.get(f"{url}/metrics", timeout=10).text
        return int(re.search(r"^serve_requests_in_flight (\d+)", metrics, re.MULTILINE).group(1))

    assert client.is_server_live()  # the channel is connected before the clock matters
    with ThreadPoolExecutor(max_workers=6) as pool:
        first = pool.submit(long_call)
        deadline = time.monotonic() + 10
        while in_flight() == 0 and time.monotonic() < deadline:  # the long call holds the batcher
            time.sleep(0.002)
        statuses = list(pool.map(lambda _: impatient_call(), range(5)))
        took = first.result()
    assert statuses == ["StatusCode.DEADLINE_EXCEEDED"] * 5
    assert took > 0.1, f"the long call took {took:.3f} s: too short to hold the others in the queue"
    time.sleep(0.2)
    metrics = requests.get(f"{url}/metrics", timeout=10).text
    assert 'serve_batch_size_count{function="wide.predict"} 1' in metrics, metrics
    assert 'serve_requests_total{function="wide.predict (grpc)",status="504"} 5' in metrics, metrics
    assert "serve_requests_in_flight 0" in metrics
