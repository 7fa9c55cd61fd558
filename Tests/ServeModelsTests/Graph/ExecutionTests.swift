import Testing

@testable import ServeModels

/// Running a loaded model: inputs checked against the declarations, outputs by name.
@Suite struct ExecutionTests {
    @Test func aModelRunsOnItsInputsAndGivesItsOutputsByName() throws {
        let model = try ModelBuilder.addBias().load()
        let outputs = try model.run(["x": try Tensor(shape: [2, 3], values: [0, 0, 0, 1, 1, 1] as [Float])])
        #expect(outputs["y"] == .tensor(try Tensor(shape: [2, 3], values: [1, 2, 3, 2, 3, 4] as [Float])))
    }

    @Test func inputsOfTheWrongShapeTypeOrNameAreTheCallersErrors() throws {
        let model = try ModelBuilder.addBias().load()
        let wrongShape = #expect(throws: ModelError.self) {
            try model.run(["x": try Tensor(shape: [1, 4], values: [0, 0, 0, 0] as [Float])])
        }
        #expect(wrongShape?.message == "input 'x' has shape [1, 4], expected [N, 3]")
        #expect(wrongShape?.isInputError == true)
        let wrongType = #expect(throws: ModelError.self) {
            try model.run(["x": try Tensor(shape: [1, 3], values: [0, 0, 0] as [Int64])])
        }
        #expect(wrongType?.message == "input 'x' must be a float tensor, not int64")
        let unknown = #expect(throws: ModelError.self) { try model.run(["z": Tensor(scalar: Float(1))]) }
        #expect(unknown?.message == "the model has no input 'z' (its inputs: 'x')")
        #expect(throws: ModelError("input 'x' is missing", isInputError: true)) { try model.run([:]) }
    }

    @Test func onePlanServesManyThreadsAtOnce() async throws {
        let model = try ModelBuilder.addBias().load()
        let sums = try await withThrowingTaskGroup(of: Float.self) { group in
            for index in 0..<64 {
                group.addTask {
                    let x = try Tensor(shape: [1, 3], values: [Float(index), 0, 0])
                    return try model.run(["x": x])["y"]?.tensor?.values(as: Float.self)?.first ?? -1
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(sums) == Set((0..<64).map { Float($0) + 1 }))
    }
}
