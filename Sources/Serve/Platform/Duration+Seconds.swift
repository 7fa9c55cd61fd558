extension Duration {
    /// The duration in seconds, for `--help` defaults, messages and metrics.
    package var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
