import Glibc

/// The kernel of the SVM operators (`kernel_type` and `kernel_params` = gamma, coef0, degree).
struct SVMKernel: Sendable {
    enum Kind: Sendable { case linear, poly, rbf, sigmoid }
    let kind: Kind
    let gamma: Float
    let coef0: Float
    let degree: Float

    init(_ spec: NodeSpec) throws(OperatorError) {
        switch try spec.attributes.string("kernel_type", default: "LINEAR") {
        case "LINEAR": kind = .linear
        case "POLY": kind = .poly
        case "RBF": kind = .rbf
        case "SIGMOID": kind = .sigmoid
        case let other: throw OperatorError("kernel_type '\(other)' is not one of LINEAR, POLY, RBF or SIGMOID")
        }
        let parameters = try spec.attributes.floats("kernel_params") ?? []
        guard parameters.isEmpty || parameters.count >= 3 else {
            throw OperatorError("kernel_params has \(parameters.count) values; it needs gamma, coef0 and degree")
        }
        gamma = parameters.isEmpty ? 0 : parameters[0]
        coef0 = parameters.isEmpty ? 0 : parameters[1]
        degree = parameters.isEmpty ? 0 : parameters[2]
    }

    init(kind: Kind, gamma: Float = 0, coef0: Float = 0, degree: Float = 0) {
        self.kind = kind
        self.gamma = gamma
        self.coef0 = coef0
        self.degree = degree
    }

    /// The kernel of every row of `x` with each of `count` vectors `[count, x.columns]`: `[x.rows, count]`.
    /// A linear kernel adds `constant` (the linear SVMs' rho).
    func apply(_ x: MLFeatureMatrix, vectors: [Float], count: Int, constant: Float = 0) -> [Float] {
        var output = [Float](repeating: 0, count: x.rows * count)
        output.withUnsafeMutableBufferPointer { output in
            guard let output = output.baseAddress else { return }
            apply(x, rows: 0..<x.rows, vectors: vectors, count: count, constant: constant, into: output)
        }
        return output
    }

    /// The kernels of rows `rows` of `x`, written from `output` on (`[rows.count, count]`).
    func apply(
        _ x: MLFeatureMatrix, rows: Range<Int>, vectors: [Float], count: Int, constant: Float = 0,
        into output: UnsafeMutablePointer<Float>
    ) {
        let features = x.columns
        let rbf = kind == .rbf
        x.values.withUnsafeBufferPointer { input in
            vectors.withUnsafeBufferPointer { vectors in
                guard let input = input.baseAddress, let vectors = vectors.baseAddress else { return }
                for row in rows {
                    let a = input + row * features
                    let out = output + (row - rows.lowerBound) * count
                    // Four vectors at a time: independent sums the processor overlaps.
                    var vector = 0
                    while vector + 4 <= count {
                        let b0 = vectors + vector * features
                        let b1 = b0 + features
                        let b2 = b1 + features
                        let b3 = b2 + features
                        var s0: Float = 0
                        var s1: Float = 0
                        var s2: Float = 0
                        var s3: Float = 0
                        if rbf {
                            for k in 0..<features {
                                let v = a[k]
                                let d0 = v - b0[k]
                                let d1 = v - b1[k]
                                let d2 = v - b2[k]
                                let d3 = v - b3[k]
                                s0 += d0 * d0
                                s1 += d1 * d1
                                s2 += d2 * d2
                                s3 += d3 * d3
                            }
                        } else {
                            for k in 0..<features {
                                let v = a[k]
                                s0 += v * b0[k]
                                s1 += v * b1[k]
                                s2 += v * b2[k]
                                s3 += v * b3[k]
                            }
                        }
                        out[vector] = finish(s0, constant: constant)
                        out[vector + 1] = finish(s1, constant: constant)
                        out[vector + 2] = finish(s2, constant: constant)
                        out[vector + 3] = finish(s3, constant: constant)
                        vector += 4
                    }
                    while vector < count {
                        let b = vectors + vector * features
                        var sum: Float = 0
                        if rbf {
                            for k in 0..<features {
                                let d = a[k] - b[k]
                                sum += d * d
                            }
                        } else {
                            for k in 0..<features { sum += a[k] * b[k] }
                        }
                        out[vector] = finish(sum, constant: constant)
                        vector += 1
                    }
                }
            }
        }
    }

    /// The kernel from the dot product (or, for RBF, the squared distance).
    @inline(__always)
    private func finish(_ dot: Float, constant: Float) -> Float {
        switch kind {
        case .linear: return dot + constant
        case .poly:
            let base = gamma * dot + coef0
            if degree == 2 { return base * base }
            if degree == 3 { return base * base * base }
            return Glibc.pow(base, degree)
        case .sigmoid: return Glibc.tanh(gamma * dot + coef0)
        case .rbf: return Glibc.exp(-gamma * dot)
        }
    }
}

/// SVMRegressor (ai.onnx.ml 1): a kernel SVM's regression value `Σ coefficient · K(x, sv) + rho`, or a linear
/// model when there are no support vectors; `one_class` maps the value to ±1.
struct SVMRegressorOperator: Operator {
    let kernel: SVMKernel
    let supportVectors: [Float]
    let vectorCount: Int
    let coefficients: [Float]
    let rho: Float
    let oneClass: Bool

    init(_ spec: NodeSpec) throws(OperatorError) {
        vectorCount = try spec.attributes.int("n_supports", default: 0)
        coefficients = try spec.attributes.floats("coefficients") ?? []
        guard !coefficients.isEmpty else { throw OperatorError("SVMRegressor needs the attribute 'coefficients'") }
        guard let rho = try spec.attributes.floats("rho")?.first else {
            throw OperatorError("SVMRegressor needs the attribute 'rho'")
        }
        self.rho = rho
        oneClass = try spec.attributes.int("one_class", default: 0) != 0
        supportVectors = try spec.attributes.floats("support_vectors") ?? []
        if vectorCount > 0 {
            kernel = try SVMKernel(spec)
            guard !supportVectors.isEmpty, supportVectors.count % vectorCount == 0, coefficients.count >= vectorCount
            else {
                throw OperatorError(
                    "SVMRegressor has \(supportVectors.count) support vector values and \(coefficients.count) "
                        + "coefficients for \(vectorCount) support vectors")
            }
        } else {
            guard vectorCount == 0 else { throw OperatorError("SVMRegressor's n_supports is negative") }
            kernel = SVMKernel(kind: .linear)
        }
    }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let x = try MLFeatureMatrix(inputs.tensor(0), operator: "SVMRegressor")
        let features = vectorCount > 0 ? supportVectors.count / vectorCount : coefficients.count
        guard x.columns == features else {
            throw OperatorError("input 0 has \(x.columns) features; this SVMRegressor needs \(features)")
        }
        var output: [Float]
        if vectorCount > 0 {
            output = [Float](repeating: 0, count: x.rows)
            // Blocks of rows, so the kernel values stay in cache.
            let block = 32
            var kernels = [Float](repeating: 0, count: block * vectorCount)
            kernels.withUnsafeMutableBufferPointer { kernels in
                coefficients.withUnsafeBufferPointer { coefficients in
                    guard let kernels = kernels.baseAddress else { return }
                    var start = 0
                    while start < x.rows {
                        let end = min(start + block, x.rows)
                        kernel.apply(
                            x, rows: start..<end, vectors: supportVectors, count: vectorCount, into: kernels)
                        for row in start..<end {
                            let k = kernels + (row - start) * vectorCount
                            var sum: Float = 0
                            for vector in 0..<vectorCount { sum += k[vector] * coefficients[vector] }
                            output[row] = sum + rho
                        }
                        start = end
                    }
                }
            }
        } else {
            output = kernel.apply(x, vectors: coefficients, count: 1, constant: rho)
        }
        if oneClass {
            for index in output.indices { output[index] = output[index] > 0 ? 1 : -1 }
        }
        return [.tensor(Tensor(checked: [x.rows, 1], .float(output)))]
    }
}
