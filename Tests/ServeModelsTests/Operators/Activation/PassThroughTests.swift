import Testing

@testable import ServeModels

@Suite struct PassThroughTests {
    typealias Support = OperatorTestSupport

    @Test func dropoutAtInferenceIsIdentityWithATrueMask() throws {
        let x = try Support.floats([2], [1, -2])
        let outputs = try Support.run("Dropout", opset: 13, outputs: 2, [x, Support.floats([], [0.3])])
        #expect(outputs.count == 2)
        #expect(outputs.first == x)
        #expect(outputs.last?.values(as: Bool.self) == [true, true])
    }

    @Test func dropoutBeforeOpset10MasksWithTheInputsType() throws {
        let x = try Support.floats([2], [1, -2])
        let outputs = try Support.run("Dropout", opset: 7, attributes: ["ratio": .float(0.5)], outputs: 2, [x])
        #expect(outputs.last?.values(as: Float.self) == [1, 1])
    }

    @Test func dropoutInTrainingModeDropsAndScales() throws {
        let x = try Support.floats([1000], Array(repeating: 1, count: 1000))
        let training = try Tensor(shape: [], values: [true])
        let outputs = try Support.run(
            "Dropout", opset: 13, attributes: ["seed": .int(0)], outputs: 2, [x, Support.floats([], [0.75]), training])
        let values = outputs.first?.values(as: Float.self) ?? []
        let mask = outputs.last?.values(as: Bool.self) ?? []
        // Kept elements are scaled by 1 / (1 - 0.75) = 4, dropped ones are 0; about a quarter are kept.
        #expect(values.allSatisfy { $0 == 0 || $0 == 4 })
        #expect(zip(values, mask).allSatisfy { ($0 == 4) == $1 })
        #expect((150...350).contains(mask.filter { $0 }.count))
        // A zero ratio keeps everything, even in training mode.
        let kept = try Support.run("Dropout", opset: 13, [x, Support.floats([], [0]), training])
        #expect(kept.first == x)
    }

    @Test func identityPassesAnyValue() throws {
        let x = try Tensor(shape: [2], values: ["a", "b"])
        #expect(try Support.run1("Identity", [x]) == x)
    }
}
