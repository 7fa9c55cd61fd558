import Synchronization

// Implementation-only, so an app compiled against ServeModels needs no C module maps (see ServeApp).
@_implementationOnly import COpenBLAS

/// OpenBLAS as the neural-network operators use it: by default on the calling thread only, since the
/// server runs requests in parallel itself and OpenBLAS's own threads would compete with them.
enum NeuralNetworkBLAS {
    /// The threads one product may use, once set (by `use(threads:)`, or to 1 by the first `prepare()`).
    private static let threads = Mutex<Int?>(nil)

    /// Lets each matrix product use up to `count` threads (`serve --model-threads`).
    static func use(threads count: Int) {
        threads.withLock { threads in
            openblas_set_num_threads(Int32(clamping: count))
            threads = count
        }
    }

    /// Makes sure OpenBLAS runs as set, on the calling thread unless told otherwise; every factory whose
    /// operator multiplies calls it.
    static func prepare() {
        threads.withLock { threads in
            guard threads == nil else { return }
            openblas_set_num_threads(1)
            threads = 1
        }
    }

    /// The threads OpenBLAS may use for one product now.
    static var threadCount: Int { Int(openblas_get_num_threads()) }

    /// Throws when a matrix dimension does not fit OpenBLAS's 32-bit integers.
    static func check(_ dimensions: Int...) throws(OperatorError) {
        for dimension in dimensions where dimension > Int(Int32.max) {
            throw OperatorError("a matrix dimension of \(dimension) is more than OpenBLAS takes (\(Int32.max))")
        }
    }
}

/// `Float` and `Double`: the element types whose matrix products OpenBLAS computes.
protocol NeuralNetworkScalar: BinaryFloatingPoint, TensorElement {
    /// `c = alpha · op(a) · op(b) + beta · c` in row-major order, where op transposes when asked; `m`×`k` by
    /// `k`×`n`. Dimensions must have been checked with `NeuralNetworkBLAS.check`.
    static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Self,
        _ a: UnsafePointer<Self>, lda: Int, _ b: UnsafePointer<Self>, ldb: Int,
        beta: Self, _ c: UnsafeMutablePointer<Self>, ldc: Int
    )

    /// `y = alpha · op(a) · x + beta · y` for a row-major `rows`×`columns` matrix `a`; x and y step by
    /// `incrementX` and `incrementY`.
    static func gemv(
        transpose: Bool, rows: Int, columns: Int, alpha: Self, _ a: UnsafePointer<Self>, lda: Int,
        _ x: UnsafePointer<Self>, incrementX: Int, beta: Self, _ y: UnsafeMutablePointer<Self>, incrementY: Int
    )

    /// `base` raised to `exponent` (LRN's and LpPool's powers).
    static func power(_ base: Self, _ exponent: Self) -> Self
}

extension NeuralNetworkScalar {
    /// Handles the cases BLAS leaves undefined (an empty product, a zero inner dimension) before calling it,
    /// and gives a product with one row or one column to the faster matrix-vector routine.
    @inline(__always)
    static func multiply(
        transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int, alpha: Self = 1,
        _ a: UnsafePointer<Self>, lda: Int, _ b: UnsafePointer<Self>, ldb: Int,
        beta: Self, _ c: UnsafeMutablePointer<Self>, ldc: Int
    ) {
        if m == 0 || n == 0 { return }
        if k == 0 {
            for row in 0..<m {
                for column in 0..<n { c[row * ldc + column] = beta == 0 ? 0 : beta * c[row * ldc + column] }
            }
            return
        }
        let (lda, ldb, ldc) = (max(1, lda), max(1, ldb), max(1, ldc))
        if m == 1 {
            // The row of c is op(b)ᵀ times the row of a, whose elements step by lda when a is transposed.
            gemv(
                transpose: !transposeB, rows: transposeB ? n : k, columns: transposeB ? k : n, alpha: alpha, b,
                lda: ldb, a, incrementX: transposeA ? lda : 1, beta: beta, c, incrementY: 1)
        } else if n == 1 {
            // The column of c is op(a) times the column of b, whose elements step by ldb unless b is transposed.
            gemv(
                transpose: transposeA, rows: transposeA ? k : m, columns: transposeA ? m : k, alpha: alpha, a,
                lda: lda, b, incrementX: transposeB ? 1 : ldb, beta: beta, c, incrementY: ldc)
        } else {
            gemm(
                transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha, a, lda: lda, b,
                ldb: ldb, beta: beta, c, ldc: ldc)
        }
    }
}
