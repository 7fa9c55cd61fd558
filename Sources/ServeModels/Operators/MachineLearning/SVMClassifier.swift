#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// SVMClassifier (ai.onnx.ml 1): a libsvm one-vs-one kernel classifier (support vectors grouped by class in
/// `vectors_per_class`) or, without support vectors, a liblinear one-vs-rest linear classifier.
///
/// One-vs-one scores are the pairwise decision values, turned into class probabilities by Platt scaling
/// (`prob_a`, `prob_b`) and libsvm's pairwise coupling when those are given; the label is the class with most
/// pairwise votes. The binary and score layouts follow onnxruntime.
struct SVMClassifierOperator: Operator {
    let kernel: SVMKernel
    let labels: MLClassLabels
    let classCount: Int
    let vectorsPerClass: [Int]
    let startingVector: [Int]
    let vectorCount: Int
    let supportVectors: [Float]
    let coefficients: [Float]
    let rho: [Float]
    let probA: [Float]
    let probB: [Float]
    let transform: MLPostTransform
    let weightsArePositive: Bool

    init(_ spec: NodeSpec) throws(OperatorError) {
        labels = try MLClassLabels(spec, intsName: "classlabels_ints")
        classCount = labels.count
        guard classCount > 0 else {
            throw OperatorError("SVMClassifier needs 'classlabels_ints' or 'classlabels_strings'")
        }
        transform = try MLPostTransform(spec)
        coefficients = try spec.attributes.floats("coefficients") ?? []
        rho = try spec.attributes.floats("rho") ?? []
        probA = try spec.attributes.floats("prob_a") ?? []
        probB = try spec.attributes.floats("prob_b") ?? []
        supportVectors = try spec.attributes.floats("support_vectors") ?? []
        vectorsPerClass = try spec.attributes.ints("vectors_per_class") ?? []
        guard !coefficients.isEmpty else { throw OperatorError("SVMClassifier needs the attribute 'coefficients'") }
        guard probA.count == probB.count else {
            throw OperatorError("SVMClassifier has \(probA.count) prob_a but \(probB.count) prob_b values")
        }
        guard vectorsPerClass.allSatisfy({ $0 >= 0 }) else {
            throw OperatorError("SVMClassifier's vectors_per_class has a negative count")
        }
        var starts: [Int] = []
        var total = 0
        for count in vectorsPerClass {
            starts.append(total)
            total += count
        }
        startingVector = starts
        vectorCount = total
        weightsArePositive = coefficients.allSatisfy { $0 >= 0 }
        let pairs = classCount * (classCount - 1) / 2
        if vectorCount > 0 {
            kernel = try SVMKernel(spec)
            guard vectorsPerClass.count == classCount else {
                throw OperatorError(
                    "SVMClassifier has vectors_per_class for \(vectorsPerClass.count) classes and \(classCount) labels")
            }
            guard supportVectors.count % vectorCount == 0, !supportVectors.isEmpty else {
                throw OperatorError(
                    "SVMClassifier has \(supportVectors.count) support vector values for \(vectorCount) vectors")
            }
            guard coefficients.count >= (classCount - 1) * vectorCount else {
                throw OperatorError(
                    "SVMClassifier has \(coefficients.count) coefficients; \(classCount) classes and "
                        + "\(vectorCount) support vectors need \((classCount - 1) * vectorCount)")
            }
            guard rho.count >= pairs else {
                throw OperatorError("SVMClassifier has \(rho.count) rho values for \(pairs) class pairs")
            }
            guard probA.isEmpty || probA.count >= pairs else {
                throw OperatorError("SVMClassifier has \(probA.count) prob_a values for \(pairs) class pairs")
            }
        } else {
            kernel = SVMKernel(kind: .linear)
            guard coefficients.count % classCount == 0 else {
                throw OperatorError(
                    "SVMClassifier has \(coefficients.count) coefficients, not a multiple of its \(classCount) classes")
            }
            guard !rho.isEmpty else { throw OperatorError("SVMClassifier needs the attribute 'rho'") }
        }
    }

    private var isKernelMachine: Bool { vectorCount > 0 }

    func run(_ inputs: [Value?]) throws(OperatorError) -> [Value] {
        let x = try MLFeatureMatrix(inputs.tensor(0), operator: "SVMClassifier")
        let features = isKernelMachine ? supportVectors.count / vectorCount : coefficients.count / classCount
        guard x.columns == features else {
            throw OperatorError("input 0 has \(x.columns) features; this SVMClassifier needs \(features)")
        }
        let pairs = classCount * (classCount - 1) / 2
        let haveProbabilities = !probA.isEmpty && isKernelMachine
        var columns = classCount
        var scoresPerRow = classCount
        var second: MLSecondScore = .single
        if isKernelMachine && !haveProbabilities {
            columns = classCount > 2 ? pairs : 2
            scoresPerRow = pairs
            if classCount <= 2 { second = transform == .none ? .negation : .complement }
        }
        var scores: [Float]
        var votes: [Int] = []
        if isKernelMachine {
            let stride = haveProbabilities ? pairs : columns
            var decisions = [Float](repeating: 0, count: x.rows * stride)
            votes = [Int](repeating: 0, count: x.rows * classCount)
            // Blocks of rows, so the kernel values stay in cache.
            let block = 32
            var kernels = [Float](repeating: 0, count: block * vectorCount)
            kernels.withUnsafeMutableBufferPointer { kernels in
                coefficients.withUnsafeBufferPointer { coefficients in
                    guard let kernels = kernels.baseAddress, let coefficients = coefficients.baseAddress else {
                        return
                    }
                    var start = 0
                    while start < x.rows {
                        let end = min(start + block, x.rows)
                        kernel.apply(
                            x, rows: start..<end, vectors: supportVectors, count: vectorCount, into: kernels)
                        for row in start..<end {
                            pairwiseDecisions(
                                kernels + (row - start) * vectorCount, coefficients, row: row, into: &decisions,
                                at: row * stride, votes: &votes)
                        }
                        start = end
                    }
                }
            }
            if haveProbabilities {
                scores = [Float](repeating: 0, count: x.rows * classCount)
                for row in 0..<x.rows {
                    probabilities(decisions, at: row * pairs, into: &scores, at: row * classCount)
                }
            } else {
                scores = decisions
            }
        } else {
            scores = kernel.apply(x, vectors: coefficients, count: classCount, constant: rho[0])
        }
        var choices = [Int](repeating: 0, count: x.rows)
        scores.withUnsafeMutableBufferPointer { scores in
            for row in 0..<x.rows {
                let rowScores = UnsafeMutableBufferPointer(rebasing: scores[row * columns..<(row + 1) * columns])
                choices[row] = choose(rowScores, votes: votes, row: row, haveProbabilities: !probA.isEmpty)
                if scoresPerRow > 1 {
                    transform.applyRows(rowScores, columns: scoresPerRow)
                } else if scoresPerRow == 1, columns == 2, let base = rowScores.baseAddress {
                    transform.writeBinary(rowScores[0], second, to: base)
                }
            }
        }
        return [.tensor(labels.tensor(choices)), .tensor(Tensor(checked: [x.rows, columns], .float(scores)))]
    }

    /// The one-vs-one decision values of a row (written at `offset`), counting each pair's vote.
    private func pairwiseDecisions(
        _ kernels: UnsafePointer<Float>, _ coefficients: UnsafePointer<Float>, row: Int,
        into decisions: inout [Float], at offset: Int, votes: inout [Int]
    ) {
        var index = 0
        for i in 0..<max(classCount - 1, 0) {
            for j in (i + 1)..<classCount {
                var sum: Double = 0
                let rowJ = vectorCount * (j - 1)
                for m in 0..<vectorsPerClass[i] {
                    let k = startingVector[i] + m
                    sum += Double(coefficients[rowJ + k] * kernels[k])
                }
                let rowI = vectorCount * i
                for m in 0..<vectorsPerClass[j] {
                    let k = startingVector[j] + m
                    sum += Double(coefficients[rowI + k] * kernels[k])
                }
                sum += Double(rho[index])
                decisions[offset + index] = Float(sum)
                votes[row * classCount + (sum > 0 ? i : j)] += 1
                index += 1
            }
        }
    }

    /// Class probabilities from a row's decision values by Platt scaling and pairwise coupling.
    private func probabilities(_ decisions: [Float], at offset: Int, into scores: inout [Float], at output: Int) {
        let k = classCount
        var pairwise = [Float](repeating: 0, count: k * k)
        var index = 0
        for i in 0..<max(k - 1, 0) {
            for j in (i + 1)..<k {
                let value = 1 - MLMath.logistic(decisions[offset + index] * probA[index] + probB[index])
                let clamped = min(max(value, 1.0e-7), 1 - 1.0e-7)
                pairwise[i * k + j] = clamped
                pairwise[j * k + i] = 1 - clamped
                index += 1
            }
        }
        let p = SVMClassifierOperator.coupling(k, pairwise)
        for i in 0..<k { scores[output + i] = p[i] }
    }

    /// The label choice of a row, as onnxruntime makes it.
    private func choose(
        _ scores: UnsafeMutableBufferPointer<Float>, votes: [Int], row: Int, haveProbabilities: Bool
    ) -> Int {
        var maxWeight: Float = 0
        var maxClass = 0
        if isKernelMachine {
            var best = -1
            for c in 0..<classCount where votes[row * classCount + c] > best {
                best = votes[row * classCount + c]
                maxClass = c
            }
        } else if !scores.isEmpty {
            maxWeight = scores[0]
            for c in 1..<scores.count where scores[c] > maxWeight {
                maxWeight = scores[c]
                maxClass = c
            }
        }
        guard classCount == 2, !haveProbabilities else { return maxClass }
        if weightsArePositive && maxWeight >= 0.5 { return 1 }
        if maxWeight > 0 && !weightsArePositive { return 1 }
        return maxClass
    }

    /// libsvm's pairwise coupling (Wu, Lin and Weng's second method) of the pairwise probabilities `r` `[k, k]`
    /// into `k` class probabilities, in single precision as onnxruntime computes it.
    static func coupling(_ k: Int, _ r: [Float]) -> [Float] {
        var q = [Float](repeating: 0, count: k * k)
        var qp = [Float](repeating: 0, count: k)
        var p = [Float](repeating: 1 / Float(k), count: k)
        let epsilon = 0.005 / Float(k)
        for i in 0..<k {
            for j in 0..<i {
                q[i * k + i] += r[j * k + i] * r[j * k + i]
                q[i * k + j] = q[j * k + i]
            }
            for j in (i + 1)..<max(k, i + 1) {
                q[i * k + i] += r[j * k + i] * r[j * k + i]
                q[i * k + j] = -r[j * k + i] * r[i * k + j]
            }
        }
        for _ in 0..<100 {
            var pqp: Float = 0
            for i in 0..<k {
                qp[i] = 0
                for j in 0..<k { qp[i] += q[i * k + j] * p[j] }
                pqp += p[i] * qp[i]
            }
            var maxError: Float = 0
            for i in 0..<k { maxError = max(maxError, Swift.abs(qp[i] - pqp)) }
            if maxError < epsilon { break }
            for i in 0..<k {
                let diff = (-qp[i] + pqp) / q[i * k + i]
                p[i] += diff
                pqp = (pqp + diff * (diff * q[i * k + i] + 2 * qp[i])) / (1 + diff) / (1 + diff)
                for j in 0..<k {
                    qp[j] = (qp[j] + diff * q[i * k + j]) / (1 + diff)
                    p[j] /= (1 + diff)
                }
            }
        }
        return p
    }
}
