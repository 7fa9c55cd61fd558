"""`serve model.onnx`: models trained and exported here with scikit-learn and skl2onnx, served by the real
binary, called with requests, and checked against onnxruntime on the same inputs."""
import subprocess

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

from conftest import BINARY


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
