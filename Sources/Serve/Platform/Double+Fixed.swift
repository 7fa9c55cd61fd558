extension Double {
    /// The value rounded to `digits` decimal places, as text (`0.967` for `digits: 3`).
    ///
    /// Written here rather than with Foundation's `String(format:)`, which links the ICU data into the
    /// binary and makes a static build about 40 MB larger.
    package func fixed(_ digits: Int) -> String {
        guard isFinite else { return "\(self)" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(self) * scale).rounded()
        guard scaled < 1e18 else { return "\(self)" }
        let units = UInt64(scaled)
        let whole = units / UInt64(scale)
        let fraction = String(units % UInt64(scale))
        let sign = self < 0 && units != 0 ? "-" : ""
        guard digits > 0 else { return "\(sign)\(whole)" }
        return "\(sign)\(whole)." + String(repeating: "0", count: digits - fraction.count) + fraction
    }
}
