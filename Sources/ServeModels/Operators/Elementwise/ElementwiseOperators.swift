/// The operators of this group, by op type: arithmetic, math functions, comparisons and logic, `Where`,
/// `Clip`, `Cast` and `CastLike`, all elementwise and (for two or more inputs) broadcasting NumPy-style.
enum ElementwiseOperators {
    static let all: [String: OperatorFactory] = [
        ArithmeticOperators.factories, PowModShiftOperators.factories, UnaryMathKernels.factories,
        ComparisonOperators.factories, LogicalOperator.factories, FloatClassOperator.factories,
        [
            "Where": { _ in WhereOperator() }, "Clip": ClipOperator.factory, "Cast": CastOperator.factory,
            "CastLike": CastLikeOperator.factory,
        ],
    ].reduce(into: [:]) { all, group in all.merge(group) { first, _ in first } }
}
