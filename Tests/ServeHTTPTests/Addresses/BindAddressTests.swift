import ServeHTTP
import Testing

@Suite struct BindAddressTests {
    @Test(arguments: [
        ("127.0.0.1:5000", "127.0.0.1", 5000, "http://127.0.0.1:5000"),
        ("[::1]:8080", "::1", 8080, "http://[::1]:8080"),
        (":80", "0.0.0.0", 80, "http://0.0.0.0:80"),
        ("localhost:0", "localhost", 0, "http://localhost:0"),
    ])
    func parses(_ text: String, host: String, port: Int, url: String) throws {
        let address = try BindAddress(parsing: text)
        #expect(address.host == host)
        #expect(address.port == port)
        #expect(address.url == url)
    }

    @Test(arguments: ["5000", "localhost", "host:", "host:65536", "host:-1", "::1:80", "[::1]", "[]:80", "a b:80"])
    func rejects(_ text: String) {
        #expect(throws: BindAddressError.self) { try BindAddress(parsing: text) }
    }
}
