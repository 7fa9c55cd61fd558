/// `CastLike` (opset 15+): converts input 0 to the element type of input 1 (whose values are not read), as
/// `Cast` does. Input 1 is always of a type Serve holds, since the loader refuses tensors of others, so a
/// `CastLike` to float16 or bfloat16 is refused when the model loads. `saturate` concerns float 8 types only.
struct CastLikeOperator: Operator {
    static let factory: OperatorFactory = { spec throws(OperatorError) in
        guard spec.opset >= 15 else {
            throw OperatorError("CastLike exists from opset 15; the model imports opset \(spec.opset)")
        }
        return CastLikeOperator()
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let x = try inputs.tensor(0)
        let target = try inputs.tensor(1).elementType
        return [.tensor(Tensor(checked: x.shape, try CastOperator.convert(x.data, to: target)))]
    }
}
