"""`serve model.onnx`: models trained and exported here with scikit-learn and skl2onnx, served by the real
binary, called with requests, and checked against onnxruntime on the same inputs."""
import signal
import subprocess
import threading
import time

import numpy as np
import onnx
import onnxruntime
import pytest
import requests
from onnx import TensorProto, helper
from skl2onnx import to_onnx
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from conftest import BINARY, launch, stop


@pytest.fixture(scope="module")
def iris_model(tmp_path_factory):
    """A scaler and logistic regression on iris (the data scikit-learn ships), exported with its ZipMap."""
    features, labels = load_iris(return_X_y=True)
    pipeline = make_pipeline(StandardScaler(), LogisticRegression(max_iter=500)).fit(features, labels)
    path = tmp_path_factory.mktemp("models") / "iris_pipeline.onnx"
    path.write_bytes(to_onnx(pipeline, features[:1].astype(np.float32)).SerializeToString())
    return path, features.astype(np.float32)


def test_a_scikit_learn_pipeline_answers_as_onnxruntime_does(start_server, iris_model):
    path, features = iris_model
    url = start_server(str(path))
    rows = features[[0, 60, 120]]
    answer = requests.post(f"{url}/iris_pipeline/predict", json={"X": rows.tolist()}, timeout=10)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    session = onnxruntime.InferenceSession(str(path))
    labels, probabilities = session.run(None, {"X": rows})
    assert body["output_label"] == labels.tolist()
    for served, expected in zip(body["output_probability"], probabilities):
        assert set(served) == {str(key) for key in expected}
        for key, value in expected.items():
            assert served[str(key)] == pytest.approx(value, rel=1e-4, abs=1e-6)


def test_a_wrong_shape_is_a_422_naming_the_input(start_server, iris_model):
    path, _ = iris_model
    url = start_server(str(path))
    answer = requests.post(f"{url}/iris_pipeline/predict", json={"X": [[1.0, 2.0]]}, timeout=10)
    assert answer.status_code == 422
    assert answer.json()["errors"] == [
        {"field": "X", "expected": "a float tensor of shape [?, 4]", "got": "shape [1, 2]"}]


def test_a_model_serve_cannot_run_stops_start_up_with_one_line(tmp_path):
    node = helper.make_node("DeformConv", ["x", "w", "offset"], ["y"], name="Conv_12")
    graph = helper.make_graph(
        [node], "g",
        [helper.make_tensor_value_info(name, TensorProto.FLOAT, None) for name in ("x", "w", "offset")],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)])
    path = tmp_path / "model.onnx"
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 19)]), path)
    result = subprocess.run([BINARY, str(path), "--bind", "127.0.0.1:0"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: {path}: node 'Conv_12' uses DeformConv (ai.onnx, opset 19), which Serve does not run"]


def test_a_named_model_may_take_a_bundled_name_unless_that_function_is_served_too(start_server, iris_model):
    path, features = iris_model
    url = start_server(f"iris={path.parent}")  # KServe's layout: NAME=/mnt/models, one .onnx file inside
    answer = requests.post(f"{url}/iris/predict", json={"X": features[:1].tolist()}, timeout=10)
    assert answer.status_code == 200 and "output_label" in answer.json(), answer.text
    assert requests.get(f"{url}/add?a=1&b=2", timeout=10).status_code == 404  # models named alone are all served
    result = subprocess.run(
        [BINARY, f"iris={path}", "iris", "--bind", "127.0.0.1:0"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Error: the model 'iris' would be served as iris.predict, which is also a function named here; "
        "name the model otherwise: OTHER=PATH.")


def test_sighup_swaps_in_a_new_model_file_and_keeps_the_old_one_when_the_new_one_fails(tmp_path):
    features, labels = load_iris(return_X_y=True)
    exports = []
    for strength in (1.0, 0.01):  # two models with the same inputs and outputs, different answers
        model = LogisticRegression(C=strength, max_iter=500).fit(features, labels)
        exports.append(to_onnx(model, features[:1].astype(np.float32), options={"zipmap": False}).SerializeToString())
    folder = tmp_path / "models"
    folder.mkdir()
    (folder / "model.onnx").write_bytes(exports[0])
    process, url = launch(f"flower={folder}")
    request = {"inputs": [{"name": "X", "shape": [1, 4], "datatype": "FP32", "data": [6.0, 3.0, 4.5, 1.5]}]}
    statuses, running = [], True

    def load():  # calls all through the reloads: none may fail
        with requests.Session() as session:
            while running:
                statuses.append(session.post(f"{url}/v2/models/flower/infer", json=request, timeout=10).status_code)

    def probabilities():
        answer = requests.post(f"{url}/v2/models/flower/infer", json=request, timeout=10).json()
        return next(o["data"] for o in answer["outputs"] if o["name"] == "probabilities")

    def reload_with(data):
        (folder / "model.onnx").write_bytes(data)
        process.send_signal(signal.SIGHUP)
        time.sleep(0.5)

    client = threading.Thread(target=load)
    client.start()
    try:
        first = probabilities()
        reload_with(exports[1])
        second = probabilities()
        assert second != pytest.approx(first, abs=1e-3)
        reload_with(exports[0][:200])  # truncated: the model in service stays
        assert probabilities() == pytest.approx(second, abs=1e-7)
        reload_with(exports[0])
        assert probabilities() == pytest.approx(first, abs=1e-7)
    finally:
        running = False
        client.join()
        stop(process)
    assert len(statuses) > 10 and set(statuses) == {200}
