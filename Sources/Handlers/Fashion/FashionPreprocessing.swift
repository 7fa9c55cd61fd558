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
        let factor = 28 / Double(max(boxWidth, boxHeight))
        let outWidth = max(1, min(28, Int((Double(boxWidth) * factor).rounded())))
        let outHeight = max(1, min(28, Int((Double(boxHeight) * factor).rounded())))
        var output = [UInt8](repeating: 0, count: 784)
        let offsetX = (28 - outWidth) / 2, offsetY = (28 - outHeight) / 2
        for y in 0..<outHeight {
            for x in 0..<outWidth {
                let value = sample(
                    pixels, width: width, box: (left, top, boxWidth, boxHeight), x: x, y: y, outWidth: outWidth,
                    outHeight: outHeight)
                output[(y + offsetY) * 28 + x + offsetX] = value
            }
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

    /// Output pixel (x, y) of the box scaled to `outWidth × outHeight`: the mean of the source area it
    /// covers when shrinking, bilinear between the nearest four when enlarging.
    private static func sample(
        _ pixels: [UInt8], width: Int, box: (x: Int, y: Int, width: Int, height: Int), x: Int, y: Int,
        outWidth: Int, outHeight: Int
    ) -> UInt8 {
        let scaleX = Double(box.width) / Double(outWidth), scaleY = Double(box.height) / Double(outHeight)
        if scaleX >= 1, scaleY >= 1 {
            let x0 = box.x + Int(Double(x) * scaleX), x1 = max(x0 + 1, box.x + Int(Double(x + 1) * scaleX))
            let y0 = box.y + Int(Double(y) * scaleY), y1 = max(y0 + 1, box.y + Int(Double(y + 1) * scaleY))
            var sum = 0
            for row in y0..<y1 { for column in x0..<x1 { sum += Int(pixels[row * width + column]) } }
            return UInt8(sum / ((x1 - x0) * (y1 - y0)))
        }
        let sourceX = min(max((Double(x) + 0.5) * scaleX - 0.5, 0), Double(box.width - 1))
        let sourceY = min(max((Double(y) + 0.5) * scaleY - 0.5, 0), Double(box.height - 1))
        let x0 = Int(sourceX), y0 = Int(sourceY)
        let x1 = min(x0 + 1, box.width - 1), y1 = min(y0 + 1, box.height - 1)
        let fx = sourceX - Double(x0), fy = sourceY - Double(y0)
        func at(_ column: Int, _ row: Int) -> Double { Double(pixels[(box.y + row) * width + box.x + column]) }
        let top = at(x0, y0) * (1 - fx) + at(x1, y0) * fx
        let bottom = at(x0, y1) * (1 - fx) + at(x1, y1) * fx
        return UInt8((top * (1 - fy) + bottom * fy).rounded())
    }
}
