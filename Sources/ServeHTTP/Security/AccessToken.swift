/// The shared secret a service may require: `Authorization: Bearer <token>` or, as Firefly sends it,
/// `Authorization: Token <token>`.
package struct AccessToken: Sendable {
    private let secret: [UInt8]

    /// A token; nil when the text is empty.
    init?(_ text: String) {
        guard !text.isEmpty else { return nil }
        secret = Array(text.utf8)
    }

    /// What the `Authorization` header proves.
    package enum Verdict: Equatable {
        case granted
        /// No credentials, or not in a scheme this service reads: 401.
        case missing
        /// Credentials that do not match: 403.
        case wrong
    }

    /// Checks the value of a request's `Authorization` header (nil when it has none). The comparison takes the same time wherever the
    /// credentials first differ, so timing does not reveal the token.
    package func verdict(authorization value: String?) -> Verdict {
        guard let value else { return .missing }
        let bytes = Array(value.utf8)
        guard let space = bytes.firstIndex(of: UInt8(ascii: " ")) else { return .missing }
        let scheme = String(decoding: bytes[..<space], as: UTF8.self).lowercased()
        guard scheme == "bearer" || scheme == "token" else { return .missing }
        let credentials = bytes[space...].drop { $0 == UInt8(ascii: " ") }
        return Self.constantTimeEqual(credentials, secret) ? .granted : .wrong
    }

    /// Whether `given` equals `secret`, looking at every byte of the secret whatever `given` is.
    static func constantTimeEqual(_ given: ArraySlice<UInt8>, _ secret: [UInt8]) -> Bool {
        var difference: UInt8 = given.count == secret.count ? 0 : 1
        var index = given.startIndex
        for byte in secret {
            let other = index < given.endIndex ? given[index] : ~byte
            difference |= other ^ byte
            if index < given.endIndex { index += 1 }
        }
        return difference == 0
    }
}
