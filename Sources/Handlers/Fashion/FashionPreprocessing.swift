public import ServeImages

/// Turns any picture into what the network was trained on: Fashion-MNIST's 28 × 28 grey, light item on a
/// black background, the item filling the frame's longer side and centred.
///
/// Steps: greyscale (BT.601 luma); if the border is light (a photo on white), invert; crop to the pixels
/// brighter than the background by more than ``threshold``; scale the longer side to 28 (area
/// averaging when shrinking, bilinear when enlarging); centre on black. A 28 × 28 image on a dark
/// background is already in the training format and is used as it is.
public enum FashionPreprocessing {
    /// How much brighter than the background (after inverting, 0–255) a pixel must be to count as the item.
    public static let threshold = 40

    /// 784 grey bytes for the network.
    public static func pixels(of image: Image) -> [UInt8] {
        let grey = image.greyscale()
        let width = grey.width, height = grey.height
        var pixels = grey.pixels
        if borderMean(pixels, width: width, height: height) > 127 {
            for index in pixels.indices { pixels[index] = 255 - pixels[index] }
        } else if width == 28, height == 28 {
            return pixels
        }
        // The item's bounding box.
        var left = width, right = -1, top = height, bottom = -1
        for y in 0..<height {
            for x in 0..<width where Int(pixels[y * width + x]) > threshold {
                left = min(left, x)
                right = max(right, x)
                top = min(top, y)
                bottom = max(bottom, y)
            }
        }
        if right < 0 { (left, right, top, bottom) = (0, width - 1, 0, height - 1) }
        let boxWidth = right - left + 1, boxHeight = bottom - top + 1
        var item: [UInt8] = []
        item.reserveCapacity(boxWidth * boxHeight)
        for row in top...bottom { item += pixels[(row * width + left)...(row * width + right)] }
        let factor = 28 / Double(max(boxWidth, boxHeight))
        let fitted = Image(width: boxWidth, height: boxHeight, channels: 1, pixels: item).resized(
            width: max(1, min(28, Int((Double(boxWidth) * factor).rounded()))),
            height: max(1, min(28, Int((Double(boxHeight) * factor).rounded()))))
        var output = [UInt8](repeating: 0, count: 784)
        let offsetX = (28 - fitted.width) / 2, offsetY = (28 - fitted.height) / 2
        for row in 0..<fitted.height {
            output.replaceSubrange(
                ((row + offsetY) * 28 + offsetX)..<((row + offsetY) * 28 + offsetX + fitted.width),
                with: fitted.pixels[(row * fitted.width)..<((row + 1) * fitted.width)])
        }
        return output
    }

    /// The mean of the outermost rows and columns.
    private static func borderMean(_ pixels: [UInt8], width: Int, height: Int) -> Int {
        var sum = 0, count = 0
        for x in 0..<width {
            sum += Int(pixels[x]) + Int(pixels[(height - 1) * width + x])
            count += 2
        }
        for y in 0..<height {
            sum += Int(pixels[y * width]) + Int(pixels[y * width + width - 1])
            count += 2
        }
        return sum / count
    }
}
