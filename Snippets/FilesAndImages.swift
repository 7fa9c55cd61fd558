// Functions that take files: an `Image` is decoded from PNG or JPEG, an `UploadedFile` is any file.
import Serve
import ServeImages

/// Measures a picture.
/// - Parameter image: A PNG or JPEG file.
@Endpoint func measure(image: Image) -> [Int] { [image.width, image.height, image.channels] }

/// Describes an uploaded file.
/// - Parameters:
///   - file: Any file.
///   - note: Text sent beside it.
@Endpoint func inspect(file: UploadedFile, note: String = "") -> String {
    "\(note)|\(file.mediaType)|\(file.bytes.count)|\(file.fileName ?? "-")"
}

// snippet.hide
print([$measure, $inspect].map(\.description.name))
