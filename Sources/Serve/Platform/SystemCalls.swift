#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Musl)
    internal import Musl
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// The few C library calls the package makes, in one place, so the rest of it stays platform-free.
package enum SystemCalls {
    /// SIGINT and SIGTERM: the signals that stop the server.
    package static let stopSignals = [SIGINT, SIGTERM]

    /// SIGHUP: the signal that has the server load its model files again.
    package static let reloadSignal = SIGHUP

    /// Lets a dispatch source handle `signal` instead of the default action (terminating).
    package static func ignoreDefaultAction(of signal: Int32) {
        _ = ignore(signal)
    }

    /// Ends the process.
    package static func exit(_ code: Int32) -> Never {
        terminate(code)
    }

    /// The value of an environment variable.
    package static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// This process's id.
    package static var processID: Int32 { getpid() }

    /// The parent process's id (1, or a subreaper's, once the parent is gone).
    package static var parentProcessID: Int32 { getppid() }

    /// Pushes buffered standard output to its file or pipe now.
    package static func flushStandardOutput() {
        fflush(nil)
    }

    /// Writes `message` and a line break to standard error (unbuffered).
    package static func printError(_ message: String) {
        writeStandardError(Array((message + "\n").utf8))
    }

    /// Writes all of `bytes` to standard error (unbuffered).
    package static func writeStandardError(_ bytes: [UInt8]) {
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { write(2, $0.baseAddress! + written, bytes.count - written) }
            guard result > 0 else { return }
            written += result
        }
    }

    /// Whether the file descriptor is a terminal (2 for standard error).
    package static func isTerminal(_ descriptor: Int32) -> Bool {
        isatty(descriptor) == 1
    }

    /// The whole contents of a file, or nil when it cannot be read.
    package static func readFile(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var contents: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            contents += chunk[..<count]
            if count < chunk.count { return ferror(file) == 0 ? contents : nil }
        }
    }

    /// Writes `bytes` to the file at `path`, replacing what it held; false when it cannot.
    package static func writeFile(_ path: String, _ bytes: [UInt8]) -> Bool {
        guard let file = fopen(path, "wb") else { return false }
        defer { fclose(file) }
        return bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) } == bytes.count
    }

    /// How many CPUs this process may run on (its affinity mask: `taskset`, systemd's `CPUAffinity=`), from
    /// `/proc/self/status`; nil where that is not known.
    package static func allowedCPUCount() -> Int? {
        guard let status = readFile("/proc/self/status") else { return nil }
        let text = String(decoding: status, as: UTF8.self)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed_list:") }) else {
            return nil
        }
        return cpuCount(inList: line.dropFirst("Cpus_allowed_list:".count))
    }

    /// The number of CPUs in a list such as `0-3,8,10-11`; nil when it is not one.
    package static func cpuCount(inList list: Substring) -> Int? {
        var count = 0
        for range in list.filter({ !$0.isWhitespace }).split(separator: ",") {
            let bounds = range.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
            switch (bounds.count, bounds.first ?? nil, bounds.last ?? nil) {
            case (1, .some, _): count += 1
            case (2, .some(let low), .some(let high)) where low <= high: count += high - low + 1
            default: return nil
            }
        }
        return count > 0 ? count : nil
    }

    /// Blocks the calling thread for `duration`.
    package static func sleep(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        var remaining = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        var request = remaining
        while nanosleep(&request, &remaining) != 0, errno == EINTR { request = remaining }
    }

    /// Whole seconds since 1970.
    package static func currentSecond() -> Int {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return time.tv_sec
    }

    /// `2026-11-21T23:19:25Z` for a number of seconds since 1970.
    package static func utcTimestamp(seconds: Int) -> String {
        var time = seconds
        var parts = tm()
        gmtime_r(&time, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}

/// The C library's `signal(_:_:)` with SIG_IGN (a free function, as the enum's method shadows the name).
private func ignore(_ signalNumber: Int32) -> sighandler_t? {
    signal(signalNumber, SIG_IGN)
}

/// The C library's `exit(_:)`.
private func terminate(_ code: Int32) -> Never {
    exit(code)
}

// The C math functions the models use: FoundationEssentials (which the handlers import instead of
// Foundation, whose ICU data would add about 40 MB to a static binary) does not re-export them.

/// e raised to `x`.
package func exp(_ x: Double) -> Double {
    #if canImport(Glibc)
        Glibc.exp(x)
    #elseif canImport(Musl)
        Musl.exp(x)
    #else
        Darwin.exp(x)
    #endif
}

/// The natural logarithm of `x`.
package func log(_ x: Double) -> Double {
    #if canImport(Glibc)
        Glibc.log(x)
    #elseif canImport(Musl)
        Musl.log(x)
    #else
        Darwin.log(x)
    #endif
}
