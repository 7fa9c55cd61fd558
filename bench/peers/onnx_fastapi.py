"""FastAPI + onnxruntime serving an ONNX model the way its documentation suggests: POST /predict with the
inputs by name as nested lists, answered with the outputs by name. One onnxruntime thread, as Serve runs a
call on one.

    ONNX_MODEL=model.onnx uvicorn --workers 1 --no-access-log --port PORT onnx_fastapi:app
"""
import os

import numpy as np
import onnxruntime
from fastapi import FastAPI, Request

options = onnxruntime.SessionOptions()
options.intra_op_num_threads = 1
options.inter_op_num_threads = 1
session = onnxruntime.InferenceSession(os.environ["ONNX_MODEL"], options, providers=["CPUExecutionProvider"])
element_types = {"tensor(float)": np.float32, "tensor(double)": np.float64, "tensor(int64)": np.int64}
inputs = {tensor.name: element_types[tensor.type] for tensor in session.get_inputs()}
output_names = [tensor.name for tensor in session.get_outputs()]

app = FastAPI()


@app.post("/predict")
async def predict(request: Request):
    body = await request.json()
    outputs = session.run(None, {name: np.asarray(body[name], dtype=dtype) for name, dtype in inputs.items()})
    return {name: value.tolist() for name, value in zip(output_names, outputs)}
