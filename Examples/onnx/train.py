"""Trains a random forest on the iris data the project ships (data/iris.csv, its 120 training rows from
data/iris_split.json) with scikit-learn, and exports it to ONNX with skl2onnx as model.onnx beside this
file: input `features` (float, [N, 4]: sepal and petal length and width in cm), outputs `label` (int64,
[N]) and `probabilities` (float, [N, 3]). Prints its accuracy on the 30 test rows.

    python3 Examples/onnx/train.py
"""
import csv
import json
import pathlib

import numpy as np
from skl2onnx import to_onnx
from skl2onnx.common.data_types import FloatTensorType
from sklearn.ensemble import RandomForestClassifier

HERE = pathlib.Path(__file__).resolve().parent
DATA = HERE.parent.parent / "data"
SPECIES = ["setosa", "versicolor", "virginica"]

rows = list(csv.DictReader(open(DATA / "iris.csv")))
features = np.array([[float(row[key]) for key in ("sepal_length", "sepal_width", "petal_length", "petal_width")]
                     for row in rows], dtype=np.float32)
labels = np.array([SPECIES.index(row["species"]) for row in rows])
split = json.load(open(DATA / "iris_split.json"))
train, test = np.array(split["train"]), np.array(split["test"])

forest = RandomForestClassifier(n_estimators=20, max_depth=4, random_state=0).fit(features[train], labels[train])
model = to_onnx(forest, initial_types=[("features", FloatTensorType([None, 4]))], options={"zipmap": False})
(HERE / "model.onnx").write_bytes(model.SerializeToString())
print(f"model.onnx: a random forest of 20 trees, test accuracy {forest.score(features[test], labels[test]):.3f}")
