import Serve

/// Runs a served model's calls: through a ``Batcher`` when its tensors stack along their first dimension
/// (every input's first dimension of any size and its others fixed; every output tensor's first dimension
/// of any size too, named as an input's when the file names them), so concurrent requests become one call
/// of the model; otherwise each alone. A model whose one-row call takes under ``batchingPaysFrom`` runs
/// each call at once instead, on the caller's thread.
///
/// A batch joins its requests' inputs row after row, runs the model once, and cuts each output (a tensor
/// or a sequence whose first dimension is the batch's rows) back into each request's rows. When the
/// outputs cannot be cut so, or the joined call fails, each request runs alone, so a request is never
/// answered with another's rows or refused for another's fault. A request larger than a call runs as
/// calls of at most the batch size.
struct ModelRunner: Sendable {
    private let slot: ModelSlot
    private let batcher: Batcher<[String: Tensor], [String: Value]>?

    /// Runs the model in `slot`, batching within `limits` when given, the model's inputs allow and a
    /// one-row call takes `batchingFrom` or more.
    init(_ slot: ModelSlot, batching limits: BatchLimits?, batchingFrom: Duration = batchingPaysFrom) {
        self.slot = slot
        guard let limits, Self.stacks(inputs: slot.model.inputs, outputs: slot.model.outputs),
            Self.callTime(slot.model).map({ $0 >= batchingFrom }) ?? true
        else {
            batcher = nil
            return
        }
        batcher = Batcher(limits: limits, instances: { Self.rows($0) ?? 1 }) { items in
            Self.runTogether(slot, items)
        }
    }

    /// Where batched calls are told of; nil when calls are not batched.
    var batches: BatchEvents? { batcher?.events }

    /// The model's outputs for `tensors`.
    func run(_ tensors: [String: Tensor]) async throws -> [String: Value] {
        guard let batcher, let rows = Self.rows(tensors), rows > 0 else { return try Self.runAlone(slot, tensors) }
        let size = batcher.limits.maximumSize
        guard rows > size else { return try await batcher.submit(tensors) }
        var parts: [[String: Value]] = []
        for start in stride(from: 0, to: rows, by: size) {
            parts.append(try await batcher.submit(tensors.mapValues { $0.rows(start..<min(start + size, rows)) }))
        }
        guard let joined = Self.join(parts) else { throw ModelError("the model's outputs do not stack by rows") }
        return joined
    }

    /// Calls shorter than this run at once, on the caller's thread: handing a call to the batch worker and
    /// back costs tens of microseconds on a busy core, more than combining such short calls saves.
    static let batchingPaysFrom = Duration.microseconds(200)

    /// How long a one-row call on zeros takes: the quickest of up to three (nil when the model refuses it).
    static func callTime(_ model: ONNXModel) -> Duration? {
        var inputs: [String: Tensor] = [:]
        for input in model.inputs {
            guard let type = input.elementType, let shape = input.shape?.dropFirst().compactMap(\.size),
                let data = TensorData.zeros(type, count: shape.reduce(1, *))
            else { return nil }
            inputs[input.name] = Tensor(checked: [1] + shape, data)
        }
        var quickest: Duration?
        for _ in 0..<3 {
            let start = ContinuousClock.now
            guard (try? model.run(inputs)) != nil else { return nil }
            let time = ContinuousClock.now - start
            quickest = min(quickest ?? time, time)
            if time > batchingPaysFrom * 10 { break }
        }
        return quickest
    }

    /// The model's outputs for `tensors`, run now, alone.
    func runNow(_ tensors: [String: Tensor]) throws -> [String: Value] { try Self.runAlone(slot, tensors) }

    /// Runs the model in `slot` now, on `tensors` alone; an input it refuses is the caller's fault.
    static func runAlone(_ slot: ModelSlot, _ tensors: [String: Tensor]) throws -> [String: Value] {
        do {
            return try slot.model.run(tensors)
        } catch let error where error.isInputError {
            throw ArgumentError(expected: "inputs the model takes", got: error.message)
        }
    }

    /// One call of the model on `items` joined, each item's rows of the outputs its answer; each item
    /// alone when they do not join, the call fails, or an output does not have their rows.
    static func runTogether(_ slot: ModelSlot, _ items: [[String: Tensor]]) -> [Result<
        [String: Value], any Error
    >] {
        let alone = { items.map { item in Result { try runAlone(slot, item) } } }
        let rows = items.compactMap(Self.rows)
        guard items.count > 1, rows.count == items.count,
            let joined = join(items.map { $0.mapValues(Value.tensor) }),
            let outputs = try? runAlone(slot, joined.compactMapValues(\.tensor))
        else { return alone() }
        var answers: [Result<[String: Value], any Error>] = []
        var start = 0
        for count in rows {
            let answer = Self.rows(start..<start + count, of: outputs)
            guard answer.count == outputs.count else { return alone() }
            answers.append(.success(answer))
            start += count
        }
        guard outputs.values.allSatisfy({ Self.rowCount($0) == start }) else { return alone() }
        return answers
    }

    /// Whether a model with these inputs and outputs runs rows independently, as far as its file says.
    static func stacks(inputs: [TensorDescription], outputs: [TensorDescription]) -> Bool {
        var names: Set<String> = []
        for input in inputs {
            guard let shape = input.shape, let first = shape.first, first.size == nil, input.elementType != nil,
                shape.dropFirst().allSatisfy({ $0.size != nil })
            else { return false }
            if case .named(let name) = first { names.insert(name) }
        }
        return !inputs.isEmpty
            && outputs.allSatisfy { output in
                guard output.elementType != nil else { return true }
                switch output.shape?.first {
                case .named(let name)?: return names.isEmpty || names.contains(name)
                case .unknown?: return true
                case .fixed?, nil: return false
                }
            }
    }

    /// The rows a request's tensors carry: their first dimension, when they all agree on it.
    private static func rows(_ tensors: [String: Tensor]) -> Int? {
        let counts = Set(tensors.values.map { $0.shape.first ?? -1 })
        guard counts.count == 1, let count = counts.first, count >= 0 else { return nil }
        return count
    }

    private static func rowCount(_ value: Value) -> Int? {
        switch value {
        case .tensor(let tensor): tensor.shape.first
        case .sequence(let items): items.count
        case .map: nil
        }
    }

    /// Values joined row after row: tensors along their first dimension, sequences one after another;
    /// nil when they do not join (a map, or tensors that differ in type or in their other dimensions).
    private static func join(_ parts: [[String: Value]]) -> [String: Value]? {
        guard let first = parts.first else { return nil }
        var joined: [String: Value] = [:]
        for (name, value) in first {
            let values = parts.compactMap { $0[name] }
            guard values.count == parts.count else { return nil }
            switch value {
            case .tensor:
                let tensors = values.compactMap(\.tensor)
                guard tensors.count == values.count, let tensor = try? Tensor(stacking: tensors) else { return nil }
                joined[name] = .tensor(tensor)
            case .sequence:
                var items: [Value] = []
                for case .sequence(let more) in values { items += more }
                joined[name] = .sequence(items)
            case .map:
                return nil
            }
        }
        return joined
    }

    /// Rows `range` of each value (a tensor's first dimension, a sequence's items); a value with fewer
    /// rows, or a map, is left out.
    private static func rows(_ range: Range<Int>, of values: [String: Value]) -> [String: Value] {
        values.compactMapValues { value in
            switch value {
            case .tensor(let tensor):
                guard let count = tensor.shape.first, range.upperBound <= count else { return nil }
                return .tensor(tensor.rows(range))
            case .sequence(let items):
                guard range.upperBound <= items.count else { return nil }
                return .sequence(Array(items[range]))
            case .map:
                return nil
            }
        }
    }
}

extension Tensor {
    /// Tensors joined along their first dimension; they must agree on element type and every other one.
    init(stacking tensors: [Tensor]) throws(OperatorError) {
        guard let first = tensors.first, first.rank >= 1 else { throw OperatorError("nothing to stack") }
        let rest = Array(first.shape.dropFirst())
        guard tensors.allSatisfy({ $0.elementType == first.elementType && Array($0.shape.dropFirst()) == rest })
        else { throw OperatorError("tensors differ in type or shape") }
        let data = try first.data.shapeVisit(
            ShapeConcat(parts: tensors.map(\.data), blocks: tensors.map(\.count), outer: 1))
        self.init(checked: [tensors.reduce(0) { $0 + $1.shape[0] }] + rest, data)
    }

    /// Rows `range` of the first dimension.
    func rows(_ range: Range<Int>) -> Tensor {
        let width = shape.dropFirst().reduce(1, *)
        let elements = Array((range.lowerBound * width)..<(range.upperBound * width))
        return Tensor(checked: [range.count] + shape.dropFirst(), data.picking(elements))
    }
}
