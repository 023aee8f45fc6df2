import { readFileSync } from "node:fs"
import { Validator } from "@seriousme/openapi-schema-validator"
import { describe, expect, it } from "vitest"
import { buildOpenApi4Document, openApi4Text } from "./openapi.js"
import { servedV4Paths } from "./paths.js"

const doc = buildOpenApi4Document()

describe("the oxd 4.x API's OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator()
    const result = await validator.validate(structuredClone(doc) as Record<string, unknown>)
    expect(result.errors).toBeUndefined()
    expect(result.valid).toBe(true)
  })

  it("is committed as openapi-4.json as core's commands give it now", () => {
    expect(
      readFileSync(new URL("../../openapi-4.json", import.meta.url), "utf8"),
      "stale: run pnpm --filter @oxd/rest-server openapi (or @oxd/client-rest generate) and commit openapi-4.json",
    ).toBe(openApi4Text())
  })

  it("has every served row of the path table with its method, and the health check", () => {
    const expected = servedV4Paths().map(
      (p) => `${p.method.toLowerCase()} ${p.path}${p.pathParam ? `/{${p.pathParam}}` : ""}`,
    )
    const actual = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`))
    expect(actual.sort()).toEqual([...expected, "get /health-check"].sort())
  })

  it("answers bare results: a command's 200 is its Result schema, its errors 4.x's ErrorResponse", () => {
    const op = doc.paths["/get-authorization-url"]!["post"]! as Record<string, any>
    expect(op["responses"]["200"]["content"]["application/json"]["schema"]).toEqual({
      $ref: "#/components/schemas/GetAuthorizationUrlResult",
    })
    expect(op["responses"]["403"]["content"]["application/json"]["schema"]).toEqual({
      $ref: "#/components/schemas/ErrorResponse",
    })
    expect(op["security"]).toEqual([{ bearer: [] }])
    const register = doc.paths["/register-site"]!["post"]! as Record<string, any>
    expect(register["security"]).toEqual([])
    expect(Object.keys(register["responses"])).not.toContain("403")
  })
})
