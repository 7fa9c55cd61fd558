/// The operators of this group, by op type: matrix products, convolutions, pools, normalisations and
/// resizing.
enum NeuralNetworkOperators {
    static let all: [String: OperatorFactory] = [
        "MatMul": MatMulOperator.make,
        "Gemm": GemmOperator.make,
        "Conv": ConvOperator.make,
        "ConvTranspose": ConvTransposeOperator.make,
        "MaxPool": PoolOperator.maxPool,
        "AveragePool": PoolOperator.averagePool,
        "LpPool": PoolOperator.lpPool,
        "GlobalAveragePool": GlobalPoolOperator.makeAverage,
        "GlobalMaxPool": GlobalPoolOperator.makeMax,
        "BatchNormalization": BatchNormalizationOperator.make,
        "InstanceNormalization": InstanceNormalizationOperator.make,
        "LayerNormalization": LayerNormalizationOperator.make,
        "LRN": LRNOperator.make,
        "Resize": ResizeOperator.makeResize,
        "Upsample": ResizeOperator.makeUpsample,
        "Einsum": EinsumOperator.make,
    ]
}
