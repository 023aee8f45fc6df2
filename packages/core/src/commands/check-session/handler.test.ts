import type { TestOp } from "@oxd/test-op"
import { describe, expect, it } from "vitest"
import type { Oxd } from "../../makeOxd.js"
import { call, failure, ok, registerSite, signIn, startOpAndOxd } from "../../../test/support.js"

let op: TestOp
let oxd: Oxd
startOpAndOxd((o, x) => ([op, oxd] = [o, x]))

describe("check_session", () => {
  it("a session signed in through get_tokens_by_code is active, by sid, sub or both; another's is unknown", async () => {
    // the OP puts sid in ID tokens of clients that require it at logout
    const oxdId = await registerSite(oxd, op, {
      backchannel_logout_uri: "https://rp.example.org/bc",
      backchannel_logout_session_required: true,
    })
    const { id_token_claims } = await signIn(oxd, op, oxdId)
    const sid = id_token_claims["sid"]![0]!
    const sub = id_token_claims["sub"]![0]!
    const active = { status: "active", logged_out_at: null, channel: null }
    expect(await ok(call(oxd, "check_session", { oxd_id: oxdId, sid }))).toEqual(active)
    expect(await ok(call(oxd, "check_session", { oxd_id: oxdId, sub }))).toEqual(active)
    expect(await ok(call(oxd, "check_session", { oxd_id: oxdId, sid, sub }))).toEqual(active)
    const unknown = { status: "unknown", logged_out_at: null, channel: null }
    expect(await ok(call(oxd, "check_session", { oxd_id: oxdId, sid: "not-a-session" }))).toEqual(unknown)
    expect(await ok(call(oxd, "check_session", { oxd_id: oxdId, sid, sub: "someone-else" }))).toEqual(unknown)
    // another site of the same server knows nothing of it
    expect(await ok(call(oxd, "check_session", { oxd_id: await registerSite(oxd, op), sid }))).toEqual(unknown)
  })

  it("a site that registered no logout URI records no session: no logout could reach it here", async () => {
    const oxdId = await registerSite(oxd, op)
    const { id_token_claims } = await signIn(oxd, op, oxdId)
    expect(await ok(call(oxd, "check_session", { oxd_id: oxdId, sub: id_token_claims["sub"]![0]! }))).toEqual({
      status: "unknown",
      logged_out_at: null,
      channel: null,
    })
  })

  it("refuses a call without sid or sub, and an unknown oxd_id", async () => {
    const oxdId = await registerSite(oxd, op)
    const e = await failure(call(oxd, "check_session", { oxd_id: oxdId }))
    expect([e.error, e.error_description]).toEqual(["bad_request", expect.stringContaining("sid")])
    expect((await failure(call(oxd, "check_session", { oxd_id: "nope", sid: "x" }))).error).toBe("invalid_oxd_id")
  })
})
