/// A graph made ready to run: its nodes in an order where every input is computed before it is read, each
/// value in a numbered slot, and each intermediate slot emptied after its last reader, so a call holds only
/// the tensors still needed. Immutable, so one plan serves every thread at once.
struct ExecutionPlan: Sendable {
    /// One node: its operator, the slots it reads (nil for an absent optional input) and writes, and the
    /// slots no later step reads.
    struct Step: Sendable {
        let node: String
        let opType: String
        let operation: any Operator
        let inputs: [Int?]
        let outputs: [Int]
        let released: [Int]
    }

    let slotCount: Int
    /// The initializers, by slot.
    let constants: [(slot: Int, value: Value)]
    /// The graph's inputs (initializers excluded), in declared order, and their slots.
    let inputs: [(description: TensorDescription, slot: Int)]
    let outputs: [(description: TensorDescription, slot: Int)]
    let steps: [Step]

    /// The graph's outputs, in declared order, from its inputs in declared order.
    func run(_ feeds: [Value]) throws(ModelError) -> [Value] {
        var slots = [Value?](repeating: nil, count: slotCount)
        for constant in constants { slots[constant.slot] = constant.value }
        for (input, feed) in zip(inputs, feeds) { slots[input.slot] = feed }
        for step in steps {
            let arguments = step.inputs.map { slot in slot.flatMap { slots[$0] } }
            let results: [Value]
            do {
                results = try step.operation.run(arguments)
            } catch {
                throw ModelError("node '\(step.node)' (\(step.opType)): \(error.message)")
            }
            guard results.count >= step.outputs.count else {
                throw ModelError(
                    "node '\(step.node)' (\(step.opType)) gave \(results.count) outputs, not \(step.outputs.count)")
            }
            for (slot, value) in zip(step.outputs, results) { slots[slot] = value }
            for slot in step.released { slots[slot] = nil }
        }
        var results: [Value] = []
        results.reserveCapacity(outputs.count)
        for output in outputs {
            guard let value = slots[output.slot] else {
                throw ModelError("output '\(output.description.name)' was not computed")
            }
            results.append(value)
        }
        return results
    }
}
