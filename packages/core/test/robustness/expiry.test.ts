/**
 * Clock skew and expiry: expired states, protection tokens and permission tickets are refused with clear errors, and
 * an ID token from an OP whose clock runs ahead is accepted within clock_skew_in_seconds and refused past it.
 */
import type { TestOp } from "@oxd/test-op"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Oxd } from "../../src/makeOxd.js"
import { authorize, call, failure, ok, oxdFor, protectionToken, registerSite, startOp } from "../support.js"
import { protect, registerUmaSite, sleep, ticketFor } from "../uma.js"

let op: TestOp
const opened: Oxd[] = []
const open = async (over: Parameters<typeof oxdFor>[1] = {}) => {
  const oxd = oxdFor(op, over)
  opened.push(oxd)
  await oxd.ready()
  return oxd
}

beforeAll(async () => {
  // short-lived client-credentials tokens and permission tickets, for the expiry cases
  op = await startOp({ ttl: { ClientCredentials: 2, PermissionTicket: 1 } })
})
afterAll(async () => {
  await Promise.all(opened.map((o) => o.dispose()))
  await op?.close()
})

describe("expiry", () => {
  // TC5 · reference: bad_request "'state' is not registered." (ErrorResponseCode.java:25; cache expiry, StateService.java:33-35)
  it("TC5: an expired state is refused with bad_request (expired), and stays refused", async () => {
    const oxd = await open({ state_expiration_in_minutes: 0.01 }) // 0.6 s
    const site = await registerSite(oxd, op)
    const { code, state } = await authorize(oxd, op, site)
    await sleep(800)
    const e = await failure(call(oxd, "get_tokens_by_code", { oxd_id: site, code, state }))
    expect(e).toMatchObject({ error: "bad_request", http: 400 })
    expect(e.error_description).toMatch(/^'state' is not registered\. .*expired/)
    expect((await failure(call(oxd, "get_tokens_by_code", { oxd_id: site, code, state }))).error).toBe("bad_request")
  })

  it("an expired protection token is refused with inactive_protection_access_token, cached or not", async () => {
    const oxd = await open({ protect_commands_with_access_token: true })
    const { token } = await protectionToken(oxd, op)
    const site = await registerSite(oxd, op, {}, { protectionToken: token })
    await ok(call(oxd, "get_authorization_url", { oxd_id: site }, { protectionToken: token })) // vouched for, and cached
    await sleep(2600)
    expect(
      await failure(call(oxd, "get_authorization_url", { oxd_id: site }, { protectionToken: token })),
    ).toMatchObject({ error: "inactive_protection_access_token", http: 403 })
  })

  // GR3 · reference: the AS's refusal as http_status_<status> (RpGetRptOperation.java:41-44)
  it("GR3: an expired permission ticket is refused with http_status_400 (the AS's invalid_grant)", async () => {
    const oxd = await open()
    const site = await registerUmaSite(oxd, op)
    await protect(oxd, site)
    const ticket = await ticketFor(oxd, site, "/photo", "GET")
    await sleep(1600)
    const e = await failure(call(oxd, "uma_rp_get_rpt", { oxd_id: site, ticket }))
    expect(e).toMatchObject({ error: "http_status_400", http: 400 })
    expect(JSON.parse(e.error_description)).toMatchObject({ error: "invalid_grant" })
  })
})

describe("the OP's clock, within and outside clock_skew_in_seconds", () => {
  const signInWithClock = async (oxd: Oxd, aheadSeconds: number) => {
    const site = await registerSite(oxd, op)
    const { code, state } = await authorize(oxd, op, site)
    op.misbehave({ kind: "clock_ahead", seconds: aheadSeconds })
    return call(oxd, "get_tokens_by_code", { oxd_id: site, code, state })
  }

  it("accepts an ID token issued slightly in the future (OP clock 20 s ahead, leeway 60 s)", async () => {
    const oxd = await open({ clock_skew_in_seconds: 60 })
    const r = await ok<{ id_token_claims: Record<string, string[]> }>(signInWithClock(oxd, 20))
    expect(Number(r.id_token_claims["iat"]?.[0])).toBeGreaterThan(Date.now() / 1000 + 10)
  })

  it("refuses an ID token issued too far in the future (OP clock 120 s ahead, leeway 60 s)", async () => {
    const oxd = await open({ clock_skew_in_seconds: 60 })
    const e = await failure(signInWithClock(oxd, 120))
    expect(e).toMatchObject({ error: "invalid_id_token_unknown" })
    expect(e.error_description).toMatch(/iat is missing or in the future/)
  })

  // TC15 · reference: an expired ID token is invalid_id_token_unknown (Validator.java:128-131 → :157-160)
  it("with no leeway, refuses even 20 s ahead; an OP clock behind past exp is invalid_id_token_unknown (expired)", async () => {
    const strict = await open({ clock_skew_in_seconds: 0 })
    expect((await failure(signInWithClock(strict, 20))).error).toBe("invalid_id_token_unknown")
    const lenient = await open({ clock_skew_in_seconds: 60 })
    const expired = await failure(signInWithClock(lenient, -7200))
    expect(expired.error).toBe("invalid_id_token_unknown")
    expect(expired.error_description).toMatch(/exp is in the past/)
  })
})
