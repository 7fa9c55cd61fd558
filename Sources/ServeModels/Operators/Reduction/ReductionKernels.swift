#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A floating-point type the reductions compute exp and log in.
protocol ReductionFloatingPoint: ShapeNumber, BinaryFloatingPoint {
    static func reductionExp(_ x: Self) -> Self
    static func reductionLog(_ x: Self) -> Self
    /// A faster (vectorized) reduction of contiguous rows by `kind`, or nil to use the generic loops.
    static func reductionRows(_ values: [Self], _ plan: ReductionPlan, _ kind: ReductionKind) -> [Self]?
}

extension ReductionFloatingPoint {
    static func reductionRows(_ values: [Self], _ plan: ReductionPlan, _ kind: ReductionKind) -> [Self]? { nil }
}

extension Float: ReductionFloatingPoint {
    static func reductionExp(_ x: Float) -> Float { exp(x) }
    static func reductionLog(_ x: Float) -> Float { log(x) }
}

extension Double: ReductionFloatingPoint {
    static func reductionExp(_ x: Double) -> Double { exp(x) }
    static func reductionLog(_ x: Double) -> Double { log(x) }
}

/// The reductions' loops, generic over the element type, over a plan's `outer` × `length` × `inner` layout.
enum ReductionKernels {
    /// The reduction of `values` by `kind` for any number type (the floating-point-only kinds excepted).
    static func reduce<T: ShapeNumber>(_ values: [T], _ plan: ReductionPlan, _ kind: ReductionKind) -> [T] {
        switch kind {
        case .sum, .l2, .logSum, .logSumExp: return fold(values, plan, ReductionSum<T>.self)
        case .mean: return fold(values, plan, ReductionSum<T>.self).map { $0.shapeDivided(byCount: plan.length) }
        case .prod: return fold(values, plan, ReductionProduct<T>.self)
        case .max: return fold(values, plan, ReductionMaximum<T>.self)
        case .min: return fold(values, plan, ReductionMinimum<T>.self)
        case .l1: return fold(values, plan, ReductionAbsoluteSum<T>.self)
        case .sumSquare: return fold(values, plan, ReductionSquareSum<T>.self)
        }
    }

    /// The reduction of `values` by `kind` for a floating-point type (every kind).
    static func reduceFloating<T: ReductionFloatingPoint>(
        _ values: [T], _ plan: ReductionPlan, _ kind: ReductionKind
    ) -> [T] {
        if kind == .logSumExp { return logSumExp(values, plan) }
        let base: ReductionKind = kind == .l2 ? .sumSquare : (kind == .logSum ? .sum : kind)
        let reduced = T.reductionRows(values, plan, base) ?? reduce(values, plan, base)
        switch kind {
        case .l2: return reduced.map { $0.squareRoot() }
        case .logSum: return reduced.map { T.reductionLog($0) }
        default: return reduced
        }
    }

    /// For each output, `Fold.merge` over `Fold.transform` of its inputs, from `Fold.initial`. (A type rather
    /// than closures, so that each fold is specialized and its loops vectorized.)
    static func fold<Fold: ReductionFold>(_ values: [Fold.Element], _ plan: ReductionPlan, _: Fold.Type) -> [Fold
        .Element]
    {
        let (outer, length, inner) = (plan.outer, plan.length, plan.inner)
        var result = [Fold.Element](repeating: Fold.initial, count: outer * inner)
        values.withUnsafeBufferPointer { source in
            result.withUnsafeMutableBufferPointer { output in
                guard let src = source.baseAddress, let out = output.baseAddress else { return }
                if inner == 1 {
                    for row in 0..<outer {
                        let line = src + row * length
                        // Four independent partial results: the loop is not one long dependency chain.
                        var (a, b, c, d) = (Fold.initial, Fold.initial, Fold.initial, Fold.initial)
                        var index = 0
                        while index + 4 <= length {
                            a = Fold.merge(a, Fold.transform(line[index]))
                            b = Fold.merge(b, Fold.transform(line[index + 1]))
                            c = Fold.merge(c, Fold.transform(line[index + 2]))
                            d = Fold.merge(d, Fold.transform(line[index + 3]))
                            index += 4
                        }
                        while index < length {
                            a = Fold.merge(a, Fold.transform(line[index]))
                            index += 1
                        }
                        out[row] = Fold.merge(Fold.merge(a, b), Fold.merge(c, d))
                    }
                } else {
                    for row in 0..<outer {
                        let accumulators = out + row * inner
                        for step in 0..<length {
                            let line = src + (row * length + step) * inner
                            for column in 0..<inner {
                                accumulators[column] = Fold.merge(accumulators[column], Fold.transform(line[column]))
                            }
                        }
                    }
                }
            }
        }
        return result
    }

    /// log(sum(exp(x))), computed as max + log(sum(exp(x - max))) so that large elements do not overflow.
    static func logSumExp<T: ReductionFloatingPoint>(_ values: [T], _ plan: ReductionPlan) -> [T] {
        let (outer, length, inner) = (plan.outer, plan.length, plan.inner)
        // An infinite or absent maximum cannot be subtracted out: shift by 0 then.
        let shifts = reduce(values, plan, .max).map { $0.isFinite ? $0 : 0 }
        var sums = [T](repeating: 0, count: outer * inner)
        values.withUnsafeBufferPointer { source in
            for row in 0..<outer {
                for step in 0..<length {
                    let start = (row * length + step) * inner
                    for column in 0..<inner {
                        let target = row * inner + column
                        sums[target] += T.reductionExp(source[start + column] - shifts[target])
                    }
                }
            }
        }
        return zip(sums, shifts).map { T.reductionLog($0) + $1 }
    }
}

/// One reduction's arithmetic: each element transformed, then merged into a running result that starts at
/// `initial` (which `merge` must leave unchanged: the loops keep several partial results).
protocol ReductionFold {
    associatedtype Element: ShapeNumber
    static var initial: Element { get }
    static func transform(_ x: Element) -> Element
    static func merge(_ a: Element, _ b: Element) -> Element
}

/// Sum.
enum ReductionSum<Element: ShapeNumber>: ReductionFold {
    static var initial: Element { .shapeZero }
    @inline(__always) static func transform(_ x: Element) -> Element { x }
    @inline(__always) static func merge(_ a: Element, _ b: Element) -> Element { Element.shapeAdd(a, b) }
}

/// Product.
enum ReductionProduct<Element: ShapeNumber>: ReductionFold {
    static var initial: Element { .shapeOne }
    @inline(__always) static func transform(_ x: Element) -> Element { x }
    @inline(__always) static func merge(_ a: Element, _ b: Element) -> Element { Element.shapeMultiply(a, b) }
}

/// Maximum (from the least value, so an empty reduction gives it).
enum ReductionMaximum<Element: ShapeNumber>: ReductionFold {
    static var initial: Element { .shapeLowest }
    @inline(__always) static func transform(_ x: Element) -> Element { x }
    @inline(__always) static func merge(_ a: Element, _ b: Element) -> Element { b > a ? b : a }
}

/// Minimum (from the greatest value).
enum ReductionMinimum<Element: ShapeNumber>: ReductionFold {
    static var initial: Element { .shapeHighest }
    @inline(__always) static func transform(_ x: Element) -> Element { x }
    @inline(__always) static func merge(_ a: Element, _ b: Element) -> Element { b < a ? b : a }
}

/// Sum of absolute values.
enum ReductionAbsoluteSum<Element: ShapeNumber>: ReductionFold {
    static var initial: Element { .shapeZero }
    @inline(__always) static func transform(_ x: Element) -> Element { x.shapeMagnitude }
    @inline(__always) static func merge(_ a: Element, _ b: Element) -> Element { Element.shapeAdd(a, b) }
}

/// Sum of squares.
enum ReductionSquareSum<Element: ShapeNumber>: ReductionFold {
    static var initial: Element { .shapeZero }
    @inline(__always) static func transform(_ x: Element) -> Element { Element.shapeMultiply(x, x) }
    @inline(__always) static func merge(_ a: Element, _ b: Element) -> Element { Element.shapeAdd(a, b) }
}
