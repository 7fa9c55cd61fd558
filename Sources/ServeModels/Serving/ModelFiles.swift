public import Serve

extension ONNXModel {
    /// The models in the files at `paths`, each as the function `NAME.predict` (NAME the file's stem), for
    /// `serve model.onnx`; throws the first file's error (`model.onnx: node 'Conv_12' uses DeformConv …`).
    public static func servedFunctions(paths: [String]) throws(ModelError) -> [ServedFunction<Void>] {
        var functions: [ServedFunction<Void>] = []
        var names: Set<String> = []
        for path in paths {
            let model = try ONNXModel(path)
            guard names.insert(model.name).inserted else {
                throw ModelError("two models are named '\(model.name)'; rename one file", file: path)
            }
            functions.append(model.servedFunction)
        }
        return functions
    }
}
