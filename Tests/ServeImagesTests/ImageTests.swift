import Serve
import ServeImages
import Testing

@Suite struct ImageTests {
    /// A 7 × 5 picture with every pixel different, in grey or colour.
    static func gradient(channels: Int) -> Image {
        let pixels = (0..<(7 * 5 * channels)).map { UInt8(($0 * 37) % 256) }
        return Image(width: 7, height: 5, channels: channels, pixels: pixels)
    }

    @Test(arguments: [1, 3]) func pngRoundTripsExactly(channels: Int) throws {
        let image = Self.gradient(channels: channels)
        let decoded = try Image(decoding: image.pngData())
        #expect(decoded == image)
    }

    @Test func jpegRoundTripsClosely() throws {
        let image = Image(width: 32, height: 32, channels: 1, pixels: (0..<1024).map { UInt8(($0 % 32) * 8) })
        let decoded = try Image(decoding: image.jpegData(quality: 95))
        #expect(decoded.width == 32 && decoded.height == 32 && decoded.channels == 1)
        let error = zip(decoded.pixels, image.pixels).map { abs(Int($0) - Int($1)) }.reduce(0, +) / 1024
        #expect(error <= 3)
    }

    @Test func colourJPEGDecodesAsRGB() throws {
        let decoded = try Image(decoding: Self.gradient(channels: 3).jpegData())
        #expect(decoded.channels == 3)
    }

    @Test func truncatedFilesAreUndecodableWithTheDecodersReason() {
        let png = Self.gradient(channels: 1).pngData()
        #expect {
            try Image(decoding: Array(png.prefix(png.count - 20)))
        } throws: { error in
            guard case .undecodable(format: "PNG", let reason) = error as? ImageDecodingError else { return false }
            return !reason.isEmpty
        }
        let jpeg = Self.gradient(channels: 3).jpegData()
        #expect {
            try Image(decoding: Array(jpeg.prefix(jpeg.count / 2)))
        } throws: { error in
            if case .undecodable(format: "JPEG", _) = error as? ImageDecodingError { return true }
            return false
        }
    }

    /// A PNG whose header declares `width × height` grey pixels, with almost no pixel data.
    static func pngHeader(width: UInt32, height: UInt32) -> [UInt8] {
        func bigEndian(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) } }
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let body = Array(type.utf8) + data
            return bigEndian(UInt32(data.count)) + body + bigEndian(crc32(body))
        }
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            + chunk("IHDR", bigEndian(width) + bigEndian(height) + [8, 0, 0, 0, 0])
            + chunk("IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]) + chunk("IEND", [])
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    @Test func aHugeDeclaredSizeIsRefusedFromTheHeader() {
        #expect(throws: ImageDecodingError.tooLarge(width: 30_000, height: 30_000)) {
            try Image(decoding: Self.pngHeader(width: 30_000, height: 30_000))
        }
    }

    @Test func aJPEGWhoseHeaderLiesIsRefused() throws {
        var jpeg = Self.gradient(channels: 1).jpegData()
        // The frame header (SOF0: FF C0, length, precision, then height and width): declare 30,000 × 30,000.
        let frame = try #require(jpeg.indices.first { jpeg[$0] == 0xFF && jpeg[$0 + 1] == 0xC0 })
        jpeg.replaceSubrange((frame + 5)..<(frame + 9), with: [0x75, 0x30, 0x75, 0x30])
        #expect(throws: ImageDecodingError.tooLarge(width: 30_000, height: 30_000)) { try Image(decoding: jpeg) }
        // A plausible size the data does not hold: the decoder runs out of data.
        jpeg.replaceSubrange((frame + 5)..<(frame + 9), with: [0x01, 0x00, 0x01, 0x00])
        #expect(throws: ImageDecodingError.self) { try Image(decoding: jpeg) }
    }

    @Test func otherFormatsAndEmptyFilesAreNotImages() {
        #expect(throws: ImageDecodingError.unsupportedFormat(nil)) { try Image(decoding: []) }
        #expect(throws: ImageDecodingError.unsupportedFormat("image/gif")) {
            try Image(decoding: Array("GIF89a".utf8) + [1, 0, 1, 0])
        }
    }

    @Test func uploadsMapToTheRightReasons() {
        func reason(_ file: UploadedFile) -> ArgumentError.Reason? {
            do {
                _ = try Image(upload: file)
                return nil
            } catch {
                return error.reason
            }
        }
        #expect(reason(UploadedFile(bytes: Array("GIF89a".utf8))) == .unsupportedMediaType)
        #expect(reason(UploadedFile(bytes: [], mediaType: "image/png")) == .undecodable)
        #expect(reason(UploadedFile(bytes: Array(Self.gradient(channels: 1).pngData().prefix(40)))) == .undecodable)
        #expect(reason(UploadedFile(bytes: Self.pngHeader(width: 30_000, height: 30_000))) == .invalid)
        #expect(reason(UploadedFile(bytes: Self.gradient(channels: 1).pngData())) == nil)
    }

    @Test func greyscaleUsesLumaWeights() {
        let image = Image(width: 2, height: 1, channels: 3, pixels: [255, 0, 0, 255, 255, 255])
        #expect(image.greyscale().pixels == [76, 255])
    }

    @Test func jsonCarriesBase64PNG() throws {
        let image = Self.gradient(channels: 3)
        let json = JSONOutput(image).text
        let decoded = try Image(jsonDocument: Array(json.utf8))
        #expect(decoded == image)
    }
}
