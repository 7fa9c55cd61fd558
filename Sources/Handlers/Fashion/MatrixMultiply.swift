/// `C += A · B` for the network's layers, in plain Swift (no BLAS): tiles of 4 rows × 8 columns kept
/// in registers while the inner dimension runs, which plain SSE2 (what every x86-64 has) sustains
/// without spilling. `A` is read through strides, so a transposed operand costs no copy.
enum MatrixMultiply {
    /// `C[i][j] += Σₖ A(i, k) · B[k][j]` for `i < m`, `j < n`, `k < inner`, where `A(i, k) = a[i·aRow +
    /// k·aColumn]`, `B[k][j] = b[k·bRow + j]` and `C[i][j] = c[i·cRow + j]`. `n` must be a multiple of 8.
    static func addProduct(
        m: Int, n: Int, inner: Int,
        a: UnsafePointer<Float>, aRow: Int, aColumn: Int,
        b: UnsafePointer<Float>, bRow: Int,
        c: UnsafeMutablePointer<Float>, cRow: Int
    ) {
        precondition(n % 8 == 0, "the column count must be a multiple of 8")
        var i = 0
        while i + 4 <= m {
            var j = 0
            while j < n {
                var c0 = load(c + i * cRow + j), c1 = load(c + (i + 1) * cRow + j)
                var c2 = load(c + (i + 2) * cRow + j), c3 = load(c + (i + 3) * cRow + j)
                var a0 = a + i * aRow, a1 = a0 + aRow, a2 = a1 + aRow, a3 = a2 + aRow
                var row = b + j
                for _ in 0..<inner {
                    let bv = load(row)
                    c0 += a0.pointee * bv
                    c1 += a1.pointee * bv
                    c2 += a2.pointee * bv
                    c3 += a3.pointee * bv
                    a0 += aColumn
                    a1 += aColumn
                    a2 += aColumn
                    a3 += aColumn
                    row += bRow
                }
                store(c0, c + i * cRow + j)
                store(c1, c + (i + 1) * cRow + j)
                store(c2, c + (i + 2) * cRow + j)
                store(c3, c + (i + 3) * cRow + j)
                j += 8
            }
            i += 4
        }
        while i < m {
            var j = 0
            while j < n {
                var c0 = load(c + i * cRow + j)
                var a0 = a + i * aRow
                var row = b + j
                for _ in 0..<inner {
                    c0 += a0.pointee * load(row)
                    a0 += aColumn
                    row += bRow
                }
                store(c0, c + i * cRow + j)
                j += 8
            }
            i += 1
        }
    }

    @inline(__always) private static func load(_ pointer: UnsafeRawPointer) -> SIMD8<Float> {
        pointer.loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always) private static func store(_ value: SIMD8<Float>, _ pointer: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(pointer).storeBytes(of: value, as: SIMD8<Float>.self)
    }
}
