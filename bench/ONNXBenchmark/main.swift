import ServeModels

// Runs ONNX models through ServeModels on one thread and prints each one's calls per second, for bench/onnx.
//
//     ONNXBenchmark SECONDS MODEL.onnx[:BATCH]...
//
// Each input gets the values onnx's backend runner gives its dummy inputs (0, 1/n, 2/n, … for floats; zeros
// for integers), with dynamic dimensions set to BATCH for the first and 1 for the others.
#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 2, let seconds = Double(arguments[0]) else {
    print("usage: ONNXBenchmark SECONDS MODEL.onnx[:BATCH]...")
    exit(2)
}
for argument in arguments.dropFirst() {
    let parts = argument.split(separator: ":")
    let path = String(parts[0])
    let batch = parts.count > 1 ? Int(parts[1]) ?? 1 : 1
    do {
        let model = try ONNXModel(path)
        var inputs: [String: Tensor] = [:]
        for input in model.inputs {
            let shape = (input.shape ?? []).enumerated().map { index, dimension in
                dimension.size ?? (index == 0 ? batch : 1)
            }
            let count = shape.reduce(1, *)
            let data: TensorData =
                switch input.elementType {
                case .int64: .int64(Array(repeating: 0, count: count))
                case .int32: .int32(Array(repeating: 0, count: count))
                default: .float((0..<count).map { Float($0) / Float(count) })
                }
            inputs[input.name] = try Tensor(shape: shape, data: data)
        }
        _ = try model.run(inputs)
        let clock = ContinuousClock()
        let start = clock.now
        var calls = 0
        while clock.now - start < .seconds(seconds) {
            _ = try model.run(inputs)
            calls += 1
        }
        let elapsed = clock.now - start
        let perSecond =
            Double(calls) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        print("\(argument) \(perSecond)")
    } catch {
        print("\(argument) error: \(error)")
    }
}
