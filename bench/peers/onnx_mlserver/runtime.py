"""An MLServer runtime for ONNX files through onnxruntime (MLServer ships none; this is its documented
custom-runtime form), speaking the Open Inference Protocol with MLServer's own codecs. One onnxruntime
thread, as Serve runs a call on one. model-settings.json gives the file as `parameters.uri`."""
import onnxruntime
from mlserver import MLModel
from mlserver.codecs import NumpyCodec
from mlserver.types import InferenceRequest, InferenceResponse


class ONNXRuntime(MLModel):
    async def load(self) -> bool:
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(
            self.settings.parameters.uri, options, providers=["CPUExecutionProvider"])
        self.output_names = [tensor.name for tensor in self.session.get_outputs()]
        return True

    async def predict(self, payload: InferenceRequest) -> InferenceResponse:
        inputs = {tensor.name: NumpyCodec.decode_input(tensor) for tensor in payload.inputs}
        outputs = self.session.run(None, inputs)
        return InferenceResponse(
            model_name=self.name,
            outputs=[NumpyCodec.encode_output(name, value) for name, value in zip(self.output_names, outputs)])
