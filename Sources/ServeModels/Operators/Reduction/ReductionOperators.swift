/// The reductions (ReduceSum, ReduceMean, … ReduceSumSquare), by op type.
enum ReductionOperators {
    static let all: [String: OperatorFactory] = Dictionary(
        uniqueKeysWithValues: ReductionKind.allCases.map { ($0.opType, factory($0)) })

    private static func factory(_ kind: ReductionKind) -> OperatorFactory {
        { (spec: NodeSpec) throws(OperatorError) -> any Operator in try ReduceOperator(spec, kind: kind) }
    }
}
