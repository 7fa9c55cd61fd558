import NIOCore
import NIOEmbedded

extension EmbeddedChannel {
    /// Everything written to the connection so far, as text (and taken from the channel).
    func writtenText() throws -> String {
        var text = ""
        while let buffer = try readOutbound(as: ByteBuffer.self) { text += String(buffer: buffer) }
        return text
    }
}
