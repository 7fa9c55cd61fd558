import Testing

@testable import Serve
@testable import ServeFixtures
@testable import ServeHTTP

@Suite struct AccessTokenTests {
    let token = AccessToken("s3cret-Token")!

    func verdict(_ authorization: String?) -> AccessToken.Verdict {
        token.verdict(authorization: authorization)
    }

    @Test func acceptsBearerAndFireflysTokenSchemeInAnyCase() {
        #expect(verdict("Bearer s3cret-Token") == .granted)
        #expect(verdict("Token s3cret-Token") == .granted)
        #expect(verdict("bearer s3cret-Token") == .granted)
        #expect(verdict("TOKEN   s3cret-Token") == .granted)
    }

    @Test func missingOrForeignSchemesAreMissingAndOtherCredentialsAreWrong() {
        #expect(verdict(nil) == .missing)
        #expect(verdict("s3cret-Token") == .missing)
        #expect(verdict("Basic czNjcmV0LVRva2Vu") == .missing)
        #expect(verdict("Bearer s3cret-token") == .wrong)
        #expect(verdict("Bearer s3cret-Toke") == .wrong)
        #expect(verdict("Bearer s3cret-Token2") == .wrong)
        #expect(verdict("Bearer ") == .wrong)
    }

    @Test func comparesWholeSecretsOnly() {
        let secret = Array("abc".utf8)
        #expect(AccessToken.constantTimeEqual(Array("abc".utf8)[...], secret))
        #expect(!AccessToken.constantTimeEqual(Array("ab".utf8)[...], secret))
        #expect(!AccessToken.constantTimeEqual(Array("abcd".utf8)[...], secret))
        // A length that differs by a multiple of 256 must not look equal.
        #expect(!AccessToken.constantTimeEqual(Array(("abc" + String(repeating: "x", count: 256)).utf8)[...], secret))
        #expect(AccessToken("") == nil)
    }
}
