import Testing

@testable import ServeModels

@Suite struct MLPreprocessingOperatorTests {
    @Test func scalerOffsetsThenScalesEachFeature() throws {
        let outputs = try MLTest.run(
            "Scaler", ["offset": .floats([1, 2]), "scale": .floats([2, 0.5])], [MLTest.floats([3, 4, 1, 2], [2, 2])])
        #expect(MLTest.close(outputs[0], [4, 1, 0, 0], shape: [2, 2]))
    }

    @Test func scalerTakesIntegersAndGivesFloats() throws {
        let outputs = try MLTest.run(
            "Scaler", ["offset": .floats([1]), "scale": .floats([3])], [Tensor(shape: [3], values: [Int64(0), 1, 2])])
        #expect(MLTest.close(outputs[0], [-3, 0, 3], shape: [3]))
    }

    @Test func scalerRejectsAWrongNumberOfScales() throws {
        let op = try MLTest.make("Scaler", ["offset": .floats([1, 2]), "scale": .floats([2, 0.5])])
        #expect(throws: OperatorError.self) { try op.run([.tensor(MLTest.floats([1, 2, 3], [1, 3]))]) }
    }

    @Test func normalizerNorms() throws {
        let x = try MLTest.floats([1, -3, 3, 4, 0, 0], [3, 2])
        let l1 = try MLTest.run("Normalizer", ["norm": .string("L1")], [x])
        #expect(MLTest.close(l1[0], [0.25, -0.75, 3.0 / 7, 4.0 / 7, 0, 0], shape: [3, 2]))
        let l2 = try MLTest.run("Normalizer", ["norm": .string("L2")], [x])
        #expect(MLTest.close(l2[0], [0.316227766, -0.948683298, 0.6, 0.8, 0, 0], shape: [3, 2]))
        let max = try MLTest.run("Normalizer", ["norm": .string("MAX")], [x])
        #expect(MLTest.close(max[0], [1, -3, 0.75, 1, 0, 0], shape: [3, 2]))
    }

    @Test func binarizerComparesWithTheThreshold() throws {
        let outputs = try MLTest.run("Binarizer", ["threshold": .float(1)], [MLTest.floats([0.5, 1, 2], [3])])
        #expect(MLTest.close(outputs[0], [0, 0, 1], shape: [3]))
        let op = try MLTest.make("Binarizer", [:])
        #expect(throws: OperatorError("element 1 of input 0 is NaN, which Binarizer cannot compare")) {
            try op.run([.tensor(MLTest.floats([1, .nan], [2]))])
        }
    }

    @Test func imputerReplacesNaNPerFeature() throws {
        let outputs = try MLTest.run(
            "Imputer", ["imputed_value_floats": .floats([7, 8]), "replaced_value_float": .float(.nan)],
            [MLTest.floats([.nan, 1, 2, .nan], [2, 2])])
        #expect(MLTest.close(outputs[0], [7, 1, 2, 8], shape: [2, 2]))
        let ints = try MLTest.run(
            "Imputer", ["imputed_value_int64s": .ints([9]), "replaced_value_int64": .int(-1)],
            [Tensor(shape: [3], values: [Int64(-1), 5, -1])])
        #expect(ints[0].tensor?.values(as: Int64.self) == [9, 5, 9])
    }

    @Test func featureVectorizerPadsAndCuts() throws {
        let outputs = try MLTest.run(
            "FeatureVectorizer", ["inputdimensions": .ints([1, 3])],
            [MLTest.floats([1, 2, 3, 4], [2, 2]), Tensor(shape: [2, 1], values: [Int64(5), 6])])
        #expect(MLTest.close(outputs[0], [1, 5, 0, 0, 3, 6, 0, 0], shape: [2, 4]))
    }

    @Test func arrayFeatureExtractorPicksFromTheLastAxis() throws {
        let x = try Tensor(shape: [2, 3], values: ["a", "b", "c", "d", "e", "f"])
        let outputs = try MLTest.run("ArrayFeatureExtractor", [:], [x, Tensor(shape: [2], values: [Int64(2), 0])])
        #expect(outputs[0].tensor?.shape == [2, 2])
        #expect(outputs[0].tensor?.values(as: String.self) == ["c", "a", "f", "d"])
        let op = try MLTest.make("ArrayFeatureExtractor", [:])
        #expect(throws: OperatorError.self) {
            try op.run([.tensor(x), .tensor(Tensor(shape: [1], values: [Int64(3)]))])
        }
    }
}
