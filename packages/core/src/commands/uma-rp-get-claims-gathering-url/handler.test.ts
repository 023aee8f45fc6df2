import { gatherClaims, type TestOp } from "@oxd/test-op"
import { describe, expect, it } from "vitest"
import type { Oxd } from "../../makeOxd.js"
import { call, failure, ok } from "../../../test/support.js"
import { CLAIMS_REDIRECT_URI, startProtectedUmaSite, ticketFor } from "../../../test/uma.js"

let op: TestOp
let oxd: Oxd
let oxdId: string
startProtectedUmaSite((o, x, id) => ([op, oxd, oxdId] = [o, x, id]))

const gatheringUrl = (params: Record<string, unknown>) =>
  call(oxd, "uma_rp_get_claims_gathering_url", { oxd_id: oxdId, ...params })

describe("uma_rp_get_claims_gathering_url", () => {
  it("builds the AS's claims-gathering URL with client_id, ticket, claims_redirect_uri and a state", async () => {
    const ticket = await ticketFor(oxd, oxdId, "/photo", "GET")
    const { url, state } = await ok<{ url: string; state: string }>(
      gatheringUrl({ ticket, claims_redirect_uri: CLAIMS_REDIRECT_URI }),
    )
    const u = new URL(url)
    expect(`${u.origin}${u.pathname}`).toBe(op.uma.endpoints.claimsInteraction)
    expect(u.searchParams.get("ticket")).toBe(ticket)
    expect(u.searchParams.get("claims_redirect_uri")).toBe(CLAIMS_REDIRECT_URI)
    expect(u.searchParams.get("state")).toBe(state)
    expect(state.length).toBeGreaterThanOrEqual(32)
    // client_id is the site's: the AS accepts the URL for this client's registered claims_redirect_uri
    expect(u.searchParams.get("client_id")).toEqual(expect.any(String))
    const back = await gatherClaims(url, {}, { ca: op.caPem })
    expect(back.state).toBe(state)
    expect(back.redirectUrl.startsWith(`${CLAIMS_REDIRECT_URI}?`)).toBe(true)
  })

  it("issues a new state each time, remembered for uma_rp_get_rpt of this site only", async () => {
    const ticket = await ticketFor(oxd, oxdId, "/photo", "GET")
    const a = await ok<{ state: string }>(gatheringUrl({ ticket, claims_redirect_uri: CLAIMS_REDIRECT_URI }))
    const b = await ok<{ state: string }>(gatheringUrl({ ticket, claims_redirect_uri: CLAIMS_REDIRECT_URI }))
    expect(a.state).not.toBe(b.state)
    // stored: accepted once by uma_rp_get_rpt (here with the ticket still unspent), then used
    await ok(call(oxd, "uma_rp_get_rpt", { oxd_id: oxdId, ticket, state: a.state }))
    const used = await failure(
      call(oxd, "uma_rp_get_rpt", {
        oxd_id: oxdId,
        ticket: await ticketFor(oxd, oxdId, "/photo", "GET"),
        state: a.state,
      }),
    )
    // GR8: refused with the reference's code for a state it does not know (ErrorResponseCode.java:25)
    expect(used).toMatchObject({ error: "bad_request", http: 400 })
    expect(used.error_description).toMatch(/^'state' is not registered\. /)
  })

  // CG3 · reference: invalid_claims_redirect_uri_parameter for a blank one (ErrorResponseCode.java:64, RpGetGetClaimsGatheringUrlOperation.java:51-53)
  it("CG3: refuses a missing, empty or blank claims_redirect_uri with invalid_claims_redirect_uri_parameter", async () => {
    const ticket = await ticketFor(oxd, oxdId, "/photo", "GET")
    for (const params of [
      { ticket },
      { ticket, claims_redirect_uri: "" },
      { ticket, claims_redirect_uri: null },
      { ticket, claims_redirect_uri: "  " },
    ]) {
      expect(await failure(gatheringUrl(params)), JSON.stringify(params)).toMatchObject({
        error: "invalid_claims_redirect_uri_parameter",
        http: 400,
      })
    }
  })

  // CG4 · reference: any claims_redirect_uri is put in the URL (RpGetGetClaimsGatheringUrlOperation.java:35-39); the AS
  // holds the registered ones and judges it. Encoded here, so it stays one parameter (docs/compatibility.md)
  it("CG4: puts a claims_redirect_uri that is no absolute URL in the URL as given, encoded", async () => {
    const ticket = await ticketFor(oxd, oxdId, "/photo", "GET")
    for (const uri of ["not a url", "/claims-cb", "client.example.org/claims-cb?a=1&b=2"]) {
      const { url } = await ok<{ url: string }>(gatheringUrl({ ticket, claims_redirect_uri: uri }))
      expect(new URL(url).searchParams.get("claims_redirect_uri"), uri).toBe(uri)
    }
  })

  // CG1/CG2 · reference: invalid_ticket_parameter for a blank ticket, whitespace included, before the oxd_id
  // (ErrorResponseCode.java:63, RpGetGetClaimsGatheringUrlOperation.java:31,48-50)
  it("CG1/CG2: refuses a missing or blank ticket with invalid_ticket_parameter, before the oxd_id; then invalid_oxd_id", async () => {
    for (const ticket of [undefined, "", "   "]) {
      expect(
        await failure(gatheringUrl({ ticket, claims_redirect_uri: CLAIMS_REDIRECT_URI })),
        String(ticket),
      ).toMatchObject({ error: "invalid_ticket_parameter", http: 400 })
      expect(
        await failure(
          call(oxd, "uma_rp_get_claims_gathering_url", {
            oxd_id: "no-such-site",
            ticket,
            claims_redirect_uri: CLAIMS_REDIRECT_URI,
          }),
        ),
      ).toMatchObject({ error: "invalid_ticket_parameter" })
    }
    expect(
      await failure(
        call(oxd, "uma_rp_get_claims_gathering_url", { oxd_id: "no-such-site", ticket: "t", claims_redirect_uri: " " }),
      ),
    ).toMatchObject({ error: "invalid_claims_redirect_uri_parameter" })
    const e = await failure(
      call(oxd, "uma_rp_get_claims_gathering_url", {
        oxd_id: "no-such-site",
        ticket: "t",
        claims_redirect_uri: CLAIMS_REDIRECT_URI,
      }),
    )
    expect(e).toMatchObject({ error: "invalid_oxd_id", http: 400 })
  })
})
