import { undescribedFields, type JsonSchemaNode } from "@oxd/testkit"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import type { AnyCommand } from "../Command.js"
import { commands } from "./index.js"

/** Undescribed fields of one Effect Schema, through its JSON Schema (the form OpenAPI, /docs and the clients read). */
const undescribed = (schema: Schema.Top): ReadonlyArray<string> => {
  const doc = Schema.toJsonSchemaDocument(schema)
  const defs = doc.definitions as Record<string, JsonSchemaNode>
  return undescribedFields(doc.schema as JsonSchemaNode, (ref) => defs[ref.slice(ref.lastIndexOf("/") + 1)])
}

const HOW =
  "needs a description: `.annotate({ description })` on the field in the command's schema.ts (it becomes the OpenAPI document, the /docs page, the clients' JSDoc and --help). This test covers every command of the registry: a new command (4.x, check_session, …) describes all its fields too."

// every command in the registry, whoever added it
describe.each(Object.values(commands) as ReadonlyArray<AnyCommand>)("$name", (c) => {
  it("describes every param", () => {
    const missing = undescribed(c.params)
    expect(missing, `${c.name}: param ${missing.join(", ")} ${HOW}`).toEqual([])
  })
  it("describes every result field", () => {
    const missing = undescribed(c.result)
    expect(missing, `${c.name}: result field ${missing.join(", ")} ${HOW}`).toEqual([])
  })
})

it("(the walk does find an undescribed field, also one nested in a list of optional structs)", () => {
  const nested = Schema.Struct({
    ok: Schema.String.annotate({ description: "described" }),
    items: Schema.optional(Schema.NullOr(Schema.Array(Schema.Struct({ bare: Schema.String })))).annotate({
      description: "described",
    }),
  })
  expect(undescribed(nested)).toEqual(["items[].bare"])
})
