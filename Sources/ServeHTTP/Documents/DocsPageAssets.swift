internal import Serve

/// The docs page's style sheet and script, served at `/docs/docs.css` and `/docs/docs.js`.
enum DocsPageAssets {
    static let css = """
        :root { --bg:#f6f7f9; --card:#fff; --text:#1c2430; --muted:#5b6778; --line:#dfe3ea; --accent:#3b5bdb;
          --get:#2f9e44; --post:#1971c2; --bad:#c92a2a; --code:#f1f3f5; }
        @media (prefers-color-scheme: dark) { :root { --bg:#14171c; --card:#1c2027; --text:#e6e9ee; --muted:#9aa5b4;
          --line:#2c323c; --accent:#748ffc; --code:#242a33; } }
        * { box-sizing: border-box; }
        body { margin:0; background:var(--bg); color:var(--text); font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif; }
        .wrap { max-width:1100px; margin:0 auto; padding:0 20px; }
        .top { background:var(--card); border-bottom:1px solid var(--line); }
        .top .wrap { display:flex; align-items:baseline; gap:12px; padding-top:14px; padding-bottom:14px; }
        .top h1 { font-size:20px; margin:0; }
        .version { color:var(--muted); font-size:13px; }
        .token { font-size:13px; color:var(--muted); } .token input { width:180px; margin-left:6px; }
        .top nav { margin-left:auto; display:flex; gap:16px; }
        a { color:var(--accent); text-decoration:none; } a:hover { text-decoration:underline; }
        .layout { display:grid; grid-template-columns:200px 1fr; gap:24px; padding-top:24px; padding-bottom:48px; }
        @media (max-width:760px) { .layout { grid-template-columns:1fr; } aside { display:none; } }
        aside { position:sticky; top:16px; align-self:start; font-size:14px; }
        aside a { display:block; padding:4px 8px; border-radius:6px; color:var(--text); font-family:ui-monospace,monospace; }
        aside a:hover { background:var(--card); text-decoration:none; }
        .fn { background:var(--card); border:1px solid var(--line); border-radius:10px; margin-bottom:24px; overflow:hidden; }
        .fn > header { padding:16px 20px; border-bottom:1px solid var(--line); }
        .fn h2 { margin:0; font:600 17px ui-monospace,monospace; display:flex; align-items:center; gap:8px; flex-wrap:wrap; }
        .badge { font:600 11px system-ui,sans-serif; color:#fff; padding:2px 7px; border-radius:4px; }
        .badge.GET { background:var(--get); } .badge.POST { background:var(--post); }
        .path { color:var(--muted); font-weight:400; }
        .summary { margin:6px 0 0; } .discussion { color:var(--muted); margin:6px 0 0; white-space:pre-wrap; }
        .fn section { padding:14px 20px; border-bottom:1px solid var(--line); }
        .fn section:last-child { border-bottom:0; }
        h3 { font-size:12px; text-transform:uppercase; letter-spacing:.06em; color:var(--muted); margin:0 0 8px; }
        table { border-collapse:collapse; width:100%; font-size:14px; }
        th { text-align:left; color:var(--muted); font-weight:500; padding:4px 8px 4px 0; }
        td { padding:6px 8px 6px 0; border-top:1px solid var(--line); vertical-align:top; }
        code, .mono { font-family:ui-monospace,SFMono-Regular,Menlo,monospace; font-size:13px; }
        .type { color:var(--accent); } .req { color:var(--bad); font-size:12px; } .opt { color:var(--muted); font-size:12px; }
        form.try { display:grid; grid-template-columns:max-content 1fr; gap:8px 12px; align-items:center; }
        form.try label { font-family:ui-monospace,monospace; font-size:14px; }
        input, select, textarea { font:14px ui-monospace,monospace; padding:6px 8px; border:1px solid var(--line);
          border-radius:6px; background:var(--bg); color:var(--text); width:100%; }
        textarea { min-height:60px; }
        .actions { grid-column:1/-1; display:flex; gap:8px; }
        button { font:600 14px system-ui,sans-serif; border:0; border-radius:6px; padding:8px 14px; cursor:pointer;
          background:var(--accent); color:#fff; }
        button.secondary { background:transparent; color:var(--accent); border:1px solid var(--accent); }
        .result { margin-top:12px; display:none; }
        .status { font:600 13px ui-monospace,monospace; margin-bottom:6px; }
        .status .ok { color:var(--get); } .status .err { color:var(--bad); } .status .time { color:var(--muted); font-weight:400; }
        pre { background:var(--code); padding:10px 12px; border-radius:6px; margin:0; overflow:auto; white-space:pre-wrap;
          word-break:break-all; font:13px ui-monospace,monospace; }
        .curl { display:flex; gap:8px; align-items:flex-start; margin-bottom:6px; }
        .curl pre { flex:1; } .curl button { padding:6px 10px; font-size:12px; }
        .file img.preview { display:block; max-width:140px; max-height:140px; margin-top:6px; border:1px solid var(--line); border-radius:6px; }
        .file img.preview:not([src]) { display:none; }
        """

    static let script = """
        "use strict";
        const manifest = JSON.parse(document.getElementById("manifest").textContent);
        const origin = window.location.origin;
        const tokenField = document.getElementById("token");
        const authorization = () => tokenField && tokenField.value ? { Authorization: "Bearer " + tokenField.value } : {};
        const el = (tag, attrs = {}, ...children) => {
          const node = document.createElement(tag);
          for (const [key, value] of Object.entries(attrs)) {
            if (key === "class") node.className = value; else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
            else node.setAttribute(key, value);
          }
          for (const child of children.flat(Infinity)) if (child != null) node.append(child);
          return node;
        };
        const idOf = name => name.replace(/[^A-Za-z0-9_]/g, "-");
        const shellQuote = text => "'" + text.replace(/'/g, "'\\\\''") + "'";
        const baseSchema = schema => (schema && schema.anyOf) ? schema.anyOf[0] : schema;
        const isFile = schema => schema && schema.contentEncoding === "base64";
        const fileParameters = info => info.parameters.filter(p => isFile(baseSchema(p.schema)));
        const chosenFile = (fn, p) => { const field = document.getElementById(idOf(fn) + "-" + p.name); return field && field.files ? field.files[0] : undefined; };
        const readAsDataURL = file => new Promise((resolve, reject) => {
          const reader = new FileReader(); reader.onload = () => resolve(reader.result); reader.onerror = () => reject(reader.error);
          reader.readAsDataURL(file);
        });

        function filePicker(id, p, schema) {
          const picker = el("input", { id, name: p.name, type: "file", accept: schema.contentMediaType || "" });
          const preview = el("img", { id: id + "-preview", class: "preview", alt: "" });
          picker.addEventListener("change", async () => {
            const file = picker.files[0];
            if (file && file.type.startsWith("image/")) preview.src = await readAsDataURL(file); else preview.removeAttribute("src");
          });
          return el("div", { class: "file" }, picker, preview);
        }

        function input(fn, p) {
          const id = idOf(fn) + "-" + p.name, schema = baseSchema(p.schema);
          const initial = p.default !== null && p.default !== undefined ? p.default : p.example;
          if (isFile(schema)) return filePicker(id, p, schema);
          if (schema.enum) {
            const select = el("select", { id, name: p.name });
            if (!p.required) select.append(el("option", { value: "" }, "(none)"));
            for (const value of schema.enum) select.append(el("option", { value: JSON.stringify(value) }, String(value)));
            select.value = initial === undefined ? "" : JSON.stringify(initial);
            return select;
          }
          if (schema.type === "boolean") {
            const select = el("select", { id, name: p.name }, el("option", { value: "true" }, "true"), el("option", { value: "false" }, "false"));
            if (!p.required) select.prepend(el("option", { value: "" }, "(none)"));
            select.value = initial === undefined ? "" : String(initial);
            return select;
          }
          if (schema.type === "integer" || schema.type === "number") {
            return el("input", { id, name: p.name, type: "number", step: schema.type === "integer" ? "1" : "any",
              placeholder: p.required ? "required" : "optional", value: initial === undefined ? "" : String(initial) });
          }
          if (schema.type === "string") {
            return el("input", { id, name: p.name, type: "text", placeholder: p.required ? "required" : "optional",
              value: p.default === null || p.default === undefined ? "" : p.default });
          }
          return el("textarea", { id, name: p.name, placeholder: "JSON" }, JSON.stringify(initial));
        }

        function readArguments(fn, info) {
          const args = {};
          for (const p of info.parameters) {
            const field = document.getElementById(idOf(fn) + "-" + p.name), schema = baseSchema(p.schema), raw = field.value;
            if (raw === "" || isFile(schema)) continue;  // left out: the server names what is missing; files are sent apart
            if (schema.enum || schema.type === "boolean") args[p.name] = JSON.parse(raw);
            else if (schema.type === "integer" || schema.type === "number") args[p.name] = Number(raw);
            else if (schema.type === "string") args[p.name] = raw;
            else { try { args[p.name] = JSON.parse(raw); } catch { throw new Error(p.name + " is not valid JSON"); } }
          }
          return args;
        }

        function curlLines(fn, info) {
          let args;
          try { args = readArguments(fn, info); } catch { args = {}; }
          const url = origin + info.path, lines = [];
          const auth = tokenField ? '-H "Authorization: Bearer $SERVE_TOKEN" ' : "";
          const files = fileParameters(info);
          if (files.length) {
            // Files go as multipart parts, or as the whole body when there is one file parameter.
            const name = (p, fallback) => (chosenFile(fn, p) || { name: fallback }).name;
            const fields = Object.entries(args).map(([k, v]) => "-F " + shellQuote(k + "=" + (typeof v === "string" ? v : JSON.stringify(v))) + " ");
            lines.push("curl " + auth + files.map(p => "-F " + shellQuote(p.name + "=@" + name(p, "photo.jpg")) + " ").join("") + fields.join("") + url);
            if (files.length === 1) {
              const file = name(files[0], "photo.png");
              const type = /\\.png$/i.test(file) ? "image/png" : /\\.jpe?g$/i.test(file) ? "image/jpeg" : "application/octet-stream";
              lines.push("curl " + auth + "--data-binary " + shellQuote("@" + file) + " -H 'Content-Type: " + type + "' " + url);
            }
            return lines;
          }
          if (info.methods.includes("GET")) {
            const query = new URLSearchParams(Object.entries(args).map(([k, v]) => [k, String(v)])).toString();
            lines.push("curl " + auth + shellQuote(url + (query ? "?" + query : "")));
          }
          lines.push("curl " + auth + "-H 'Content-Type: application/json' -d " + shellQuote(JSON.stringify(args)) + " " + url);
          if (info.batch) {
            const batch = JSON.stringify({ instances: [args, args] });
            lines.push("curl " + auth + "-H 'Content-Type: application/json' -d " + shellQuote(batch) + " " + origin + info.batch.path);
          }
          return lines;
        }

        async function send(fn, info, method) {
          const id = idOf(fn), result = document.getElementById(id + "-result");
          const status = document.getElementById(id + "-status"), body = document.getElementById(id + "-body");
          result.style.display = "block";
          let args;
          try { args = readArguments(fn, info); } catch (error) { status.textContent = error.message; body.textContent = ""; return; }
          const started = performance.now();
          try {
            const post = (path, body) => fetch(path, { method: "POST", headers: { "Content-Type": "application/json", ...authorization() }, body: JSON.stringify(body) });
            const files = fileParameters(info);
            let response;
            if (method === "GET") {
              response = await fetch(info.path + "?" + new URLSearchParams(Object.entries(args).map(([k, v]) => [k, String(v)])), { headers: authorization() });
            } else if (method === "BATCH") {
              // A batch is JSON: its files travel as data: URLs.
              for (const p of files) { const file = chosenFile(fn, p); if (file) args[p.name] = await readAsDataURL(file); }
              response = await post(info.batch.path, { instances: [args, args] });
            } else if (files.length) {
              // Try it out uploads the chosen files as a multipart form, as curl -F does.
              const form = new FormData();
              for (const [k, v] of Object.entries(args)) form.append(k, typeof v === "string" ? v : JSON.stringify(v));
              for (const p of files) { const file = chosenFile(fn, p); if (file) form.append(p.name, file, file.name); }
              response = await fetch(info.path, { method: "POST", headers: authorization(), body: form });
            } else {
              response = await post(info.path, args);
            }
            const text = await response.text(), elapsed = (performance.now() - started).toFixed(1);
            status.replaceChildren(el("span", { class: response.ok ? "ok" : "err" }, response.status + " " + response.statusText),
              el("span", { class: "time" }, "  " + elapsed + " ms"));
            try { body.textContent = JSON.stringify(JSON.parse(text), null, 2); } catch { body.textContent = text; }
          } catch (error) {
            status.replaceChildren(el("span", { class: "err" }, "Network error: " + error.message));
            body.textContent = "";
          }
        }

        function copy(text, button) {
          const done = () => { button.textContent = "Copied"; setTimeout(() => button.textContent = "Copy", 1200); };
          if (navigator.clipboard && window.isSecureContext) { navigator.clipboard.writeText(text).then(done); return; }
          const area = el("textarea", {}, text); document.body.append(area); area.select();
          document.execCommand("copy"); area.remove(); done();
        }

        function card(fn, info) {
          const id = idOf(fn);
          const rows = info.parameters.map(p => el("tr", {},
            el("td", {}, el("code", {}, p.name)), el("td", { class: "type mono" }, p.type),
            el("td", {}, p.required ? el("span", { class: "req" }, "required") : el("span", { class: "opt" }, "optional")),
            el("td", { class: "mono" }, p.default === null ? "" : JSON.stringify(p.default)),
            el("td", {}, p.description || "")));
          const curls = el("div", { id: id + "-curl" });
          const refreshCurl = () => curls.replaceChildren(...curlLines(fn, info).map(line => {
            const button = el("button", { class: "secondary", type: "button" }, "Copy");
            button.addEventListener("click", () => copy(line, button));
            return el("div", { class: "curl" }, el("pre", {}, line), button);
          }));
          const form = el("form", { class: "try", id: id + "-form", oninput: refreshCurl, onchange: refreshCurl,
              onsubmit: event => { event.preventDefault(); send(fn, info, "POST"); } },
            info.parameters.map(p => [el("label", { for: id + "-" + p.name }, p.name), input(fn, p)]),
            el("div", { class: "actions" },
              el("button", { type: "submit", id: id + "-try" }, "Try it out"),
              info.methods.includes("GET") ? el("button", { type: "button", class: "secondary", id: id + "-try-get",
                onclick: () => send(fn, info, "GET") }, "Send as GET") : null,
              info.batch ? el("button", { type: "button", class: "secondary", id: id + "-try-batch",
                onclick: () => send(fn, info, "BATCH") }, "Send as batch of 2") : null));
          const node = el("article", { class: "fn", id },
            el("header", {},
              el("h2", {}, info.methods.map(m => el("span", { class: "badge " + m }, m)), fn, el("span", { class: "path" }, info.path)),
              info.doc ? el("p", { class: "summary" }, info.doc.split("\\n\\n")[0]) : null,
              info.doc && info.doc.includes("\\n\\n") ? el("p", { class: "discussion" }, info.doc.split("\\n\\n").slice(1).join("\\n\\n")) : null),
            el("section", {}, el("h3", {}, "Parameters"),
              rows.length ? el("table", {}, el("tr", {}, ["Name", "Type", "", "Default", "Description"].map(h => el("th", {}, h))), rows)
                : el("p", { class: "opt" }, "No parameters.")),
            el("section", {}, el("h3", {}, "Returns"),
              el("p", {}, el("span", { class: "type mono" }, info.returns.type), info.returns.description ? " — " + info.returns.description : "")),
            info.batch ? el("section", {}, el("h3", {}, "Batch"),
              el("p", {}, "POST ", el("code", {}, info.batch.path), " with ", el("code", {}, '{"instances": [...]}'),
                " (up to " + info.batch.maxInstances + " calls) answers ", el("code", {}, '{"predictions": [...], "errors": [...]}'),
                ": results in order, null where a call failed, and why in errors.")) : null,
            el("section", {}, el("h3", {}, "Try it out"), form,
              el("div", { class: "result", id: id + "-result" },
                el("div", { class: "status", id: id + "-status" }), el("pre", { id: id + "-body" }))),
            el("section", {}, el("h3", {}, "curl"), curls));
          setTimeout(refreshCurl);
          return node;
        }

        const names = Object.keys(manifest.functions);
        document.getElementById("toc").append(...names.map(fn => el("a", { href: "#" + idOf(fn) }, fn)));
        const main = document.getElementById("functions");
        if (names.length === 0) main.append(el("p", {}, "No functions are served."));
        for (const fn of names) main.append(card(fn, manifest.functions[fn]));
        """
}
