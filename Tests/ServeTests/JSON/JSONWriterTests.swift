import Testing

@testable import Serve

@Suite struct JSONWriterTests {
    @Test func growsPastItsCapacityKeepingWhatItWrote() {
        var writer = JSONWriter(capacity: 1)
        writer.beginArray()
        for number in 0..<1000 {
            writer.write(number)
            writer.write(Double(number) / 8)
            writer.write("n\"\(number)")
        }
        writer.endArray()
        let expected = (0..<1000).map { #"\#($0),\#(Double($0) / 8),"n\"\#($0)""# }.joined(separator: ",")
        #expect(JSONOutput(writer).text == "[\(expected)]")
    }

    @Test func embedsAnotherOutputAsOneValue() {
        var inner = JSONWriter(capacity: 2)
        inner.beginObject()
        inner.writeKey("a")
        inner.write(1.5)
        inner.endObject()
        let output = JSONOutput(inner)

        var outer = JSONWriter(capacity: 2)
        outer.beginArray()
        outer.write(output)
        outer.write(output)
        outer.writeRaw("[true]")
        outer.endArray()
        #expect(outer.text == #"[{"a":1.5},{"a":1.5},[true]]"#)
        #expect(output.count == 9)
    }
}
