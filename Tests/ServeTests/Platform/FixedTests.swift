import Testing

@testable import Serve

@Suite struct FixedTests {
    @Test func roundsToTheGivenDecimalPlaces() {
        #expect(0.96666.fixed(3) == "0.967")
        #expect(1.0.fixed(4) == "1.0000")
        #expect(0.0833.fixed(3) == "0.083")
        #expect(12.5.fixed(0) == "13")
        #expect(2598.0.fixed(1) == "2598.0")
        #expect((-1.25).fixed(1) == "-1.3")
    }

    @Test func neverWritesANegativeZero() {
        #expect((-0.0004).fixed(3) == "0.000")
    }

    @Test func leavesNonFiniteValuesReadable() {
        #expect(Double.nan.fixed(2) == "nan")
        #expect(Double.infinity.fixed(2) == "inf")
    }
}
