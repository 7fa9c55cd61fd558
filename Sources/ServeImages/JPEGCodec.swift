// Implementation-only, so an app compiled against ServeImages needs no C module maps (see ServeApp).
@_implementationOnly import CTurboJPEG

/// JPEG files through libjpeg-turbo's TurboJPEG API.
enum JPEGCodec {
    /// Decodes to grey (for greyscale files) or RGB. Warnings (a truncated file) are errors, and
    /// progressive files may have at most 500 scans (TurboJPEG's limit against scan bombs).
    static func decode(_ bytes: [UInt8]) throws(ImageDecodingError) -> Image {
        guard let handle = tjInitDecompress() else {
            throw .undecodable(format: "JPEG", reason: "the decoder could not start")
        }
        defer { tjDestroy(handle) }
        var width: Int32 = 0, height: Int32 = 0, subsampling: Int32 = 0, colourspace: Int32 = 0
        let header = bytes.withUnsafeBufferPointer {
            tjDecompressHeader3(handle, $0.baseAddress, UInt(bytes.count), &width, &height, &subsampling, &colourspace)
        }
        guard header == 0 else { throw .undecodable(format: "JPEG", reason: reason(handle)) }
        guard width > 0, height > 0 else { throw .undecodable(format: "JPEG", reason: "it declares no pixels") }
        guard Int(width) * Int(height) <= Image.maximumPixelCount else {
            throw .tooLarge(width: Int(width), height: Int(height))
        }
        let channels = colourspace == Int32(TJCS_GRAY.rawValue) ? 1 : 3
        let format = channels == 1 ? TJPF_GRAY : TJPF_RGB
        var pixels = [UInt8](repeating: 0, count: Int(width) * Int(height) * channels)
        let flags = TJFLAG_STOPONWARNING | TJFLAG_LIMITSCANS
        let decoded = pixels.withUnsafeMutableBufferPointer { output in
            bytes.withUnsafeBufferPointer {
                tjDecompress2(
                    handle, $0.baseAddress, UInt(bytes.count), output.baseAddress, width, 0, height,
                    Int32(format.rawValue), flags)
            }
        }
        guard decoded == 0 else { throw .undecodable(format: "JPEG", reason: reason(handle)) }
        return Image(width: Int(width), height: Int(height), channels: channels, pixels: pixels)
    }

    /// Encodes a baseline JPEG: grey stays grey, RGB is subsampled 4:2:0.
    static func encode(_ image: Image, quality: Int) -> [UInt8] {
        guard let handle = tjInitCompress() else { preconditionFailure("TurboJPEG could not start") }
        defer { tjDestroy(handle) }
        var output: UnsafeMutablePointer<UInt8>?
        var size: UInt = 0
        let grey = image.channels == 1
        let result = image.pixels.withUnsafeBufferPointer {
            tjCompress2(
                handle, $0.baseAddress, Int32(image.width), 0, Int32(image.height),
                Int32((grey ? TJPF_GRAY : TJPF_RGB).rawValue), &output, &size,
                Int32((grey ? TJSAMP_GRAY : TJSAMP_420).rawValue), Int32(min(max(quality, 1), 100)), 0)
        }
        defer { tjFree(output) }
        // Compressing valid pixels into a buffer TurboJPEG allocates fails only when memory runs out.
        precondition(result == 0, "TurboJPEG could not encode: \(reason(handle))")
        return Array(UnsafeBufferPointer(start: output, count: Int(size)))
    }

    private static func reason(_ handle: tjhandle) -> String {
        String(cString: tjGetErrorStr2(handle))
    }
}
