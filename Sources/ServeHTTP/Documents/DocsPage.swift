internal import Serve

/// `GET /docs`: a page that documents every function and lets a person try it. It needs nothing from the
/// network beyond this service: the manifest is embedded in it, and its script and style sheet
/// (`DocsPageAssets`) are served beside it, so a strict Content-Security-Policy allows only this origin.
enum DocsPage {
    static let scriptPath = "/docs/docs.js"
    static let styleSheetPath = "/docs/docs.css"

    /// Scripts, styles and requests from this origin only; no inline script, no framing, no forms elsewhere.
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    /// The page; with `requiresToken`, it has a field for the token that Try it out sends.
    static func html(manifest: JSONValue, info: ServiceInfo, requiresToken: Bool) -> String {
        // `</` cannot appear inside a script element; `<\/` is the same JSON string.
        let data = manifest.text.replacing("</", with: "<\\/")
        let tokenField =
            requiresToken
            ? #"<label class="token">Token <input id="token" type="password" autocomplete="off"></label>"# : ""
        return """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escapeHTML(info.title)) — API docs</title>
            <link rel="stylesheet" href="\(styleSheetPath)">
            </head>
            <body>
            <header class="top"><div class="wrap"><h1>\(escapeHTML(info.title))</h1>
            <span class="version">v\(escapeHTML(info.version))</span>\(tokenField)
            <nav><a href="/openapi.json">openapi.json</a><a href="/">manifest</a></nav></div></header>
            <div class="wrap layout"><aside id="toc"></aside><main id="functions"></main></div>
            <script type="application/json" id="manifest">\(data)</script>
            <script src="\(scriptPath)"></script>
            </body>
            </html>
            """
    }

    static func escapeHTML(_ text: String) -> String {
        text.replacing("&", with: "&amp;").replacing("<", with: "&lt;").replacing(">", with: "&gt;")
            .replacing("\"", with: "&quot;")
    }
}
