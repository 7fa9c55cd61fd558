/// The float reductions of contiguous rows in SIMD registers: the hot case (ReduceMean over the last axis,
/// as decomposed layer norms do) runs several times faster than the scalar loop, which must keep the
/// order of additions.
extension Float {
    static func reductionRows(_ values: [Float], _ plan: ReductionPlan, _ kind: ReductionKind) -> [Float]? {
        guard plan.inner == 1, plan.length >= 16 else { return nil }
        switch kind {
        case .sum: return rows(values, plan, ReductionSum<Float>.self)
        case .mean:
            let count = Float(plan.length)
            return rows(values, plan, ReductionSum<Float>.self).map { $0 / count }
        case .sumSquare: return rows(values, plan, ReductionSquareSum<Float>.self)
        case .l1: return rows(values, plan, ReductionAbsoluteSum<Float>.self)
        case .max: return rows(values, plan, ReductionMaximum<Float>.self)
        case .min: return rows(values, plan, ReductionMinimum<Float>.self)
        default: return nil
        }
    }

    /// Each row's fold, sixteen elements at a time in two vectors, the tail one by one.
    private static func rows<Fold: ReductionVectorFold>(
        _ values: [Float], _ plan: ReductionPlan, _: Fold.Type
    ) -> [Float] {
        let (rows, length) = (plan.outer, plan.length)
        var result = [Float](repeating: Fold.initial, count: rows)
        values.withUnsafeBufferPointer { source in
            guard let start = source.baseAddress else { return }
            let raw = UnsafeRawPointer(start)
            for row in 0..<rows {
                let base = row * length
                var a = SIMD8<Float>(repeating: Fold.initial)
                var b = a
                var index = 0
                while index + 16 <= length {
                    let offset = (base + index) * MemoryLayout<Float>.stride
                    a = Fold.merge(a, Fold.transform(raw.loadUnaligned(fromByteOffset: offset, as: SIMD8<Float>.self)))
                    b = Fold.merge(
                        b, Fold.transform(raw.loadUnaligned(fromByteOffset: offset + 32, as: SIMD8<Float>.self)))
                    index += 16
                }
                let lanes = Fold.merge(a, b)
                var total = Fold.initial
                for lane in 0..<8 { total = Fold.merge(total, lanes[lane]) }
                while index < length {
                    total = Fold.merge(total, Fold.transform(start[base + index]))
                    index += 1
                }
                result[row] = total
            }
        }
        return result
    }
}

/// A float fold that also works on eight lanes at once.
protocol ReductionVectorFold: ReductionFold where Element == Float {
    static func transform(_ x: SIMD8<Float>) -> SIMD8<Float>
    static func merge(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float>
}

extension ReductionSum: ReductionVectorFold where Element == Float {
    @inline(__always) static func transform(_ x: SIMD8<Float>) -> SIMD8<Float> { x }
    @inline(__always) static func merge(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> { a + b }
}

extension ReductionSquareSum: ReductionVectorFold where Element == Float {
    @inline(__always) static func transform(_ x: SIMD8<Float>) -> SIMD8<Float> { x * x }
    @inline(__always) static func merge(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> { a + b }
}

extension ReductionAbsoluteSum: ReductionVectorFold where Element == Float {
    @inline(__always) static func transform(_ x: SIMD8<Float>) -> SIMD8<Float> { x.replacing(with: -x, where: x .< 0) }
    @inline(__always) static func merge(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> { a + b }
}

extension ReductionMaximum: ReductionVectorFold where Element == Float {
    @inline(__always) static func transform(_ x: SIMD8<Float>) -> SIMD8<Float> { x }
    @inline(__always) static func merge(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
        a.replacing(with: b, where: b .> a)
    }
}

extension ReductionMinimum: ReductionVectorFold where Element == Float {
    @inline(__always) static func transform(_ x: SIMD8<Float>) -> SIMD8<Float> { x }
    @inline(__always) static func merge(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
        a.replacing(with: b, where: b .< a)
    }
}
