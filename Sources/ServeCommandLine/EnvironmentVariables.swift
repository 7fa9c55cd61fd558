/// The environment-variable twin of every `serve` option (twelve-factor configuration): a variable is
/// read when its option is not on the command line, so the command line always wins.
enum EnvironmentVariables {
    /// How a variable's value becomes arguments.
    enum Kind {
        /// `--flag VALUE`.
        case value
        /// Comma-separated values, each `--flag VALUE`.
        case list
        /// `true`/`1`/`yes` adds `--flag`; `false`/`0`/`no` adds nothing.
        case flag
    }

    /// Each option with its variable.
    static let twins: [(option: String, variable: String, kind: Kind)] = [
        ("bind", "SERVE_BIND", .value),
        ("grpc-bind", "SERVE_GRPC_BIND", .value),
        ("option", "SERVE_OPTION", .list),
        ("token", "SERVE_TOKEN", .value),
        ("token-file", "SERVE_TOKEN_FILE", .value),
        ("public-docs", "SERVE_PUBLIC_DOCS", .flag),
        ("allow-origin", "SERVE_ALLOW_ORIGIN", .list),
        ("max-body-size", "SERVE_MAX_BODY_SIZE", .value),
        ("max-upload-size", "SERVE_MAX_UPLOAD_SIZE", .value),
        ("max-batch-size", "SERVE_MAX_BATCH_SIZE", .value),
        ("max-header-size", "SERVE_MAX_HEADER_SIZE", .value),
        ("max-uri-length", "SERVE_MAX_URI_LENGTH", .value),
        ("max-in-flight", "SERVE_MAX_IN_FLIGHT", .value),
        ("idle-timeout", "SERVE_IDLE_TIMEOUT", .value),
        ("read-timeout", "SERVE_READ_TIMEOUT", .value),
        ("call-timeout", "SERVE_CALL_TIMEOUT", .value),
        ("grace-period", "SERVE_GRACE_PERIOD", .value),
        ("threads", "SERVE_THREADS", .value),
        ("model-threads", "SERVE_MODEL_THREADS", .value),
        ("model-batch-size", "SERVE_MODEL_BATCH_SIZE", .value),
        ("model-batch-wait", "SERVE_MODEL_BATCH_WAIT", .value),
        ("model-queue", "SERVE_MODEL_QUEUE", .value),
        ("log-level", "SERVE_LOG_LEVEL", .value),
        ("log-format", "SERVE_LOG_FORMAT", .value),
    ]

    /// The functions named by `SERVE_FUNCTIONS` (space- or comma-separated), for when the command line
    /// names none.
    static func functionNames(environment: (String) -> String?) -> [String] {
        environment("SERVE_FUNCTIONS")?.split { $0 == "," || $0 == " " }.map(String.init) ?? []
    }

    /// `arguments` with the options that only the environment sets put in front of them.
    static func arguments(_ arguments: [String], environment: (String) -> String?) throws(UsageError) -> [String] {
        let given = Set(
            arguments.prefix { $0 != "--" }.compactMap { argument -> String? in
                guard argument.hasPrefix("--") else { return nil }
                return String(argument.dropFirst(2).prefix { $0 != "=" })
            })
        var added: [String] = []
        for twin in twins where !given.contains(twin.option) {
            guard let value = environment(twin.variable), !value.isEmpty else { continue }
            switch twin.kind {
            case .value:
                added += ["--\(twin.option)", value]
            case .list:
                for item in value.split(separator: ",") {
                    added += ["--\(twin.option)", String(item.trimmingWhitespace)]
                }
            case .flag:
                switch value.lowercased() {
                case "1", "true", "yes": added.append("--\(twin.option)")
                case "0", "false", "no": break
                default: throw UsageError("\(twin.variable)=\(value) is not true or false.")
                }
            }
        }
        return added + arguments
    }
}
