import Testing

@testable import ServeModels

@Suite struct MLEncoderOperatorTests {
    @Test func labelEncoderMapsStringsToIntegers() throws {
        let x = try Tensor(shape: [4], values: ["Dori", "Amy", "Sally", "Amy"])
        let outputs = try MLTest.run(
            "LabelEncoder",
            ["keys_strings": .strings(["Amy", "Sally"]), "values_int64s": .ints([5, 6]), "default_int64": .int(-1)],
            [x], opset: 2)
        #expect(outputs[0].tensor?.values(as: Int64.self) == [-1, 5, 6, 5])
    }

    @Test func labelEncoderDefaultsAndNaNKeys() throws {
        let x = try MLTest.floats([.nan, 2, 7], [3])
        let outputs = try MLTest.run(
            "LabelEncoder", ["keys_floats": .floats([.nan, 2]), "values_strings": .strings(["missing", "two"])], [x],
            opset: 4)
        #expect(outputs[0].tensor?.values(as: String.self) == ["missing", "two", "_Unused"])
    }

    @Test func labelEncoderOpset1UsesClassIndices() throws {
        let classes: [String: Attribute] = ["classes_strings": .strings(["a", "b"])]
        let forward = try MLTest.run("LabelEncoder", classes, [Tensor(shape: [2], values: ["b", "z"])])
        #expect(forward[0].tensor?.values(as: Int64.self) == [1, -1])
        let back = try MLTest.run("LabelEncoder", classes, [Tensor(shape: [2], values: [Int64(0), 5])])
        #expect(back[0].tensor?.values(as: String.self) == ["a", "_Unused"])
    }

    @Test func labelEncoderNeedsKeysOfTheInputType() throws {
        let op = try MLTest.make("LabelEncoder", ["keys_int64s": .ints([1]), "values_floats": .floats([1])], opset: 2)
        #expect(throws: OperatorError.self) { try op.run([.tensor(MLTest.floats([1], [1]))]) }
    }

    @Test func categoryMapperGoesBothWays() throws {
        let attributes: [String: Attribute] = ["cats_strings": .strings(["x", "y"]), "cats_int64s": .ints([10, 20])]
        let ints = try MLTest.run("CategoryMapper", attributes, [Tensor(shape: [3], values: ["y", "x", "q"])])
        #expect(ints[0].tensor?.values(as: Int64.self) == [20, 10, -1])
        let strings = try MLTest.run("CategoryMapper", attributes, [Tensor(shape: [2], values: [Int64(10), 3])])
        #expect(strings[0].tensor?.values(as: String.self) == ["x", "_Unused"])
    }

    @Test func oneHotEncoderAddsAnAxis() throws {
        let outputs = try MLTest.run(
            "OneHotEncoder", ["cats_int64s": .ints([4, 8])], [Tensor(shape: [3], values: [Int64(8), 5, 4])])
        #expect(MLTest.close(outputs[0], [0, 1, 0, 0, 1, 0], shape: [3, 2]))
        let strict = try MLTest.make("OneHotEncoder", ["cats_strings": .strings(["a"]), "zeros": .int(0)])
        #expect(throws: OperatorError.self) { try strict.run([.tensor(Tensor(shape: [1], values: ["b"]))]) }
    }

    @Test func zipMapMakesOneMapPerRow() throws {
        let outputs = try MLTest.run(
            "ZipMap", ["classlabels_int64s": .ints([3, 7])], [MLTest.floats([0.25, 0.75, 1, 0], [2, 2])])
        #expect(
            outputs == [
                .sequence([.map([.int(3): 0.25, .int(7): 0.75]), .map([.int(3): 1, .int(7): 0])])
            ])
        let strings = try MLTest.run(
            "ZipMap", ["classlabels_strings": .strings(["a", "b"])], [MLTest.floats([1, 2], [2])])
        #expect(strings == [.sequence([.map([.string("a"): 1, .string("b"): 2])])])
        let op = try MLTest.make("ZipMap", ["classlabels_strings": .strings(["a", "b", "c"])])
        #expect(throws: OperatorError.self) { try op.run([.tensor(MLTest.floats([1, 2], [1, 2]))]) }
    }
}
