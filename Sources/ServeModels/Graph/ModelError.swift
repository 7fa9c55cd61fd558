/// Why a model could not be loaded or run: one line a user can act on, such as
/// `model.onnx: node 'Conv_12' uses DeformConv (ai.onnx, opset 19), which Serve does not run`.
public struct ModelError: Error, Equatable, CustomStringConvertible {
    /// What went wrong.
    public let message: String
    /// The model file, when the error concerns one.
    public let file: String?
    /// Whether the caller's inputs are at fault (a wrong name, type or shape) rather than the model.
    public let isInputError: Bool

    init(_ message: String, file: String? = nil, isInputError: Bool = false) {
        self.message = message
        self.file = file
        self.isInputError = isInputError
    }

    /// The same error, naming `file`.
    func inFile(_ file: String) -> ModelError {
        ModelError(message, file: self.file ?? file, isInputError: isInputError)
    }

    public var description: String { file.map { "\($0): \(message)" } ?? message }
}
