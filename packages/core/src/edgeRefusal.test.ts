/** Edge refusals take their wire code from the error table: one condition, one code on every transport. */
import { describe, expect, it } from "vitest"
import { edgeRefusal, toWireError } from "./errorCodes.js"
import { RateLimited } from "./errors.js"

describe("edgeRefusal", () => {
  it("gives the reference's codes the compatibility document promises (T1, T9, H1)", () => {
    expect(edgeRefusal("unreadable_message", "d")).toEqual({ code: "internal_error", http: 500, description: "d" })
    expect(edgeRefusal("no_command", "d")).toMatchObject({ code: "unsupported_operation", http: 500 })
    expect(edgeRefusal("no_such_endpoint", "d")).toMatchObject({ code: "unsupported_operation", http: 404 })
    expect(edgeRefusal("forbidden_access", "d")).toMatchObject({ code: "403", http: 403 })
    expect(edgeRefusal("bad_request", "d")).toMatchObject({ code: "bad_request", http: 400 })
  })

  it("answers an edge's own limit with the code of too many commands (rate_limited, 429)", () => {
    const commands = toWireError(new RateLimited({ per_minute: 1, retry_after_seconds: 1 }))
    expect(edgeRefusal("over_limit", "d")).toMatchObject({ code: commands.code, http: commands.http })
  })

  it("keeps the edge's HTTP status where it has a more precise one, never its code", () => {
    expect(edgeRefusal("bad_request", "too large", 413)).toEqual({
      code: "bad_request",
      http: 413,
      description: "too large",
    })
  })
})
