internal import Dispatch
internal import Serve

/// Trains the clothing classifier on Fashion-MNIST with Adam, checkpointing after every epoch.
///
/// Deterministic: the seed fixes the initial weights and each epoch's order, and every batch is split into
/// the same two halves (one per core) whose gradients are added in the same order, so the same data and
/// settings give the same weights whether the run was interrupted or not, on one core or two.
public enum FashionTraining {
    /// What a run does.
    public struct Settings: Sendable {
        public var epochs = 12
        public var batchSize = 64
        /// Adam's step size in the first epoch; each later epoch uses 0.8 of the one before.
        public var learningRate = 0.002
        public var seed = 2017
        /// Train on the first this many training images only (quick checks); nil for all 60,000.
        public var images: Int?
        public init() {}
    }

    /// Halves of each batch, computed on separate threads.
    static let shards = 2

    /// Trains (or resumes from `checkpoint`, when the file exists) and returns the artifact, scored on
    /// the test images. `say` gets one line per event worth keeping; `progress` the changing status.
    static func train(
        dataDirectory: String, settings: Settings, checkpoint: String,
        say: (String) -> Void, progress: (String) -> Void
    ) throws(ModelFileError) -> FashionArtifact {
        let state = try runEpochs(
            dataDirectory: dataDirectory, settings: settings, checkpoint: checkpoint, say: say, progress: progress)
        let weights = FloatCoding.floats(state.weights)!
        let test = try FashionDataset(directory: dataDirectory, part: .test)
        var artifact = FashionArtifact(
            formatVersion: FashionArtifact.currentFormatVersion, kind: FashionArtifact.expectedKind,
            classes: FashionClass.allCases.map(\.rawValue), mean: state.mean, scale: state.scale,
            tensors: ConvNet.tensors.map { .init(name: $0.name, shape: $0.shape) }, weights: state.weights,
            training: .init(
                epochs: state.epochsCompleted, batchSize: settings.batchSize, learningRate: settings.learningRate,
                seed: settings.seed, rows: state.images, epochLosses: state.epochLosses),
            metrics: .init(testAccuracy: 0, testLogLoss: 0))
        let report = FashionModel(artifact: artifact, weights: weights).report(on: test)
        artifact.metrics = .init(
            testAccuracy: report.accuracy, testLogLoss: (report.logLoss * 10_000).rounded() / 10_000)
        return artifact
    }

    /// Trains until `settings.epochs` are done, resuming from `checkpoint` when it exists and writing it
    /// after every epoch; returns the last state.
    static func runEpochs(
        dataDirectory: String, settings: Settings, checkpoint: String,
        say: (String) -> Void, progress: (String) -> Void
    ) throws(ModelFileError) -> FashionCheckpoint {
        var data = try FashionDataset(directory: dataDirectory, part: .training)
        if let images = settings.images { data = data.prefix(images) }
        var state: FashionCheckpoint
        if SystemCalls.readFile(checkpoint) != nil {
            state = try FashionCheckpoint.load(path: checkpoint)
            guard state.batchSize == settings.batchSize, state.seed == settings.seed,
                state.learningRate == settings.learningRate, state.images == data.count
            else {
                throw ModelFileError(
                    checkpoint,
                    "it was made with other settings (batch size, seed, learning rate or images); remove it to start over"
                )
            }
            say("resuming from \(checkpoint): \(state.epochsCompleted) of \(settings.epochs) epochs done")
        } else {
            var random = SeededRandom(seed: UInt64(settings.seed))
            let (mean, scale) = Self.normalisation(of: data)
            let zeros = FloatCoding.encode([Float](repeating: 0, count: ConvNet.weightCount))
            state = FashionCheckpoint(
                formatVersion: 1, kind: FashionCheckpoint.kindName, batchSize: settings.batchSize,
                learningRate: settings.learningRate, seed: settings.seed, images: data.count, epochsCompleted: 0,
                step: 0,
                epochLosses: [],
                mean: mean, scale: scale, weights: FloatCoding.encode(ConvNet.initialWeights(random: &random)),
                firstMoment: zeros, secondMoment: zeros)
        }
        let inputs = normalised(data.images, mean: state.mean, scale: state.scale)
        var optimiser = Adam(state)
        var weights = FloatCoding.floats(state.weights)!
        while state.epochsCompleted < settings.epochs {
            let epoch = state.epochsCompleted
            let started = ContinuousClock.now
            let rate = Float(settings.learningRate * exp(Double(epoch) * log(0.8)))
            let loss = runEpoch(
                epoch, inputs: inputs, labels: data.labels, settings: settings, rate: rate, weights: &weights,
                optimiser: &optimiser, progress: progress)
            state.epochsCompleted += 1
            state.epochLosses.append((loss * 10_000).rounded() / 10_000)
            state.step = optimiser.step
            state.weights = FloatCoding.encode(weights)
            state.firstMoment = FloatCoding.encode(optimiser.first)
            state.secondMoment = FloatCoding.encode(optimiser.second)
            try ArtifactFile.write(try! ArtifactFile.encode(state), to: checkpoint)
            let seconds = (ContinuousClock.now - started).seconds
            progress("")
            say(
                "epoch \(epoch + 1)/\(settings.epochs): loss \(loss.fixed(4)), \(seconds.fixed(1)) s; checkpoint \(checkpoint)"
            )
        }
        return state
    }

    /// The mean and standard deviation of the training pixels (scaled to 0…1), rounded to 4 places.
    static func normalisation(of data: FashionDataset) -> (mean: Double, scale: Double) {
        var sum = 0.0, squares = 0.0
        for byte in data.images {
            let value = Double(byte) / 255
            sum += value
            squares += value * value
        }
        let count = Double(data.images.count)
        let mean = sum / count
        let deviation = (squares / count - mean * mean).squareRoot()
        return ((mean * 10_000).rounded() / 10_000, (deviation * 10_000).rounded() / 10_000)
    }

    /// Every image as `(pixel / 255 - mean) / scale`.
    static func normalised(_ bytes: some Collection<UInt8>, mean: Double, scale: Double) -> [Float] {
        let mean = Float(mean), scale = Float(scale)
        return bytes.map { (Float($0) / 255 - mean) / scale }
    }

    /// One pass over the training images in the epoch's seeded order; returns the mean loss.
    private static func runEpoch(
        _ epoch: Int, inputs: [Float], labels: [UInt8], settings: Settings, rate: Float, weights: inout [Float],
        optimiser: inout Adam, progress: (String) -> Void
    ) -> Double {
        var random = SeededRandom(seed: UInt64(settings.seed) &* 1_000_003 &+ UInt64(epoch))
        var order = Array(0..<labels.count)
        order.shuffle(using: &random)
        let count = ConvNet.weightCount
        nonisolated(unsafe) let gradients = UnsafeMutableBufferPointer<Float>.allocate(capacity: shards * count)
        defer { gradients.deallocate() }
        nonisolated(unsafe) let losses = UnsafeMutableBufferPointer<Double>.allocate(capacity: shards)
        defer { losses.deallocate() }
        nonisolated(unsafe) let spaces = (0..<shards).map { _ in
            ConvNet.Workspace(capacity: (settings.batchSize + shards - 1) / shards)
        }
        var total = 0.0
        let batches = (labels.count + settings.batchSize - 1) / settings.batchSize
        for batch in 0..<batches {
            let members = order[(batch * settings.batchSize)..<min((batch + 1) * settings.batchSize, order.count)]
            gradients.update(repeating: 0)
            let current = weights
            let transposed = current.withUnsafeBufferPointer { ConvNet.transposedWeights($0.baseAddress!) }
            DispatchQueue.concurrentPerform(iterations: shards) { shard in
                let lower = shard * members.count / shards, upper = (shard + 1) * members.count / shards
                losses[shard] = accumulate(
                    members[(members.startIndex + lower)..<(members.startIndex + upper)], inputs: inputs,
                    labels: labels, weights: current, transposed: transposed, space: spaces[shard],
                    gradient: gradients.baseAddress! + shard * count)
            }
            for shard in 1..<shards {
                for index in 0..<count { gradients[index] += gradients[shard * count + index] }
            }
            for shard in 0..<shards { total += losses[shard] }
            optimiser.update(&weights, gradient: gradients, scale: 1 / Float(members.count), rate: rate)
            if batch % 50 == 0 { progress("epoch \(epoch + 1): \(100 * batch / batches)%") }
        }
        return total / Double(labels.count)
    }
}

/// Adds the gradients of `samples` to `gradient`; returns their summed loss.
private func accumulate(
    _ samples: ArraySlice<Int>, inputs: [Float], labels: [UInt8], weights: [Float], transposed: [Float],
    space: ConvNet.Workspace, gradient: UnsafeMutablePointer<Float>
) -> Double {
    var batch = [Float](repeating: 0, count: samples.count * ConvNet.pixels)
    for (position, index) in samples.enumerated() {
        batch[(position * ConvNet.pixels)..<((position + 1) * ConvNet.pixels)] =
            inputs[(index * ConvNet.pixels)..<((index + 1) * ConvNet.pixels)]
    }
    let batchLabels = samples.map { Int(labels[$0]) }
    var loss = 0.0
    batch.withUnsafeBufferPointer { batch in
        weights.withUnsafeBufferPointer { weights in
            transposed.withUnsafeBufferPointer { transposed in
                ConvNet.forward(batch.baseAddress!, count: samples.count, weights: weights.baseAddress!, space: space)
                for (position, label) in batchLabels.enumerated() {
                    loss -= log(Swift.max(Double(space.probabilities[position * 10 + label]), 1e-12))
                }
                ConvNet.backward(
                    batch.baseAddress!, labels: batchLabels, weights: weights.baseAddress!,
                    transposed: transposed.baseAddress!, space: space, gradient: gradient)
            }
        }
    }
    return loss
}

/// Adam (Kingma and Ba) with its moment vectors.
struct Adam {
    var first: [Float]
    var second: [Float]
    var step: Int

    init(_ checkpoint: FashionCheckpoint) {
        first = FloatCoding.floats(checkpoint.firstMoment)!
        second = FloatCoding.floats(checkpoint.secondMoment)!
        step = checkpoint.step
    }

    /// One step on `gradient × scale` with step size `rate`.
    mutating func update(
        _ weights: inout [Float], gradient: UnsafeMutableBufferPointer<Float>, scale: Float, rate: Float
    ) {
        step += 1
        let beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8
        let correction1 = 1 - Float(exp(Double(step) * log(Double(beta1))))
        let correction2 = 1 - Float(exp(Double(step) * log(Double(beta2))))
        for index in weights.indices {
            let g = gradient[index] * scale
            first[index] = beta1 * first[index] + (1 - beta1) * g
            second[index] = beta2 * second[index] + (1 - beta2) * g * g
            let m = first[index] / correction1, v = second[index] / correction2
            weights[index] -= rate * m / (v.squareRoot() + epsilon)
        }
    }
}
