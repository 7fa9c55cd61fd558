/// `GET /docs`: a self-contained page (no external asset, works offline) that documents every function
/// and lets a person try it. The page renders the manifest, embedded in it, with the script in
/// `DocsPageAssets`.
enum DocsPage {
    static func html(manifest: JSONValue, info: ServiceInfo) -> String {
        // `</` cannot appear inside a script element; `<\/` is the same JSON string.
        let data = manifest.text.replacing("</", with: "<\\/")
        return """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escapeHTML(info.title)) — API docs</title>
            <style>\(DocsPageAssets.css)</style>
            </head>
            <body>
            <header class="top"><div class="wrap"><h1>\(escapeHTML(info.title))</h1>
            <span class="version">v\(escapeHTML(info.version))</span>
            <nav><a href="/openapi.json">openapi.json</a><a href="/">manifest</a></nav></div></header>
            <div class="wrap layout"><aside id="toc"></aside><main id="functions"></main></div>
            <script type="application/json" id="manifest">\(data)</script>
            <script>\(DocsPageAssets.script)</script>
            </body>
            </html>
            """
    }

    static func escapeHTML(_ text: String) -> String {
        text.replacing("&", with: "&amp;").replacing("<", with: "&lt;").replacing(">", with: "&gt;")
            .replacing("\"", with: "&quot;")
    }
}
