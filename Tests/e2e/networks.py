"""ONNX networks built here for the batching and gRPC tests, with weights drawn from a seeded generator."""
import numpy as np
from onnx import TensorProto, helper, numpy_helper


def dense_network(path, hidden, seed=0):
    """4 → hidden → hidden → 3 with softmax, saved at `path`: its first dimension of any size, so it batches. With
    a wide hidden layer a call takes milliseconds, reading its weights once whatever its rows."""
    generator = np.random.default_rng(seed)

    def weights(name, rows, columns):
        values = (generator.standard_normal((rows, columns)) / np.sqrt(rows)).astype(np.float32)
        return numpy_helper.from_array(values, name)

    graph = helper.make_graph(
        [
            helper.make_node("MatMul", ["X", "W1"], ["h1"]),
            helper.make_node("Relu", ["h1"], ["r1"]),
            helper.make_node("MatMul", ["r1", "W2"], ["h2"]),
            helper.make_node("Relu", ["h2"], ["r2"]),
            helper.make_node("MatMul", ["r2", "W3"], ["logits"]),
            helper.make_node("Softmax", ["logits"], ["Y"], axis=1),
        ],
        path.stem,
        [helper.make_tensor_value_info("X", TensorProto.FLOAT, ["N", 4])],
        [helper.make_tensor_value_info("Y", TensorProto.FLOAT, ["N", 3])],
        [weights("W1", 4, hidden), weights("W2", hidden, hidden), weights("W3", hidden, 3)],
    )
    path.write_bytes(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]).SerializeToString())
    return path
