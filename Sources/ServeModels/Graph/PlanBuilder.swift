/// Orders a graph's nodes and numbers its values: what `ExecutionPlan` runs.
struct PlanBuilder {
    /// A node with its operator made, and the names of the values it reads and writes (`""` for an
    /// absent optional input).
    struct Node {
        let name: String
        let opType: String
        let operation: any Operator
        let inputs: [String]
        let outputs: [String]
    }

    var inputs: [TensorDescription] = []
    var initializers: [(name: String, value: Tensor)] = []
    var nodes: [Node] = []
    var outputs: [TensorDescription] = []

    /// The plan; throws when a node reads a value nothing computes, two nodes write one value, or the
    /// nodes form a cycle.
    func build() throws(ModelError) -> ExecutionPlan {
        var slots: [String: Int] = [:]
        func slot(_ name: String) -> Int {
            if let slot = slots[name] { return slot }
            slots[name] = slots.count
            return slots.count - 1
        }
        let initializerNames = Set(initializers.map(\.name))
        let constants = initializers.map { (slot: slot($0.name), value: Value.tensor($0.value)) }
        let graphInputs = inputs.filter { !initializerNames.contains($0.name) }
        var available = Set(graphInputs.map(\.name)).union(initializerNames)
        let planInputs = graphInputs.map { (description: $0, slot: slot($0.name)) }

        var producers: [String: Int] = [:]
        for (index, node) in nodes.enumerated() {
            for output in node.outputs where !output.isEmpty {
                if producers[output] != nil || available.contains(output) {
                    throw ModelError("value '\(output)' is computed twice (again by node '\(node.name)')")
                }
                producers[output] = index
            }
        }
        for (index, node) in nodes.enumerated() {
            for input in node.inputs where !input.isEmpty && producers[input] == nil && !available.contains(input) {
                throw ModelError("node '\(nodes[index].name)' reads '\(input)', which no node or input gives")
            }
        }
        let order = try topologicalOrder(producers: producers)

        var lastReader: [String: Int] = [:]
        for (position, index) in order.enumerated() {
            for input in nodes[index].inputs where !input.isEmpty { lastReader[input] = position }
        }
        let kept = Set(outputs.map(\.name)).union(initializerNames)
        var steps: [ExecutionPlan.Step] = []
        for (position, index) in order.enumerated() {
            let node = nodes[index]
            let released = Set(node.inputs).union(node.outputs).filter {
                !$0.isEmpty && !kept.contains($0) && (lastReader[$0] ?? -1) <= position
            }
            steps.append(
                ExecutionPlan.Step(
                    node: node.name, opType: node.opType, operation: node.operation,
                    inputs: node.inputs.map { $0.isEmpty ? nil : slot($0) },
                    outputs: node.outputs.map { slot($0) }, released: released.sorted().map { slot($0) }))
            available.formUnion(node.outputs)
        }
        for output in outputs where !available.contains(output.name) {
            throw ModelError("output '\(output.name)' is computed by no node")
        }
        return ExecutionPlan(
            slotCount: slots.count, constants: constants, inputs: planInputs,
            outputs: outputs.map { (description: $0, slot: slot($0.name)) }, steps: steps)
    }

    /// The nodes' indices with each after the nodes it reads from (Kahn's algorithm, keeping file order
    /// among nodes that are ready together).
    private func topologicalOrder(producers: [String: Int]) throws(ModelError) -> [Int] {
        var waitingOn = [Int](repeating: 0, count: nodes.count)
        var readers = [[Int]](repeating: [], count: nodes.count)
        for (index, node) in nodes.enumerated() {
            for producer in Set(node.inputs.compactMap { producers[$0] }) {
                waitingOn[index] += 1
                readers[producer].append(index)
            }
        }
        var ready = (0..<nodes.count).filter { waitingOn[$0] == 0 }.reversed() as [Int]
        var order: [Int] = []
        while let next = ready.popLast() {
            order.append(next)
            for reader in readers[next].reversed() {
                waitingOn[reader] -= 1
                if waitingOn[reader] == 0 { ready.append(reader) }
            }
        }
        if order.count < nodes.count {
            let stuck = (0..<nodes.count).first { waitingOn[$0] > 0 }.map { nodes[$0].name } ?? "?"
            throw ModelError("the graph has a cycle through node '\(stuck)'")
        }
        return order
    }
}
