import Serve
import Synchronization
import Testing

@testable import ServeModels

/// Batching a model's calls: requests joined row after row, one call, each request answered with its own
/// rows; each alone when the model's outputs do not keep the rows.
@Suite struct ModelRunnerTests {
    @Test func joinedRequestsAreEachAnsweredWithTheirOwnRows() throws {
        let slot = ModelSlot(try ModelBuilder.addBias().load())
        let items = [
            ["x": try Tensor(shape: [1, 3], values: [Float(0), 0, 0])],
            ["x": try Tensor(shape: [2, 3], values: [Float(10), 10, 10, 20, 20, 20])],
            ["x": try Tensor(shape: [0, 3], values: [Float]())],
        ]
        let answers = ModelRunner.runTogether(slot, items).map { try? $0.get()["y"]?.tensor }
        #expect(
            answers == [
                try Tensor(shape: [1, 3], values: [Float(1), 2, 3]),
                try Tensor(shape: [2, 3], values: [Float(11), 12, 13, 21, 22, 23]),
                try Tensor(shape: [0, 3], values: [Float]()),
            ])
    }

    @Test func aModelWhoseOutputsDoNotKeepTheRowsRunsEachRequestAlone() throws {
        // Declared as one row per input row, but Shape answers [rows, 3] whatever the rows.
        var builder = ModelBuilder()
        builder.model.graph.input = [ModelBuilder.value("x", [nil, 3])]
        builder.model.graph.output = [ModelBuilder.value("y", [nil], type: .int64)]
        builder.model.graph.node = [ModelBuilder.node("Shape", ["x"], ["y"])]
        let slot = ModelSlot(try builder.load())
        let items = [
            ["x": try Tensor(shape: [1, 3], values: [Float](repeating: 0, count: 3))],
            ["x": try Tensor(shape: [2, 3], values: [Float](repeating: 0, count: 6))],
        ]
        let answers = ModelRunner.runTogether(slot, items).map { try? $0.get()["y"]?.tensor?.values(as: Int64.self) }
        #expect(answers == [[1, 3], [2, 3]])
    }

    @Test func aRequestLargerThanABatchRunsAsCallsOfTheBatchSize() async throws {
        let slot = ModelSlot(try ModelBuilder.addBias().load())
        let runner = ModelRunner(slot, batching: BatchLimits(maximumSize: 2), batchingFrom: .zero)
        let sizes = Sizes()
        try #require(runner.batches).observe { record in sizes.values.withLock { $0.append(record.instances) } }
        let rows = try Tensor(shape: [5, 3], values: (0..<15).map(Float.init))
        let answer = try await runner.run(["x": rows])
        #expect(answer["y"]?.tensor == (try ModelRunner.runAlone(slot, ["x": rows])["y"]?.tensor))
        #expect(sizes.values.withLock { $0 } == [2, 2, 1])
    }

    /// The sizes of the calls a batcher made.
    final class Sizes: Sendable {
        let values = Mutex<[Int]>([])
    }

    @Test func onlySlowModelsWhoseRowsAreTheirFirstDimensionBatch() throws {
        let addBias = try ModelBuilder.addBias().load()
        #expect(ModelRunner.stacks(inputs: addBias.inputs, outputs: addBias.outputs))
        // Its calls take microseconds: handing them to the batch worker would cost more than it saves.
        #expect(try #require(ModelRunner.callTime(addBias)) < ModelRunner.batchingPaysFrom)
        #expect(ModelRunner(ModelSlot(addBias), batching: BatchLimits()).batches == nil)
        let rows = TensorDescription(name: "x", elementType: .float, shape: [.named("N"), .fixed(3)])
        let fixed = TensorDescription(name: "x", elementType: .float, shape: [.fixed(1), .fixed(3)])
        let ragged = TensorDescription(name: "x", elementType: .float, shape: [.named("N"), .unknown])
        let other = TensorDescription(name: "y", elementType: .float, shape: [.named("M")])
        let transposed = TensorDescription(name: "y", elementType: .float, shape: [.fixed(3), .named("N")])
        let scores = TensorDescription(name: "scores", elementType: nil, shape: nil)
        #expect(ModelRunner.stacks(inputs: [rows], outputs: [rows, scores]))
        #expect(!ModelRunner.stacks(inputs: [fixed], outputs: [rows]))
        #expect(!ModelRunner.stacks(inputs: [ragged], outputs: [rows]))
        #expect(!ModelRunner.stacks(inputs: [rows], outputs: [other]))
        #expect(!ModelRunner.stacks(inputs: [rows], outputs: [transposed]))
        #expect(!ModelRunner.stacks(inputs: [], outputs: [rows]))
    }
}
