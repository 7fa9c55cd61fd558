internal import ArgumentParser
internal import Handlers

/// `serve infer fashion`: classifies image files, or random test images, and writes the results.
struct InferCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "infer",
        abstract: "Classify images with the clothing model; write results.json and a copy of each image by class.",
        discussion: """
            With no IMAGE, classifies --random images drawn from Fashion-MNIST's test set (written as PNG). \
            Each result gives the file name, the class and its probability.
            """
    )

    @Argument(help: "The model: fashion.")
    var model: InferableModel

    @Argument(help: "PNG or JPEG files to classify.")
    var images: [String] = []

    @Option(help: "Where to write results.json and the copies (folders named by class).")
    var out = "inference"

    @Option(help: "How many random test images to classify when no IMAGE is given.")
    var random = 5

    @Option(help: "The seed that picks the random test images.")
    var seed = 1

    @Option(name: .customLong("model"), help: "The artifact (default: the model compiled into serve).")
    var artifact: String?

    @Option(help: "The folder of Fashion-MNIST's files (default: Debian's dataset-fashion-mnist).")
    var data: String?

    func validate() throws {
        if random < 1 { throw ValidationError("--random must be at least 1.") }
    }

    func run() throws {
        do {
            print(
                try FashionInference.run(
                    paths: images, random: random, seed: seed, data: data, model: artifact, out: out))
        } catch {
            throw CommandFailure(error)
        }
    }
}

/// The models `serve infer` knows.
enum InferableModel: String, ExpressibleByArgument, CaseIterable {
    case fashion
}
