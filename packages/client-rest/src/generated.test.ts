import { readFileSync } from "node:fs"
import { openApiText } from "@oxd/rest-server"
import { describe, expect, it } from "vitest"
import { openApiFile, schemaFile, schemaTypes } from "../scripts/schemaTypes.js"

const STALE =
  "stale generated file: run pnpm --filter @oxd/client-rest generate (and commit apps/rest-server/openapi.json and src/schema.d.ts)"

describe("the generated files", () => {
  it("apps/rest-server/openapi.json is the document core's commands give now", () => {
    expect(readFileSync(openApiFile, "utf8"), STALE).toBe(openApiText())
  })

  it("src/schema.d.ts is what openapi-typescript makes of it", async () => {
    expect(readFileSync(schemaFile, "utf8"), STALE).toBe(await schemaTypes(readFileSync(openApiFile, "utf8")))
  })

  it("src imports nothing from Node (the client runs in browsers)", () => {
    const src = readFileSync(new URL("./index.ts", import.meta.url), "utf8")
    expect(src).not.toMatch(/from "node:|require\(/)
  })
})
