import Glibc

// Implementation-only, so an app compiled against ServeModels needs no C module maps (see ServeApp).
@_implementationOnly import COpenBLAS

extension Float: NeuralNetworkScalar {
    static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
        _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int,
        beta: Float, _ c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        cblas_sgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    static func gemv(
        transpose: Bool, rows: Int, columns: Int, alpha: Float, _ a: UnsafePointer<Float>, lda: Int,
        _ x: UnsafePointer<Float>, incrementX: Int, beta: Float, _ y: UnsafeMutablePointer<Float>, incrementY: Int
    ) {
        cblas_sgemv(
            CblasRowMajor, transpose ? CblasTrans : CblasNoTrans, Int32(rows), Int32(columns), alpha, a, Int32(lda),
            x, Int32(incrementX), beta, y, Int32(incrementY))
    }

    static func power(_ base: Float, _ exponent: Float) -> Float { powf(base, exponent) }
}

extension Double: NeuralNetworkScalar {
    static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Double,
        _ a: UnsafePointer<Double>, lda: Int, _ b: UnsafePointer<Double>, ldb: Int,
        beta: Double, _ c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        cblas_dgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    static func gemv(
        transpose: Bool, rows: Int, columns: Int, alpha: Double, _ a: UnsafePointer<Double>, lda: Int,
        _ x: UnsafePointer<Double>, incrementX: Int, beta: Double, _ y: UnsafeMutablePointer<Double>,
        incrementY: Int
    ) {
        cblas_dgemv(
            CblasRowMajor, transpose ? CblasTrans : CblasNoTrans, Int32(rows), Int32(columns), alpha, a, Int32(lda),
            x, Int32(incrementX), beta, y, Int32(incrementY))
    }

    static func power(_ base: Double, _ exponent: Double) -> Double { pow(base, exponent) }
}
