import HTTPTypes
import ServeTesting
import Testing

@testable import Serve
@testable import ServeHTTP

/// Files sent every way a client can: a whole body, a multipart part, base64 in JSON; and the limits.
@Suite struct UploadTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0xFF, 0x00, 0x7F]

    static func multipart(_ file: [UInt8], fileName: String, note: String) -> [UInt8] {
        Array("--B\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n\(note)\r\n--B\r\n".utf8)
            + Array("Content-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\n".utf8)
            + Array("Content-Type: image/png\r\n\r\n".utf8) + file + Array("\r\n--B--\r\n".utf8)
    }

    @Test(arguments: TestService.Transport.allCases)
    func aFileArrivesEveryWay(_ transport: TestService.Transport) async throws {
        try await withFixtures(transport) { server in
            let client = server.client
            let raw = try await client.execute(
                .post, "/inspect", headers: [.contentType: "image/png"], body: Self.png)
            #expect(raw.text == #""|image/png|11|-""#)
            // `curl --data-binary @file` labels it a form; its first bytes say otherwise.
            let curl = try await client.execute(
                .post, "/inspect", headers: [.contentType: "application/x-www-form-urlencoded"], body: Self.png)
            #expect(curl.text == #""|image/png|11|-""#)
            let octets = try await client.execute(
                .post, "/inspect", headers: [.contentType: "application/octet-stream"], body: [1, 2, 3])
            #expect(octets.text == #""|application/octet-stream|3|-""#)
            let form = try await client.execute(
                .post, "/inspect", headers: [.contentType: "multipart/form-data; boundary=B"],
                body: Self.multipart(Self.png, fileName: "a.png", note: "hi"))
            #expect(form.text == #""hi|image/png|11|a.png""#)
            let json = try await client.post("/inspect", json: #"{"file": "\#(Base64.encode(Self.png))", "note": "j"}"#)
            #expect(json.text == #""j|image/png|11|-""#)
            let batch = try await client.post(
                "/inspect/batch", json: #"{"instances": [{"file": "data:text/plain;base64,aGk="}]}"#)
            #expect(batch.text == #"{"predictions":["|text/plain|2|-"],"errors":[]}"#)
        }
    }

    @Test func badBase64IsA422NamingTheField() async throws {
        try await withFixtures(.inProcess) { server in
            let reply = try await server.client.post("/inspect", json: #"{"file": "***"}"#)
            #expect(reply.status == 422)
            #expect(reply.text.contains(#""field":"file""#))
        }
    }

    @Test func aFunctionWithoutFilesRefusesAWholeBodyWith415() async throws {
        try await withFixtures(.inProcess) { server in
            let reply = try await server.client.execute(
                .post, "/add", headers: [.contentType: "image/png"], body: Self.png)
            #expect(reply.status == 415)
            #expect(reply.text.contains("application/json"))
        }
    }

    @Test func functionsTakingFilesHaveTheLargerBodyLimit() async throws {
        let limits = HTTPServer.Limits(maximumBodySize: 1_000, maximumUploadSize: 5_000)
        try await withFixtures(.inProcess, limits: limits) { server in
            let body = [UInt8](repeating: 7, count: 3_000)
            let upload = try await server.client.execute(
                .post, "/inspect", headers: [.contentType: "application/octet-stream"], body: body)
            #expect(upload.text == #""|application/octet-stream|3000|-""#)
            let json = try await server.client.execute(
                .post, "/echo", headers: [.contentType: "application/json"], body: body)
            #expect(json.status == 413)
            let tooLarge = try await server.client.execute(
                .post, "/inspect", headers: [.contentType: "application/octet-stream"],
                body: [UInt8](repeating: 7, count: 6_000))
            #expect(tooLarge.status == 413)
            #expect(tooLarge.text.contains("5000 bytes"))
        }
    }

    @Test func theOpenAPIDocumentDescribesUploads() async throws {
        try await withFixtures(.inProcess) { server in
            let document = try await server.client.get("/openapi.json").text
            #expect(document.contains(#""contentEncoding":"base64""#))
            #expect(
                document.contains(
                    #""multipart/form-data":{"schema":{"type":"object","properties":{"file":{"type":"string","format":"binary""#
                ))
            #expect(document.contains(#""application/octet-stream":{"schema":{"type":"string","format":"binary"}}"#))
        }
    }
}
