import Handlers
import ServeAppBuilder
import ServeCommandLine
import ServeGRPC

#if ONNX
    import ServeModels

    let loadModels: ModelLoader? = { paths, threadsPerCall, batching in
        let models = try ServedModels(paths, threadsPerCall: threadsPerCall, batching: batching)
        return (models.functions, models.reload)
    }
#else
    let loadModels: ModelLoader? = nil
#endif

// The `serve` executable: the bundled functions with their models' commands, and `serve app.predict` for
// an app.swift (or a folder app/) in the current folder, compiled against the runtime once and cached,
// then run in this process's place; `serve model.onnx` serves an ONNX model.
await ServeCommand.main(
    functions: Bundled.functions, groups: Bundled.groups,
    commands: [TrainCommand.self, EvaluateCommand.self, InferCommand.self, BuildCommand.self],
    launchApp: AppLaunch.serve,
    loadModels: loadModels,
    startGRPC: { address, http in
        let server = try await GRPCInferenceServer.start(at: address, beside: http)
        return (server.address, { await server.drain() })
    })
