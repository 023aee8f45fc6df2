import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { aliases, commands } from "@oxd/core"
import { restPath } from "@oxd/wire"
import { undescribedFields } from "@oxd/testkit"
import { Validator } from "@seriousme/openapi-schema-validator"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { DOCS_CSP, DOCS_INIT_SCRIPT } from "./docsPage.js"
import { buildOpenApiDocument, openApiText } from "./openapi.js"
import { startTestRest, type TestRest } from "./test-support/http.js"

let rest: TestRest
beforeAll(async () => {
  rest = await startTestRest()
})
afterAll(async () => {
  await rest?.close()
})

const doc = buildOpenApiDocument()
const committedFile = new URL("../openapi.json", import.meta.url)

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator()
    const result = await validator.validate(structuredClone(doc) as Record<string, unknown>)
    expect(result.errors).toBeUndefined()
    expect(result.valid).toBe(true)
    expect(validator.version).toBe("3.1")
  })

  it("(the validator does catch a broken document)", async () => {
    const broken = structuredClone(doc) as Record<string, any>
    broken["paths"]["/setup-client"]["post"]["responses"] = { "200": { content: {} } }
    const result = await new Validator().validate(broken)
    expect(result.valid).toBe(false)
  })

  it("has a POST path for every command and older name of core's registry, and the health check", () => {
    const expected = [
      ...Object.values(commands).map((c) => restPath(c.name)),
      ...Object.keys(aliases).map(restPath),
      "/health-check",
    ]
    expect(Object.keys(doc.paths).sort()).toEqual(expected.sort())
    for (const c of Object.values(commands)) {
      const op = doc.paths[restPath(c.name)]!["post"]!
      expect(op["operationId"]).toBe(c.name)
      expect(op["security"]).toEqual(c.protection === "none" ? [] : [{ bearer: [] }])
      expect(JSON.stringify(op["requestBody"])).toContain("Params")
      const responses = op["responses"] as Record<string, unknown>
      expect(Object.keys(responses)).toEqual(expect.arrayContaining(["200", "400", "500"]))
      expect(Object.keys(responses).includes("403")).toBe(c.protection !== "none")
    }
  })

  it("H9: describes both modes: a command's 200 is its ok reply or an error envelope (reference), its 4xx/5xx the error envelope (http)", () => {
    for (const c of Object.values(commands)) {
      const responses = doc.paths[restPath(c.name)]!["post"]!["responses"] as Record<string, any>
      const base = c.name
        .split("_")
        .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
        .join("")
      expect(responses["200"].content["application/json"].schema).toEqual({
        oneOf: [{ $ref: `#/components/schemas/${base}Reply` }, { $ref: "#/components/schemas/ErrorEnvelope" }],
      })
      expect(responses["200"].description).toContain("rest_error_status: reference")
      expect(Object.keys(responses)).toEqual(expect.arrayContaining(["400", "413", "415", "429", "500", "502"]))
    }
    expect(String(doc.info["description"])).toContain("rest_error_status: http")
    // H15: the health check is the reference's text
    const health = doc.paths["/health-check"]!["get"]!["responses"] as Record<string, any>
    expect(health["200"].content).toEqual({ "text/plain": { schema: { type: "string", enum: ["running"] } } })
  })

  it("describes params, results, the ok envelope and the error envelope as schemas", () => {
    const schemas = doc.components.schemas
    expect(schemas["GetTokensByCodeParams"]?.["required"]).toEqual(["oxd_id", "code", "state"])
    expect(Object.keys(schemas["GetTokensByCodeResult"]?.["properties"] as object)).toEqual(
      expect.arrayContaining(["access_token", "id_token", "id_token_claims"]),
    )
    expect(schemas["GetTokensByCodeReply"]?.["properties"]).toEqual({
      status: { type: "string", enum: ["ok"], description: "ok: the command succeeded." },
      data: { $ref: "#/components/schemas/GetTokensByCodeResult", description: "The result of get_tokens_by_code." },
    })
    expect(schemas["ErrorEnvelope"]?.["required"]).toEqual(["status", "data"])
    expect(schemas["ErrorData"]?.["required"]).toEqual(["error", "error_description"])
    expect(doc.components.securitySchemes["bearer"]).toMatchObject({ type: "http", scheme: "bearer" })
    // Schema.Int/Finite, never Schema.Number's "Infinity"/"NaN" strings
    expect(JSON.stringify(doc)).not.toContain("Infinity")
  })

  it("describes every field of every operation's body and replies, and of every schema (named in a failure)", () => {
    const resolve = (ref: string) => doc.components.schemas[ref.slice("#/components/schemas/".length)]
    const missing: string[] = []
    for (const [path, methods] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(methods)) {
        const bodies = [
          ["params", (op["requestBody"] as any)?.content?.["application/json"]?.schema],
          ...Object.entries((op["responses"] ?? {}) as Record<string, any>).map(([status, r]) => [
            `${status} reply`,
            (r.$ref ? doc.components.responses[r.$ref.split("/").pop()] : r)?.content?.["application/json"]?.schema,
          ]),
        ] as const
        for (const [what, schema] of bodies)
          if (schema)
            for (const f of undescribedFields(schema, resolve))
              missing.push(`${method.toUpperCase()} ${path} (${String(op["operationId"])}) ${what}: ${f}`)
      }
    for (const [name, schema] of Object.entries(doc.components.schemas))
      for (const f of undescribedFields(schema, resolve)) missing.push(`components.schemas.${name}: ${f}`)
    expect(
      missing,
      `fields without a description (describe them in the command's schema.ts in packages/core — every command of the registry, new ones too — then pnpm --filter @oxd/rest-server openapi):\n${missing.join("\n")}`,
    ).toEqual([])
  })

  it("is the committed apps/rest-server/openapi.json (regenerate: pnpm --filter @oxd/rest-server openapi)", () => {
    expect(
      readFileSync(committedFile, "utf8"),
      "apps/rest-server/openapi.json is stale: run pnpm --filter @oxd/client-rest generate",
    ).toBe(openApiText(doc))
  })
})

describe("served", () => {
  it("GET /openapi.json is the same document", async () => {
    const r = await rest.send("/openapi.json", { method: "GET" })
    expect(r.status).toBe(200)
    expect(r.headers["content-type"]).toBe("application/json; charset=utf-8")
    expect(r.body).toEqual(JSON.parse(openApiText(doc)))
  })

  it("every endpoint in it answers (an oxd envelope or the health check's text, never 404 or 405)", async () => {
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const method of Object.keys(methods)) {
        const r = await rest.send(path, method === "get" ? { method: "GET" } : { body: {} })
        expect(r.status, `${method.toUpperCase()} ${path}`).not.toBe(404)
        expect(r.status, `${method.toUpperCase()} ${path}`).not.toBe(405)
        expect(
          Object.keys(methods[method]!["responses"] as object),
          `${method.toUpperCase()} ${path} answered ${r.status}, not in its document`,
        ).toContain(String(r.status))
        // the health check answers the reference's text (H15); every command an oxd envelope
        if (path === "/health-check") expect(r.text).toBe("running")
        else
          expect(["ok", "error"], `${method.toUpperCase()} ${path}: ${r.text.slice(0, 200)}`).toContain(r.body?.status)
      }
    }
  })

  it("GET /docs is Swagger UI's page: its files from this server, no inline script, a CSP that allows nothing else", async () => {
    const r = await rest.send("/docs", { method: "GET" })
    expect(r.status).toBe(200)
    expect(r.headers["content-type"]).toBe("text/html; charset=utf-8")
    expect(r.headers["content-security-policy"]).toBe(DOCS_CSP)
    expect(DOCS_CSP).toContain("default-src 'none'")
    expect(DOCS_CSP).toContain("script-src 'self';")
    expect(DOCS_CSP).not.toMatch(/unsafe-(inline|eval)/)
    // every script is a file of this server (no inline script: the CSP would refuse it anyway), nothing from elsewhere
    const scripts = [...r.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)]
    expect(scripts.map((m) => [m[1]!.trim(), m[2]!.trim()])).toEqual([
      ['src="docs/swagger-ui-bundle.js"', ""],
      ['src="docs/init.js"', ""],
    ])
    expect(r.text).not.toMatch(/(src|href)="(https?:)?\/\//i)
    expect(r.text).toContain(`<title>${String(doc.info["title"])}</title>`)
  })

  it("serves Swagger UI's files from the swagger-ui-dist package, and init.js pointing at /openapi.json", async () => {
    const dist = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"))
    const files = {
      "/docs/swagger-ui-bundle.js": ["swagger-ui-bundle.js", "text/javascript; charset=utf-8"],
      "/docs/swagger-ui.css": ["swagger-ui.css", "text/css; charset=utf-8"],
      "/docs/favicon-32x32.png": ["favicon-32x32.png", "image/png"],
    } as const
    for (const [path, [file, type]] of Object.entries(files)) {
      const r = await rest.send(path, { method: "GET" })
      expect(r.status, path).toBe(200)
      expect(r.headers["content-type"], path).toBe(type)
      expect(r.headers["x-content-type-options"], path).toBe("nosniff")
      expect(Number(r.headers["content-length"]), path).toBe(readFileSync(join(dist, file)).length)
    }
    const init = await rest.send("/docs/init.js", { method: "GET" })
    expect(init.headers["content-type"]).toBe("text/javascript; charset=utf-8")
    expect(init.text).toBe(DOCS_INIT_SCRIPT)
    expect(init.text).toContain('new URL("openapi.json", document.baseURI)')
    expect(init.text).toContain("validatorUrl: null")
    // HEAD answers too; another path under /docs/ (a file of the package not served, a traversal) is 404
    expect((await rest.send("/docs/swagger-ui.css", { method: "HEAD" })).status).toBe(200)
    for (const path of ["/docs/index.html", "/docs/../package.json", "/docs/swagger-ui-bundle.js.map"])
      expect((await rest.send(path, { method: "GET" })).status, path).toBe(404)
  })
})
