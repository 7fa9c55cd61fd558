internal import Serve

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Musl)
    internal import Musl
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// The C library calls of building and running an app: files, folders and child processes.
enum ProcessCalls {
    /// What `stat` says of a path that exists.
    struct FileStatus: Equatable {
        var size: Int
        var modified: Int
        var isDirectory: Bool
        var isExecutable: Bool
    }

    static func status(_ path: String) -> FileStatus? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileStatus(
            size: Int(info.st_size),
            modified: Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec),
            isDirectory: (info.st_mode & S_IFMT) == S_IFDIR,
            isExecutable: access(path, X_OK) == 0)
    }

    /// The names in a folder, sorted, without `.` and `..`.
    static func contents(of directory: String) -> [String] {
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(cString: $0.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// The absolute path with symbolic links resolved, or nil when it does not exist.
    static func resolvedPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func currentDirectory() -> String {
        resolvedPath(".") ?? "."
    }

    /// Creates a folder and its parents (like `mkdir -p`); false when it cannot.
    @discardableResult
    static func makeDirectory(_ path: String) -> Bool {
        var built = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            built += "/" + part
            if mkdir(built, 0o755) != 0 && errno != EEXIST { return false }
        }
        return true
    }

    /// Makes `path` a symbolic link to `target`; false when it cannot.
    static func link(_ path: String, to target: String) -> Bool {
        symlink(target, path) == 0
    }

    static func rename(_ from: String, to: String) -> Bool {
        renameFile(from, to) == 0
    }

    /// Removes a file, or a folder with the files in it (one level, as the build folders have).
    static func remove(_ path: String) {
        if status(path)?.isDirectory == true {
            for name in contents(of: path) { unlink(path + "/" + name) }
            rmdir(path)
        } else {
            unlink(path)
        }
    }

    static func writeFile(_ path: String, _ bytes: [UInt8]) -> Bool {
        guard let file = fopen(path, "wb") else { return false }
        defer { fclose(file) }
        return bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) } == bytes.count
    }

    /// The process's environment, as `NAME=value` strings.
    private static func environment() -> [String] {
        let bytes = SystemCalls.readFile("/proc/self/environ") ?? []
        return bytes.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Replaces this process with the program at `path` (the environment is kept); returns only on failure.
    static func execute(_ path: String, _ arguments: [String]) -> Int32 {
        _ = withCStrings([path] + arguments) { argv in execv(path, argv) }
        return errno
    }

    /// Starts the program at `path` in its own process group (so a terminal's Ctrl-C reaches only this
    /// process, which passes it on once), with `extraEnvironment` (`NAME=value`) added to ours; its output
    /// goes where ours goes.
    static func spawn(_ path: String, _ arguments: [String], extraEnvironment: [String] = []) -> Int32? {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        var pid: pid_t = 0
        let result = withCStrings([path] + arguments) { argv in
            withCStrings(environment() + extraEnvironment) { envp in
                posix_spawn(&pid, path, nil, &attributes, argv, envp)
            }
        }
        return result == 0 ? pid : nil
    }

    /// Runs the program at `path` to its end; returns its exit status and what it wrote to standard output
    /// and standard error, together.
    static func run(_ path: String, _ arguments: [String]) -> (status: Int32, output: [UInt8]) {
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else { return (-1, Array("cannot create a pipe".utf8)) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addclose(&actions, descriptors[0])
        posix_spawn_file_actions_adddup2(&actions, descriptors[1], 1)
        posix_spawn_file_actions_adddup2(&actions, descriptors[1], 2)
        posix_spawn_file_actions_addclose(&actions, descriptors[1])
        var pid: pid_t = 0
        let result = withCStrings([path] + arguments) { argv in
            withCStrings(environment()) { envp in posix_spawn(&pid, path, &actions, nil, argv, envp) }
        }
        close(descriptors[1])
        defer { close(descriptors[0]) }
        guard result == 0 else { return (-1, Array("cannot run \(path): error \(result)".utf8)) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptors[0], $0.baseAddress, $0.count) }
            if count > 0 {
                output += chunk[..<count]
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        return (waitForExit(pid), output)
    }

    /// Waits for a child to end; its exit status, or 128 + the signal that ended it.
    static func waitForExit(_ pid: Int32) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return -1 }
        }
        return exitStatus(status)
    }

    /// Whether a child has ended, without waiting; its status if so.
    static func exitStatusIfEnded(_ pid: Int32) -> Int32? {
        var status: Int32 = 0
        guard waitpid(pid, &status, WNOHANG) == pid else { return nil }
        return exitStatus(status)
    }

    /// What `waitpid` reports, as a shell does: the exit status, or 128 + the signal that ended the process.
    private static func exitStatus(_ status: Int32) -> Int32 {
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    static func sendSignal(_ signal: Int32, to pid: Int32) {
        kill(pid, signal)
    }

    static func sleep(milliseconds: Int) {
        usleep(UInt32(milliseconds * 1000))
    }

    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return body(pointers)
    }
}

/// The C library's `rename(_:_:)` (a free function, as the enum's method shadows the name).
private func renameFile(_ from: String, _ to: String) -> Int32 {
    rename(from, to)
}
