/// The operators that make, reshape, rearrange and index tensors (whatever their element type), by op type.
enum ShapeOperators {
    static let all: [String: OperatorFactory] = [
        "Constant": factory(ConstantOperator.self),
        "ConstantOfShape": factory(ConstantOfShapeOperator.self),
        "EyeLike": factory(EyeLikeOperator.self),
        "Range": factory(RangeOperator.self),
        "Shape": factory(ShapeOperator.self),
        "Size": factory(SizeOperator.self),
        "NonZero": factory(NonZeroOperator.self),
        "Reshape": factory(ReshapeOperator.self),
        "Flatten": factory(FlattenOperator.self),
        "Squeeze": factory(SqueezeOperator.self),
        "Unsqueeze": factory(UnsqueezeOperator.self),
        "Transpose": factory(TransposeOperator.self),
        "DepthToSpace": factory(DepthToSpaceOperator.self),
        "SpaceToDepth": factory(SpaceToDepthOperator.self),
        "Concat": factory(ConcatOperator.self),
        "Split": factory(SplitOperator.self),
        "Slice": factory(SliceOperator.self),
        "Expand": factory(ExpandOperator.self),
        "Tile": factory(TileOperator.self),
        "Pad": factory(PadOperator.self),
        "Gather": factory(GatherOperator.self),
        "GatherElements": factory(GatherElementsOperator.self),
        "GatherND": factory(GatherNDOperator.self),
        "Compress": factory(CompressOperator.self),
        "ScatterElements": factory(ScatterElementsOperator.self),
        "Scatter": factory(ScatterElementsOperator.self),
        "ScatterND": factory(ScatterNDOperator.self),
        "OneHot": factory(OneHotOperator.self),
        "TopK": factory(TopKOperator.self),
        "ArgMax": factory(ArgMaxOperator.self),
        "ArgMin": factory(ArgMinOperator.self),
        "Trilu": factory(TriluOperator.self),
        "CumSum": factory(CumSumOperator.self),
    ]

    private static func factory<Made: ShapeGroupOperator>(_ type: Made.Type) -> OperatorFactory {
        { spec throws(OperatorError) in try Made(spec) }
    }
}

/// An operator of the shape group, made from its node (attributes read and checked once, at load).
protocol ShapeGroupOperator: Operator {
    init(_ spec: NodeSpec) throws(OperatorError)
}
