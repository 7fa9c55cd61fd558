import Testing

@testable import Serve

@Suite struct SystemCallsTests {
    @Test func countsTheCPUsOfAnAffinityList() {
        #expect(SystemCalls.cpuCount(inList: "0") == 1)
        #expect(SystemCalls.cpuCount(inList: "\t0-1\n") == 2)
        #expect(SystemCalls.cpuCount(inList: "0-3,8,10-11") == 7)
        #expect(SystemCalls.cpuCount(inList: "") == nil)
        #expect(SystemCalls.cpuCount(inList: "3-1") == nil)
        #expect(SystemCalls.cpuCount(inList: "a-b") == nil)
    }

    @Test func readsThisProcessesAffinity() throws {
        let count = try #require(SystemCalls.allowedCPUCount())
        #expect(count >= 1)
    }
}
