import type { OpenApiDocument } from "./openapi.js"

/* The human-readable API reference at GET /docs: one self-contained HTML page (no script, no CDN) generated
   from the OpenAPI document, so it can never disagree with it. */

type Schema = { readonly [k: string]: unknown }

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!)

/** `code` spans for backticked words, the rest escaped. */
const prose = (s: unknown) => (typeof s === "string" ? escape(s).replace(/`([^`]+)`/g, "<code>$1</code>") : "")

const refName = (ref: string) => ref.slice(ref.lastIndexOf("/") + 1)

const resolver =
  (doc: OpenApiDocument) =>
  (schema: Schema | undefined): Schema | undefined => {
    let s = schema
    for (let i = 0; s && typeof s["$ref"] === "string" && i < 10; i++) s = doc.components.schemas[refName(s["$ref"])]
    return s
  }

/** A short type expression: string, integer | null, string[], Record<string, string[]>, GetUserInfoResult… */
const typeOf = (s: Schema | undefined, depth = 0): string => {
  if (!s || depth > 6) return "any"
  if (typeof s["$ref"] === "string") return refName(s["$ref"])
  const union = (s["anyOf"] ?? s["oneOf"]) as ReadonlyArray<Schema> | undefined
  if (union) return union.map((b) => typeOf(b, depth + 1)).join(" | ")
  if (Array.isArray(s["enum"])) return (s["enum"] as ReadonlyArray<unknown>).map((v) => JSON.stringify(v)).join(" | ")
  if ("const" in s) return JSON.stringify(s["const"])
  switch (s["type"]) {
    case "array":
      return `${wrap(typeOf(s["items"] as Schema | undefined, depth + 1))}[]`
    case "object": {
      if (s["properties"]) return "object"
      const values = s["additionalProperties"]
      return typeof values === "object" && values !== null
        ? `Record<string, ${typeOf(values as Schema, depth + 1)}>`
        : "object"
    }
    case undefined:
      return "any"
    default:
      return String(s["type"])
  }
}
const wrap = (t: string) => (t.includes(" | ") ? `(${t})` : t)

const fieldsTable = (doc: OpenApiDocument, schema: Schema | undefined, what: string) => {
  const s = resolver(doc)(schema)
  const props = (s?.["properties"] ?? {}) as Record<string, Schema>
  const required = new Set((s?.["required"] ?? []) as ReadonlyArray<string>)
  const names = Object.keys(props)
  if (names.length === 0) return `<p class="none">No ${what}.</p>`
  const rows = names
    .map((n) => {
      const p = props[n]!
      const nested = resolver(doc)(p)
      const description = p["description"] ?? nested?.["description"]
      return `<tr><td><code>${escape(n)}</code>${required.has(n) ? ' <span class="req">required</span>' : ""}</td><td><code>${escape(typeOf(p))}</code></td><td>${prose(description)}</td></tr>`
    })
    .join("\n")
  return `<table><thead><tr><th>${escape(what)}</th><th>type</th><th>meaning</th></tr></thead><tbody>\n${rows}\n</tbody></table>`
}

const anchor = (path: string) => `op-${path.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "")}`

const operationSection = (doc: OpenApiDocument, path: string, method: string, op: Record<string, unknown>) => {
  const secured = Array.isArray(op["security"]) && (op["security"] as ReadonlyArray<unknown>).length > 0
  const body = op["requestBody"] as { content?: Record<string, { schema?: Schema }> } | undefined
  const responses = (op["responses"] ?? {}) as Record<string, Schema>
  const ok = responses["200"] as { content?: Record<string, { schema?: Schema }> } | undefined
  // the 200 schema is the ok reply or the error envelope (rest_error_status: reference): the ok reply is the first
  const okUnion = ok?.content?.["application/json"]?.schema
  const okSchema = resolver(doc)(
    Array.isArray(okUnion?.["oneOf"]) ? (okUnion["oneOf"] as ReadonlyArray<Schema>)[0] : okUnion,
  )
  const result = (okSchema?.["properties"] as Record<string, Schema> | undefined)?.["data"] ?? okSchema
  const errors = Object.entries(responses)
    .filter(([status]) => status !== "200")
    .map(([status, r]) => {
      const resolved = typeof r["$ref"] === "string" ? doc.components.responses[refName(r["$ref"])] : r
      return `<li><b>${escape(status)}</b> ${prose(resolved?.["description"])}</li>`
    })
    .join("")
  return `<section id="${anchor(path)}">
<h2><span class="method">${escape(method.toUpperCase())}</span> <code>${escape(path)}</code>${op["deprecated"] ? ' <span class="dep">deprecated</span>' : ""} <span class="${secured ? "lock" : "open"}">${secured ? "Bearer token" : "no token"}</span></h2>
<p class="summary">${prose(op["summary"])}</p>
<p>${prose(op["description"])}</p>
${body ? `<h3>Params (JSON body)</h3>\n${fieldsTable(doc, body.content?.["application/json"]?.schema, "param")}` : ""}
<h3>Result (<code>data</code> of a 200 reply)</h3>
${fieldsTable(doc, result, "field")}
<h3>Errors</h3>
<ul>${errors}</ul>
</section>`
}

export const renderDocsPage = (doc: OpenApiDocument): string => {
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  )
  const toc = ops
    .map(
      ({ path, method, op }) =>
        `<li><a href="#${anchor(path)}"><code>${escape(method.toUpperCase())} ${escape(path)}</code></a> ${prose(op["summary"])}</li>`,
    )
    .join("\n")
  const errorData = doc.components.schemas["ErrorData"]
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(String(doc.info["title"]))}</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f}
code{font:13px ui-monospace,monospace;background:#f3f3f5;padding:0 .25em;border-radius:3px}
section{border-top:1px solid #ddd;margin-top:2rem}
h2{font-size:1.15rem}.method{color:#0a5}.lock,.open,.dep,.req{font-size:.75rem;padding:.1em .5em;border-radius:1em;vertical-align:middle}
.lock{background:#fde8c8}.open{background:#d8f0dc}.dep{background:#eee}.req{background:#e4e8fb}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#fafafa}.summary{font-weight:600}.none{color:#777}
</style></head><body>
<h1>${escape(String(doc.info["title"]))} <small>${escape(String(doc.info["version"]))}</small></h1>
<p>${prose(doc.info["description"])}</p>
<p>Errors: ${prose(doc.components.schemas["ErrorEnvelope"]?.["description"])} <code>error</code> is one of: ${prose((errorData?.["properties"] as Record<string, Schema> | undefined)?.["error"]?.["description"])}</p>
<p>The machine-readable document: <a href="openapi.json"><code>/openapi.json</code></a> (OpenAPI ${escape(doc.openapi)}).</p>
<h2>Endpoints</h2>
<ul>
${toc}
</ul>
${ops.map(({ path, method, op }) => operationSection(doc, path, method, op)).join("\n")}
</body></html>
`
}
