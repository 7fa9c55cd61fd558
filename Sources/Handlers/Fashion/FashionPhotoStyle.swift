internal import ServeImages

/// A Fashion-MNIST image as a phone photo of the item would look: larger, in colour, dark on a white
/// background, JPEG-compressed. `serve evaluate fashion --photos` scores the model on these, which measures
/// the preprocessing.
public enum FashionPhotoStyle {
    /// The 784 grey bytes of a training-format image, rendered `size × size`, RGB, inverted, as JPEG.
    public static func jpeg(of pixels: some Collection<UInt8>, size: Int = 224, quality: Int = 90) -> [UInt8] {
        let rgb = pixels.flatMap { value in [255 - value, 255 - value, 255 - value] }
        return Image(width: 28, height: 28, channels: 3, pixels: rgb).resized(width: size, height: size)
            .jpegData(quality: quality)
    }
}
