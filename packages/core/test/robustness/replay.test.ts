/**
 * State and nonce: fresh and unguessable per request, single-use; an authorization response replayed, or presented
 * to another site, is refused, and a cross-site attempt does not burn the state for its own site. oxd_ids are random
 * UUID v4. (The conformance suite checks the same over every transport; these are the core-level cases it lacks.)
 */
import type { TestOp } from "@oxd/test-op"
import { describe, expect, it } from "vitest"
import type { Oxd } from "../../src/makeOxd.js"
import { authorize, call, failure, ok, registerSite, startOpAndOxd, UUID_V4 } from "../support.js"

let op: TestOp
let oxd: Oxd
startOpAndOxd((o, x) => ([op, oxd] = [o, x]))

describe("state, nonce and oxd_id", () => {
  it("are fresh for every request: 300 authorization URLs, no repeated state, nonce or PKCE challenge; sealed states", async () => {
    const site = await registerSite(oxd, op)
    const seen = { state: new Set<string>(), nonce: new Set<string>(), code_challenge: new Set<string>() }
    for (let i = 0; i < 300; i++) {
      const { authorization_url } = await ok<{ authorization_url: string }>(
        call(oxd, "get_authorization_url", { oxd_id: site }),
      )
      const q = new URL(authorization_url).searchParams
      for (const k of ["state", "nonce", "code_challenge"] as const) {
        const v = q.get(k) ?? ""
        // a sealed state: 16 random bytes, expiry, flags, version and a 126-bit MAC; the nonce 132 bits; the challenge 32 bytes; base64url
        expect(v).toMatch(
          { state: /^[A-Za-z0-9_-]{53}$/, nonce: /^[A-Za-z0-9_-]{22}$/, code_challenge: /^[A-Za-z0-9_-]{43}$/ }[k],
        )
        seen[k].add(v)
      }
    }
    expect([seen.state.size, seen.nonce.size, seen.code_challenge.size]).toEqual([300, 300, 300])
  })

  it("oxd_ids are distinct random UUID v4", async () => {
    const ids = await Promise.all(Array.from({ length: 20 }, () => registerSite(oxd, op)))
    for (const id of ids) expect(id).toMatch(UUID_V4)
    expect(new Set(ids).size).toBe(20)
  })

  it("a response presented to another site is refused and leaves the state usable by its own site; a replay is refused", async () => {
    const a = await registerSite(oxd, op)
    const b = await registerSite(oxd, op)
    const { code, state } = await authorize(oxd, op, a)
    // TC6/TC4: the reference's bad_request "'state' is not registered." (ErrorResponseCode.java:25), the reason after it
    expect(await failure(call(oxd, "get_tokens_by_code", { oxd_id: b, code, state }))).toMatchObject({
      error: "bad_request",
    })
    await ok(call(oxd, "get_tokens_by_code", { oxd_id: a, code, state }))
    const replay = await failure(call(oxd, "get_tokens_by_code", { oxd_id: a, code, state }))
    expect(replay).toMatchObject({ error: "bad_request" })
    expect(replay.error_description).toMatch(/already used/)
  })

  it("two concurrent redemptions of one state: exactly one wins", async () => {
    const a = await registerSite(oxd, op)
    const { code, state } = await authorize(oxd, op, a)
    const replies = await Promise.all(
      Array.from({ length: 8 }, () => call(oxd, "get_tokens_by_code", { oxd_id: a, code, state })),
    )
    expect(replies.filter((r) => r.envelope.status === "ok")).toHaveLength(1)
    expect(
      replies.filter((r) => r.envelope.status === "error" && /already used/.test(r.envelope.data.error_description)),
    ).toHaveLength(7)
  })
})
