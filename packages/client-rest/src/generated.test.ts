import { readFileSync } from "node:fs"
import { openApi4Text, openApiText } from "@oxd/rest-server"
import { describe, expect, it } from "vitest"
import { openApi4File, openApiFile, schema4File, schemaFile, schemaTypes } from "../scripts/schemaTypes.js"

const STALE =
  "stale generated file: run pnpm --filter @oxd/client-rest generate (and commit apps/rest-server/openapi.json and src/schema.d.ts)"

describe("the generated files", () => {
  it("apps/rest-server/openapi.json is the document core's commands give now", () => {
    expect(readFileSync(openApiFile, "utf8"), STALE).toBe(openApiText())
  })

  it("src/schema.d.ts is what openapi-typescript makes of it", async () => {
    expect(readFileSync(schemaFile, "utf8"), STALE).toBe(await schemaTypes(readFileSync(openApiFile, "utf8")))
  })

  it("apps/rest-server/openapi-4.json is the 4.x document core's commands give now", () => {
    expect(readFileSync(openApi4File, "utf8"), STALE).toBe(openApi4Text())
  })

  it("src/v4/schema.d.ts is what openapi-typescript makes of it", async () => {
    expect(readFileSync(schema4File, "utf8"), STALE).toBe(
      await schemaTypes(readFileSync(openApi4File, "utf8"), "openapi-4.json"),
    )
  })

  it("src imports nothing from Node (the client runs in browsers)", () => {
    for (const file of ["./index.ts", "./v4/index.ts"]) {
      const src = readFileSync(new URL(file, import.meta.url), "utf8")
      expect(src).not.toMatch(/from "node:|require\(/)
    }
  })
})
