"""The Open Inference Protocol v2 over REST, called with clients others wrote and used unmodified: Triton's
HTTP client (binary tensors on and off) and KServe's REST client, against a model exported here with
skl2onnx and against the bundled `add`; answers checked against onnxruntime on the same inputs."""
import asyncio
import subprocess

import numpy as np
import onnxruntime
import pytest
import requests
import tritonclient.http as triton
from kserve import InferenceRESTClient, InferInput, InferRequest, RESTConfig
from skl2onnx import to_onnx
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from tritonclient.utils import InferenceServerException

from conftest import ROOT, launch, stop

# The protocol's OpenAPI file as KServe publishes it; ../shared is beside the repository, absent elsewhere.
PROTOCOL_OPENAPI = ROOT.parent / "shared" / "oip" / "open_inference_rest.yaml"


@pytest.fixture(scope="module")
def iris_model(tmp_path_factory):
    """A scaler and logistic regression on iris (the data scikit-learn ships), its probabilities a tensor."""
    features, labels = load_iris(return_X_y=True)
    pipeline = make_pipeline(StandardScaler(), LogisticRegression(max_iter=500)).fit(features, labels)
    path = tmp_path_factory.mktemp("models") / "iris_tensors.onnx"
    model = to_onnx(pipeline, features[:1].astype(np.float32), options={"zipmap": False})
    path.write_bytes(model.SerializeToString())
    return path, features.astype(np.float32)


@pytest.fixture(scope="module")
def server(iris_model):
    process, url = launch(str(iris_model[0]), "add", "iris")
    yield url
    stop(process)


def expected(iris_model, rows):
    session = onnxruntime.InferenceSession(str(iris_model[0]))
    return session.run(None, {"X": rows})


@pytest.mark.parametrize("binary", [True, False])
def test_triton_client_runs_the_model_as_onnxruntime_does(server, iris_model, binary):
    client = triton.InferenceServerClient(url=server.removeprefix("http://"))
    assert client.is_server_live() and client.is_server_ready() and client.is_model_ready("iris_tensors")
    metadata = client.get_model_metadata("iris_tensors")
    assert metadata["platform"] == "onnx"
    assert metadata["inputs"] == [{"name": "X", "datatype": "FP32", "shape": [-1, 4]}]
    rows = iris_model[1][[0, 60, 120]]
    tensor = triton.InferInput("X", list(rows.shape), "FP32")
    tensor.set_data_from_numpy(rows, binary_data=binary)
    outputs = [triton.InferRequestedOutput(name, binary_data=binary) for name in ("label", "probabilities")]
    result = client.infer("iris_tensors", [tensor], outputs=outputs, request_id="r1")
    labels, probabilities = expected(iris_model, rows)
    assert result.get_response()["id"] == "r1"
    assert result.as_numpy("label").tolist() == labels.tolist()
    np.testing.assert_allclose(result.as_numpy("probabilities"), probabilities, rtol=1e-4, atol=1e-6)


@pytest.mark.parametrize("binary", [True, False])
def test_triton_client_calls_add_as_a_model(server, binary):
    client = triton.InferenceServerClient(url=server.removeprefix("http://"))
    inputs = []
    for name, value in (("a", 2), ("b", 40)):
        tensor = triton.InferInput(name, [1], "INT64")
        tensor.set_data_from_numpy(np.array([value], dtype=np.int64), binary_data=binary)
        inputs.append(tensor)
    result = client.infer("add", inputs, outputs=[triton.InferRequestedOutput("output", binary_data=binary)])
    assert result.as_numpy("output").tolist() == [42]


def test_triton_client_hears_which_input_is_wrong(server):
    client = triton.InferenceServerClient(url=server.removeprefix("http://"))
    tensor = triton.InferInput("X", [1, 3], "FP32")
    tensor.set_data_from_numpy(np.zeros((1, 3), dtype=np.float32))
    with pytest.raises(InferenceServerException, match=r"Input 'X' has shape \[1, 3\], expected \[any, 4\]"):
        client.infer("iris_tensors", [tensor])
    tensor = triton.InferInput("X", [1, 4], "FP64")
    tensor.set_data_from_numpy(np.zeros((1, 4), dtype=np.float64))
    with pytest.raises(InferenceServerException, match="Input 'X' must have datatype FP32, not FP64"):
        client.infer("iris_tensors", [tensor])


@pytest.mark.parametrize("binary", [True, False])
def test_kserve_rest_client_runs_the_model_and_add(server, iris_model, binary):
    rows = iris_model[1][[10, 70]]

    async def calls():
        client = InferenceRESTClient(RESTConfig(protocol="v2"))
        try:
            assert await client.is_server_live(server) and await client.is_server_ready(server)
            assert await client.is_model_ready(server, "iris_tensors")
            tensor = InferInput("X", list(rows.shape), "FP32")
            tensor.set_data_from_numpy(rows, binary_data=binary)
            model = await client.infer(server, InferRequest("iris_tensors", [tensor]), model_name="iris_tensors")
            inputs = []
            for name, value in (("a", 20), ("b", 22)):
                scalar = InferInput(name, [1], "INT64")
                scalar.set_data_from_numpy(np.array([value], dtype=np.int64), binary_data=binary)
                inputs.append(scalar)
            add = await client.infer(server, InferRequest("add", inputs), model_name="add")
            return model, add
        finally:
            await client.close()

    model, add = asyncio.run(calls())
    labels, probabilities = expected(iris_model, rows)
    outputs = {output.name: output.as_numpy() for output in model.outputs}
    assert outputs["label"].tolist() == labels.tolist()
    np.testing.assert_allclose(outputs["probabilities"], probabilities, rtol=1e-4, atol=1e-6)
    assert add.outputs[0].as_numpy().tolist() == [42]


def test_a_function_with_a_struct_result_answers_member_by_member(server):
    inputs = [
        {"name": name, "shape": [1], "datatype": "FP64", "data": [value]}
        for name, value in (("sepalLength", 6.7), ("sepalWidth", 3.0), ("petalLength", 5.2), ("petalWidth", 2.3))]
    answer = requests.post(f"{server}/v2/models/iris.predict/infer", json={"inputs": inputs}, timeout=10)
    assert answer.status_code == 200, answer.text
    outputs = {output["name"]: output for output in answer.json()["outputs"]}
    assert outputs["species"]["data"] == ["virginica"]
    assert outputs["probabilities"]["datatype"] == "BYTES"


@pytest.mark.parametrize(
    "body, headers, message",
    [
        ({"inputs": [{"name": "Y", "shape": [1, 4], "datatype": "FP32", "data": [1, 2, 3, 4]}]}, {},
         "Unknown input 'Y'"),
        ({"inputs": [{"name": "X", "shape": [1, 4], "datatype": "FP32", "data": [1, 2, 3]}]}, {},
         "has 3 elements, but its shape [1, 4] holds 4"),
        ({"inputs": [{"name": "X", "shape": [4000000000, 4], "datatype": "FP32", "data": [1]}]}, {},
         "too many elements"),
        ({"inputs": [{"name": "X", "shape": [1000, 4], "datatype": "FP32",
                      "parameters": {"binary_data_size": 16000}}]}, {}, "binary_data_size 16000"),
        ({"inputs": []}, {}, "Input 'X' is missing"),
        ({"inputs": [{"name": "X", "shape": [1, 4], "datatype": "FP32", "data": [1, 2, 3, 4]}],
          "outputs": [{"name": "scores"}]}, {}, "Unknown output 'scores'"),
        ({"inputs": [{"name": "X", "shape": [1, 4], "datatype": "FP32", "data": [1, 2, 3, 4]}]},
         {"Inference-Header-Content-Length": "999999"}, "Inference-Header-Content-Length"),
    ])
def test_bad_requests_are_400s_naming_the_problem(server, body, headers, message):
    answer = requests.post(f"{server}/v2/models/iris_tensors/infer", json=body, headers=headers, timeout=10)
    assert answer.status_code == 400, answer.text
    assert message in answer.json()["error"]


def test_binary_data_shorter_than_its_shape_is_refused(server):
    header = b'{"inputs":[{"name":"X","shape":[2,4],"datatype":"FP32","parameters":{"binary_data_size":16}}]}'
    answer = requests.post(
        f"{server}/v2/models/iris_tensors/infer", data=header + bytes(16),
        headers={"Inference-Header-Content-Length": str(len(header))}, timeout=10)
    assert answer.status_code == 400
    assert answer.json()["error"] == (
        "Input 'X' has 16 bytes of binary data; its shape and datatype need 32 bytes.")


def test_an_unknown_model_or_version_is_a_404(server):
    assert requests.get(f"{server}/v2/models/nope", timeout=10).status_code == 404
    assert requests.get(f"{server}/v2/models/add/versions/2", timeout=10).status_code == 404
    assert requests.get(f"{server}/v2/models/add/versions/1", timeout=10).json()["name"] == "add"


@pytest.mark.skipif(not PROTOCOL_OPENAPI.exists(), reason="the protocol's OpenAPI file (../shared/oip) is absent")
def test_schemathesis_with_the_protocols_own_openapi_file_finds_no_server_error(server, tmp_path):
    # The published file writes its path templates as `/v2/models/${MODEL_NAME}`; OpenAPI's are `{MODEL_NAME}`
    # (else every generated URL keeps a `$`). That is the only change; the model and version are fixed so
    # the generated requests reach the served model.
    schema = tmp_path / "open_inference_rest.yaml"
    schema.write_text(PROTOCOL_OPENAPI.read_text().replace("${MODEL_NAME}", "{MODEL_NAME}")
                      .replace("${MODEL_VERSION}", "{MODEL_VERSION}"))
    config = tmp_path / "schemathesis.toml"
    config.write_text('[parameters]\n"path.MODEL_NAME" = "iris_tensors"\n"path.MODEL_VERSION" = "1"\n')
    result = subprocess.run(
        ["schemathesis", "--config-file", str(config), "run", str(schema), "--url", server,
         "--checks", "not_a_server_error,response_schema_conformance,content_type_conformance",
         "--seed", "7", "--max-examples", "150", "--workers", "1", "--no-color"],
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    generated = next(line for line in result.stdout.splitlines() if " generated, " in line)
    print(f"schemathesis, Open Inference Protocol: {generated.strip()}")
    assert "passed" in generated
