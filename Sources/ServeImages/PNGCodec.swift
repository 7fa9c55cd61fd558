// Implementation-only, so an app compiled against ServeImages needs no C module maps (see ServeApp).
@_implementationOnly import CPNG

/// PNG files through libpng's simplified API.
enum PNGCodec {
    /// Decodes to grey or RGB (by the file's colour type), compositing any transparency onto white.
    static func decode(_ bytes: [UInt8]) throws(ImageDecodingError) -> Image {
        var image = png_image()
        image.version = png_uint_32(PNG_IMAGE_VERSION)
        defer { png_image_free(&image) }
        let begun = bytes.withUnsafeBytes { png_image_begin_read_from_memory(&image, $0.baseAddress, $0.count) }
        guard begun != 0 else { throw .undecodable(format: "PNG", reason: message(of: &image)) }
        let width = Int(image.width), height = Int(image.height)
        guard width * height <= Image.maximumPixelCount else { throw .tooLarge(width: width, height: height) }
        let channels = image.format & PNG_FORMAT_FLAG_COLOR != 0 ? 3 : 1
        image.format = channels == 3 ? PNG_FORMAT_FLAG_COLOR : 0  // PNG_FORMAT_RGB or PNG_FORMAT_GRAY
        var pixels = [UInt8](repeating: 0, count: width * height * channels)
        var white = png_color(red: 255, green: 255, blue: 255)
        let finished = pixels.withUnsafeMutableBytes {
            png_image_finish_read(&image, &white, $0.baseAddress, 0, nil)
        }
        guard finished != 0 else { throw .undecodable(format: "PNG", reason: message(of: &image)) }
        return Image(width: width, height: height, channels: channels, pixels: pixels)
    }

    /// Encodes 8-bit grey or RGB.
    static func encode(_ source: Image) -> [UInt8] {
        var image = png_image()
        image.version = png_uint_32(PNG_IMAGE_VERSION)
        image.width = png_uint_32(source.width)
        image.height = png_uint_32(source.height)
        image.format = source.channels == 3 ? PNG_FORMAT_FLAG_COLOR : 0  // PNG_FORMAT_RGB or PNG_FORMAT_GRAY
        defer { png_image_free(&image) }
        var size = 0
        source.pixels.withUnsafeBytes { _ = png_image_write_to_memory(&image, nil, &size, 0, $0.baseAddress, 0, nil) }
        var output = [UInt8](repeating: 0, count: size)
        let written = output.withUnsafeMutableBytes { buffer in
            source.pixels.withUnsafeBytes {
                png_image_write_to_memory(&image, buffer.baseAddress, &size, 0, $0.baseAddress, 0, nil)
            }
        }
        // Writing 8-bit pixels from memory fails only when memory runs out.
        precondition(written != 0, "libpng could not encode: \(message(of: &image))")
        return Array(output.prefix(size))
    }

    private static func message(of image: inout png_image) -> String {
        withUnsafeBytes(of: &image.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}
