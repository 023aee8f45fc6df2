import { gatherClaims, type TestOp } from "@oxd/test-op"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import type { Oxd } from "../../makeOxd.js"
import { call, failure, ok, oxdFor, signIn, startOp } from "../../../test/support.js"
import { CLAIMS_REDIRECT_URI, check, delta, ID_TOKEN_FORMAT, protect, registerUmaSite, rptFor, ticketFor, type RptResult } from "../../../test/uma.js"

const UMA_GRANT = "token.urn:ietf:params:oauth:grant-type:uma-ticket"

let op: TestOp
let oxd: Oxd
let oxdId: string
beforeAll(async () => {
  op = await startOp()
  oxd = oxdFor(op)
  oxdId = await registerUmaSite(oxd, op)
  await protect(oxd, oxdId)
})
afterEach(() => op.uma.reset())
afterAll(async () => {
  await oxd?.dispose()
  await op?.close()
})

const getRpt = (params: Record<string, unknown>, site = oxdId) => call(oxd, "uma_rp_get_rpt", { oxd_id: site, ...params })

interface NeedInfoDetails { error: string; ticket: string; required_claims: Array<Record<string, unknown>>; redirect_user: string }

/** uma_rp_get_rpt answered need_info: the AS's answer from data.details. */
const needInfo = async (params: Record<string, unknown>, site = oxdId): Promise<NeedInfoDetails> => {
  const r = await getRpt(params, site)
  expect(r.http).toBe(403)
  if (r.envelope.status !== "error") throw new Error(`expected need_info, got ${JSON.stringify(r.envelope)}`)
  expect(r.envelope.data.error).toBe("need_info")
  expect(r.envelope.data.error_description).toContain("needs additional information")
  return r.envelope.data.details as NeedInfoDetails
}

/** need_info → uma_rp_get_claims_gathering_url → the requesting party gives the claims at the AS. */
const gather = async (site: string, claims: Record<string, string>) => {
  const details = await needInfo({ ticket: await ticketFor(oxd, site, "/photo", "GET") }, site)
  const { url, state } = await ok<{ url: string; state: string }>(call(oxd, "uma_rp_get_claims_gathering_url", { oxd_id: site, ticket: details.ticket, claims_redirect_uri: CLAIMS_REDIRECT_URI }))
  const back = await gatherClaims(url, claims, { ca: op.caPem })
  expect(back.state).toBe(state)
  return { ticket: back.ticket, state }
}

describe("uma_rp_get_rpt", () => {
  it("gets an RPT for a ticket: access_token, token_type Bearer, a pct, upgraded false", async () => {
    const ticket = await ticketFor(oxd, oxdId, "/photo", "GET")
    const rpt = await ok<RptResult>(getRpt({ ticket }))
    expect(rpt).toEqual({ access_token: expect.any(String), token_type: "Bearer", pct: expect.any(String), upgraded: false })
    expect((await check(oxd, oxdId, "/photo", "GET", rpt.access_token)).access).toBe("granted")
  })

  it("upgrades an RPT passed as rpt: upgraded true, and the new RPT carries the old permissions", async () => {
    const first = await rptFor(oxd, oxdId, "/photo", "GET")
    const second = await rptFor(oxd, oxdId, "/document", "GET", { rpt: first.access_token })
    expect(second.upgraded).toBe(true)
    expect(second.access_token).not.toBe(first.access_token)
    expect((await check(oxd, oxdId, "/photo", "GET", second.access_token)).access).toBe("granted")
    expect((await check(oxd, oxdId, "/document", "GET", second.access_token)).access).toBe("granted")
  })

  it("reports a deny policy as request_denied (403)", async () => {
    op.uma.setPolicy("view", { kind: "deny" })
    const e = await failure(getRpt({ ticket: await ticketFor(oxd, oxdId, "/photo", "GET") }))
    expect(e).toMatchObject({ error: "request_denied", http: 403 })
    expect(e.error_description).toContain("denied")
  })

  it("reports need_info (403) with the AS's ticket, required_claims and redirect_user in details", async () => {
    op.uma.setPolicy("view", { kind: "require_claim", name: "country", value: "US" })
    const ticket = await ticketFor(oxd, oxdId, "/photo", "GET")
    const details = await needInfo({ ticket })
    expect(details.error).toBe("need_info")
    expect(details.ticket).toEqual(expect.any(String))
    expect(details.ticket).not.toBe(ticket)
    expect(details.required_claims).toEqual([expect.objectContaining({ name: "country", friendly_name: "country", claim_token_format: expect.arrayContaining([ID_TOKEN_FORMAT]) })])
    expect(new URL(details.redirect_user).searchParams.get("ticket")).toBe(details.ticket)
  })

  it("gets an RPT for pushed claims: alice's ID token as claim_token, and her pct opens the next ticket", async () => {
    const alice = op.users.find((u) => u.username === "alice")!
    op.uma.setPolicy("view", { kind: "require_claim", name: "email", value: String(alice.claims["email"]) })
    const { id_token } = await signIn(oxd, op, oxdId)
    const rpt = await ok<RptResult>(getRpt({ ticket: await ticketFor(oxd, oxdId, "/photo", "GET"), claim_token: id_token, claim_token_format: ID_TOKEN_FORMAT }))
    expect((await check(oxd, oxdId, "/photo", "GET", rpt.access_token)).access).toBe("granted")
    expect(rpt.pct).toEqual(expect.any(String))
    // without the claims the policy wants more; with the pct the AS knows them
    await needInfo({ ticket: await ticketFor(oxd, oxdId, "/document", "GET") })
    const again = await ok<RptResult>(getRpt({ ticket: await ticketFor(oxd, oxdId, "/document", "GET"), pct: rpt.pct }))
    expect((await check(oxd, oxdId, "/document", "GET", again.access_token)).access).toBe("granted")
  })

  it("refuses a claim_token without claim_token_format with bad_request, without asking the AS", async () => {
    const ticket = await ticketFor(oxd, oxdId, "/photo", "GET")
    const before = op.counters()
    for (const format of [undefined, null, ""]) {
      const e = await failure(getRpt({ ticket, claim_token: "eyJ.x.y", ...(format === undefined ? {} : { claim_token_format: format }) }))
      expect(e).toMatchObject({ error: "bad_request", http: 400 })
      expect(e.error_description).toContain("claim_token_format")
    }
    expect(delta(op, before, UMA_GRANT)).toBe(0)
    // the ticket was not spent
    await ok(getRpt({ ticket }))
  })

  // X9: an AS refusal is internal_error unless the call passes the AS's status through (http_status_<status>)
  it("reports a claim_token_format the AS does not support as internal_error with the AS's error", async () => {
    const e = await failure(getRpt({ ticket: await ticketFor(oxd, oxdId, "/photo", "GET"), claim_token: "eyJ.x.y", claim_token_format: "urn:example:unknown" }))
    expect(e).toMatchObject({ error: "internal_error", http: 400 })
    expect(e.error_description).toContain("invalid_request")
  })

  it("refuses a ticket the AS never issued with invalid_ticket", async () => {
    const e = await failure(getRpt({ ticket: "016f84e8-f9b9-11e0-bd6f-0021cc6004de" }))
    expect(e).toMatchObject({ error: "invalid_ticket", http: 400 })
    expect(e.error_description).toBe("Ticket is not valid (outdated or not present on Authorization Server).")
  })

  it("refuses a ticket already redeemed with invalid_ticket", async () => {
    const ticket = await ticketFor(oxd, oxdId, "/photo", "GET")
    await ok(getRpt({ ticket }))
    expect(await failure(getRpt({ ticket }))).toMatchObject({ error: "invalid_ticket", http: 400 })
  })

  it("refuses a missing or empty ticket with invalid_ticket_parameter", async () => {
    expect(await failure(getRpt({}))).toMatchObject({ error: "invalid_ticket_parameter", http: 400 })
    expect(await failure(getRpt({ ticket: "" }))).toMatchObject({ error: "invalid_ticket_parameter", http: 400 })
  })

  it("refuses an unknown oxd_id with invalid_oxd_id", async () => {
    expect(await failure(getRpt({ ticket: "t" }, "no-such-site"))).toMatchObject({ error: "invalid_oxd_id", http: 400 })
  })

  describe("after claims gathering", () => {
    it("gets an RPT with the gathered ticket and the state; the state is accepted once", async () => {
      op.uma.setPolicy("view", { kind: "require_claim", name: "country", value: "US" })
      const { ticket, state } = await gather(oxdId, { country: "US" })
      const rpt = await ok<RptResult>(getRpt({ ticket, state }))
      expect((await check(oxd, oxdId, "/photo", "GET", rpt.access_token)).access).toBe("granted")
      const replay = await failure(getRpt({ ticket: await ticketFor(oxd, oxdId, "/photo", "GET"), state }))
      expect(replay).toMatchObject({ error: "invalid_state", http: 400 })
      expect(replay.error_description).toContain("already used")
    })

    it("refuses a state issued for another site with invalid_state, and the state stays usable by its site", async () => {
      op.uma.setPolicy("view", { kind: "require_claim", name: "country", value: "US" })
      const other = await registerUmaSite(oxd, op)
      await protect(oxd, other)
      const { ticket, state } = await gather(oxdId, { country: "US" })
      const foreign = await failure(getRpt({ ticket: await ticketFor(oxd, other, "/photo", "GET"), state }, other))
      expect(foreign).toMatchObject({ error: "invalid_state", http: 400 })
      expect(foreign.error_description).toContain("not issued by this server")
      await ok(getRpt({ ticket, state }))
    })

    it("refuses a state never issued, or one from get_authorization_url, with invalid_state", async () => {
      const ticket = await ticketFor(oxd, oxdId, "/photo", "GET")
      expect(await failure(getRpt({ ticket, state: "forged" }))).toMatchObject({ error: "invalid_state", http: 400 })
      const { authorization_url } = await ok<{ authorization_url: string }>(call(oxd, "get_authorization_url", { oxd_id: oxdId }))
      const loginState = new URL(authorization_url).searchParams.get("state")!
      expect(await failure(getRpt({ ticket, state: loginState }))).toMatchObject({ error: "invalid_state" })
      // the ticket was not spent on a refused state
      await ok(getRpt({ ticket }))
    })
  })
})
