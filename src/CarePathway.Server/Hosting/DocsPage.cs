namespace CarePathway.Server.Hosting;

/// <summary>The /docs page: renders /openapi/v1.json in the browser (plain HTML and script, no UI package).</summary>
internal static class DocsPage
{
    public const string Html = """
<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>CarePathway API</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <style>
    body { font-family: system-ui, sans-serif; margin: 0; color: #1d2433; background: #f6f7f9; }
    header { background: #0f4c81; color: #fff; padding: 1rem 2rem; }
    header a { color: #cfe3ff; }
    main { max-width: 70rem; margin: 0 auto; padding: 1rem 2rem 3rem; }
    h2 { border-bottom: 1px solid #cdd3dd; padding-bottom: .25rem; margin-top: 2rem; }
    details { background: #fff; border: 1px solid #dde2ea; border-radius: 6px; margin: .5rem 0; }
    summary { cursor: pointer; padding: .5rem .75rem; display: flex; gap: .75rem; align-items: baseline; }
    .method { font-weight: 700; text-transform: uppercase; min-width: 4.5rem; font-family: monospace; }
    .get { color: #1b7f3b; } .post { color: #0f4c81; } .put { color: #9a6700; } .patch { color: #7a4bb5; } .delete { color: #b42318; }
    .path { font-family: monospace; }
    .summary { color: #5b6577; }
    .body { padding: 0 1rem 1rem; }
    table { border-collapse: collapse; width: 100%; font-size: .9rem; }
    th, td { text-align: left; border-bottom: 1px solid #eef0f4; padding: .25rem .5rem; vertical-align: top; }
    pre { background: #f0f2f6; padding: .5rem; overflow: auto; font-size: .85rem; }
    .lock { font-size: .8rem; color: #9a6700; }
  </style>
</head>
<body>
<header>
  <h1 id="title">CarePathway API</h1>
  <div>Rendered from <a href="/openapi/v1.json">/openapi/v1.json</a>. Sign in with <code>POST /api/auth/login</code>; other routes need a cookie or a bearer token.</div>
</header>
<main id="content">Loading…</main>
<script>
  "use strict";
  const methods = ["get", "post", "put", "patch", "delete"];
  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
    for (const child of children) node.append(child);
    return node;
  };
  function resolve(doc, schema) {
    if (schema && schema.$ref) {
      const name = schema.$ref.split("/").pop();
      return { name, schema: (doc.components && doc.components.schemas && doc.components.schemas[name]) || {} };
    }
    return { name: null, schema: schema || {} };
  }
  function schemaText(doc, schema, depth = 0) {
    const { name, schema: s } = resolve(doc, schema);
    if (depth > 3) return name || "…";
    if (s.type === "array" || (Array.isArray(s.type) && s.type.includes("array"))) return "[" + schemaText(doc, s.items, depth + 1) + "]";
    if (s.properties) {
      const pad = "  ".repeat(depth + 1);
      const lines = Object.entries(s.properties).map(([key, value]) => pad + key + ": " + schemaText(doc, value, depth + 1));
      return (name ? name + " " : "") + "{\n" + lines.join(",\n") + "\n" + "  ".repeat(depth) + "}";
    }
    const type = Array.isArray(s.type) ? s.type.join("|") : (s.type || "");
    return name || (type + (s.format ? " (" + s.format + ")" : "")) || "any";
  }
  function contentBlock(doc, label, content) {
    if (!content) return null;
    const [mediaType, media] = Object.entries(content)[0] || [];
    if (!media) return null;
    return el("div", {}, el("strong", {}, label + " (" + mediaType + ")"), el("pre", {}, schemaText(doc, media.schema)));
  }
  function operationView(doc, path, method, op) {
    const body = el("div", { class: "body" });
    if (op.description) body.append(el("p", {}, op.description));
    const params = op.parameters || [];
    if (params.length) {
      const table = el("table", {}, el("tr", {}, el("th", {}, "Parameter"), el("th", {}, "In"), el("th", {}, "Type"), el("th", {}, "Required")));
      for (const p of params) table.append(el("tr", {}, el("td", {}, p.name), el("td", {}, p.in), el("td", {}, schemaText(doc, p.schema)), el("td", {}, p.required ? "yes" : "no")));
      body.append(table);
    }
    const request = op.requestBody && contentBlock(doc, "Request body", op.requestBody.content);
    if (request) body.append(request);
    for (const [status, response] of Object.entries(op.responses || {})) {
      body.append(el("div", {}, el("strong", {}, status + " "), response.description || ""));
      const block = contentBlock(doc, "Response " + status, response.content);
      if (block) body.append(block);
    }
    return el("details", {},
      el("summary", {}, el("span", { class: "method " + method }, method), el("span", { class: "path" }, path), el("span", { class: "summary" }, op.summary || "")),
      body);
  }
  async function render() {
    const content = document.getElementById("content");
    try {
      const response = await fetch("/openapi/v1.json");
      if (!response.ok) throw new Error("HTTP " + response.status);
      const doc = await response.json();
      document.getElementById("title").textContent = (doc.info && doc.info.title) || "CarePathway API";
      const groups = new Map();
      for (const [path, item] of Object.entries(doc.paths || {})) {
        for (const method of methods) {
          const op = item[method];
          if (!op) continue;
          const tag = (op.tags && op.tags[0]) || "Other";
          if (!groups.has(tag)) groups.set(tag, []);
          groups.get(tag).push(operationView(doc, path, method, op));
        }
      }
      content.textContent = "";
      if (groups.size === 0) content.append(el("p", {}, "The document has no operations yet."));
      for (const [tag, views] of [...groups.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
        content.append(el("h2", {}, tag), ...views);
      }
    } catch (error) {
      content.textContent = "Could not load the OpenAPI document: " + error.message;
    }
  }
  render();
</script>
</body>
</html>
""";
}
