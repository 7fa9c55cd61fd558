public import Serve

/// A decoded picture a function can take: 8-bit pixels, row by row, with one channel (grey) or three
/// (red, green, blue) per pixel.
///
/// Clients send a PNG or JPEG file: as the whole request body (`curl --data-binary @photo.jpg -H
/// 'Content-Type: image/jpeg'`), as a multipart file part (`curl -F image=@photo.jpg`), or inside JSON as
/// base64 or a `data:` URL. The size is checked from the file's header before any pixel is decoded, so a
/// small file declaring a huge picture is refused (422) without the memory; a file that does not decode
/// gets 400 with the decoder's reason, and another format 415.
public struct Image: WireCodable, Sendable, Equatable {
    /// Columns.
    public let width: Int
    /// Rows.
    public let height: Int
    /// 1 for grey, 3 for RGB.
    public let channels: Int
    /// `height × width × channels` bytes: rows top to bottom, pixels left to right, channels interleaved.
    public let pixels: [UInt8]

    /// The most pixels (width × height) an uploaded image may declare: 16,777,216 (4096 × 4096).
    public static let maximumPixelCount = 1 << 24

    /// The formats clients may send.
    public static let mediaTypes = ["image/png", "image/jpeg"]

    /// An image from its pixels; `pixels.count` must be `width × height × channels`.
    public init(width: Int, height: Int, channels: Int, pixels: [UInt8]) {
        precondition(channels == 1 || channels == 3, "an Image has 1 or 3 channels")
        precondition(width > 0 && height > 0 && pixels.count == width * height * channels, "pixel count mismatch")
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }

    /// Decodes a PNG or JPEG file, recognised by its first bytes.
    public init(decoding bytes: [UInt8]) throws(ImageDecodingError) {
        switch UploadedFile.recognisedMediaType(of: bytes) {
        case "image/png": self = try PNGCodec.decode(bytes)
        case "image/jpeg": self = try JPEGCodec.decode(bytes)
        case let other: throw .unsupportedFormat(other)
        }
    }

    public static var jsonSchema: JSONSchema { .binary(mediaTypes: mediaTypes) }

    /// Reads base64 text or a `data:` URL holding a PNG or JPEG file.
    public init(json reader: inout JSONReader) throws(ArgumentError) {
        try self.init(upload: try UploadedFile(json: &reader))
    }

    /// Reads base64 text or a `data:` URL holding a PNG or JPEG file.
    public init(field text: String) throws(ArgumentError) {
        try self.init(upload: try UploadedFile(field: text))
    }

    /// Decodes an uploaded PNG or JPEG file.
    public init(upload file: UploadedFile) throws(ArgumentError) {
        do {
            self = try Image(decoding: file.bytes)
        } catch {
            throw error.argumentError(declaredType: file.mediaType)
        }
    }

    /// Writes the image as base64 PNG.
    public func writeJSON(to writer: inout JSONWriter) {
        writer.write(Base64.encode(PNGCodec.encode(self)))
    }

    /// The image as a PNG file.
    public func pngData() -> [UInt8] { PNGCodec.encode(self) }

    /// The image as a baseline JPEG file; `quality` from 1 to 100.
    public func jpegData(quality: Int = 90) -> [UInt8] { JPEGCodec.encode(self, quality: quality) }

    /// The image scaled to `width × height`: each pixel the mean of the area it covers when shrinking in
    /// both directions, bilinear interpolation between the nearest four otherwise.
    public func resized(width newWidth: Int, height newHeight: Int) -> Image {
        precondition(newWidth > 0 && newHeight > 0, "a size of at least 1 × 1")
        var output = [UInt8](repeating: 0, count: newWidth * newHeight * channels)
        let scaleX = Double(width) / Double(newWidth), scaleY = Double(height) / Double(newHeight)
        func at(_ column: Int, _ row: Int, _ channel: Int) -> Int {
            Int(pixels[(row * width + column) * channels + channel])
        }
        for y in 0..<newHeight {
            for x in 0..<newWidth {
                for channel in 0..<channels {
                    let value: UInt8
                    if scaleX >= 1, scaleY >= 1 {
                        let x0 = Int(Double(x) * scaleX), x1 = max(x0 + 1, Int(Double(x + 1) * scaleX))
                        let y0 = Int(Double(y) * scaleY), y1 = max(y0 + 1, Int(Double(y + 1) * scaleY))
                        var sum = 0
                        for row in y0..<y1 { for column in x0..<x1 { sum += at(column, row, channel) } }
                        value = UInt8(sum / ((x1 - x0) * (y1 - y0)))
                    } else {
                        let sourceX = min(max((Double(x) + 0.5) * scaleX - 0.5, 0), Double(width - 1))
                        let sourceY = min(max((Double(y) + 0.5) * scaleY - 0.5, 0), Double(height - 1))
                        let x0 = Int(sourceX), y0 = Int(sourceY)
                        let x1 = min(x0 + 1, width - 1), y1 = min(y0 + 1, height - 1)
                        let fx = sourceX - Double(x0), fy = sourceY - Double(y0)
                        let top = Double(at(x0, y0, channel)) * (1 - fx) + Double(at(x1, y0, channel)) * fx
                        let bottom = Double(at(x0, y1, channel)) * (1 - fx) + Double(at(x1, y1, channel)) * fx
                        value = UInt8((top * (1 - fy) + bottom * fy).rounded())
                    }
                    output[(y * newWidth + x) * channels + channel] = value
                }
            }
        }
        return Image(width: newWidth, height: newHeight, channels: channels, pixels: output)
    }

    /// One channel per pixel: the luma of RGB (ITU-R BT.601 weights), or the image itself if it is grey.
    public func greyscale() -> Image {
        guard channels == 3 else { return self }
        var grey = [UInt8](repeating: 0, count: width * height)
        pixels.withUnsafeBufferPointer { rgb in
            for index in grey.indices {
                let red = Int(rgb[3 * index]), green = Int(rgb[3 * index + 1]), blue = Int(rgb[3 * index + 2])
                grey[index] = UInt8((299 * red + 587 * green + 114 * blue + 500) / 1000)
            }
        }
        return Image(width: width, height: height, channels: 1, pixels: grey)
    }
}

/// Why bytes are not an image Serve can use.
public enum ImageDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not PNG or JPEG; the recognised media type, if any.
    case unsupportedFormat(String?)
    /// The header declares more pixels than ``Image/maximumPixelCount``.
    case tooLarge(width: Int, height: Int)
    /// The decoder refused the file; its reason.
    case undecodable(format: String, reason: String)

    public var description: String {
        switch self {
        case .unsupportedFormat(let type): "not a PNG or JPEG file (\(type ?? "unrecognised bytes"))"
        case .tooLarge(let width, let height):
            "\(width) × \(height) pixels is more than the \(Image.maximumPixelCount) pixels an image may have"
        case .undecodable(let format, let reason): "a \(format) file the decoder cannot read (\(reason))"
        }
    }

    /// The argument error a client gets: 415, 422 or 400.
    func argumentError(declaredType: String) -> ArgumentError {
        let expected = "a PNG or JPEG image"
        switch self {
        case .unsupportedFormat(let type):
            // Unrecognised bytes declared as PNG or JPEG are a broken file, not another format.
            if type == nil, Image.mediaTypes.contains(declaredType) {
                return ArgumentError(
                    expected: expected, got: "\(declaredType) without its signature", reason: .undecodable)
            }
            return ArgumentError(expected: expected, got: type ?? declaredType, reason: .unsupportedMediaType)
        case .tooLarge(let width, let height):
            return ArgumentError(
                expected: "an image of at most \(Image.maximumPixelCount) pixels", got: "\(width) × \(height)")
        case .undecodable:
            return ArgumentError(expected: expected, got: description, reason: .undecodable)
        }
    }
}
