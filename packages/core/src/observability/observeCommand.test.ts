import { describe, expect, it } from "vitest"
import { callContext } from "../CallContext.js"
import { commandLogFields, commandLogJson } from "./observeCommand.js"

describe("the command's log fields", () => {
  it("as text (answers on the synchronous road) are exactly the fields the runtime's logger writes, escaped", () => {
    const contexts = [
      callContext({ transport: "tcp", remoteAddress: "127.0.0.1" }, "0123456789abcdef"),
      callContext({ transport: "https" }, 'an "id" with \\ quotes,\nlines and \u0000 a NUL'),
      callContext({ transport: "ws", remoteAddress: "::ffff:127.0.0.1" }, "r"),
    ]
    for (const ctx of contexts) {
      for (const [outcome, ms] of [
        ["ok", 0.0123456],
        ["invalid_state", 12],
        ['"odd"', 1e-7],
      ] as const) {
        const fromText = JSON.parse(`{${commandLogJson("uma_rs_check_access", ctx, outcome, ms)}}`) as unknown
        expect(fromText).toEqual(commandLogFields("uma_rs_check_access", ctx, outcome, ms))
      }
    }
  })
})
