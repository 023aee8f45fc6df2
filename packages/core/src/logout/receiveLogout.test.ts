import { randomUUID } from "node:crypto"
import type { TestOp } from "@oxd/test-op"
import { afterAll, beforeAll, expect, it } from "vitest"
import type { Oxd } from "../makeOxd.js"
import { describeEachStore, sharedUrl } from "../test-support/storeBackends.js"
import { call, ok, oxdFor, registerSite, signIn, startOp } from "../../test/support.js"
import { BACKCHANNEL_LOGOUT_EVENT } from "../id-token/validateLogoutToken.js"

let op: TestOp
beforeAll(async () => {
  op = await startOp()
})
afterAll(() => op?.close())

/** Two instances on one database, as behind a load balancer: the OP's logout token may reach either. */
describeEachStore("two instances receiving logout tokens", (backend) => {
  let a: Oxd
  let b: Oxd
  beforeAll(async () => {
    const url = await sharedUrl(backend)
    a = oxdFor(op, { database_url: url })
    await a.ready()
    b = oxdFor(op, { database_url: url })
    await b.ready()
  })
  afterAll(async () => {
    await a?.dispose()
    await b?.dispose()
  })

  it("a token accepted by one is refused as a replay by the other, which sees the session logged out", async () => {
    const oxdId = await registerSite(a, op, {
      backchannel_logout_uri: "https://rp.example.org/bc",
      backchannel_logout_session_required: true,
    })
    const { id_token_claims } = await signIn(a, op, oxdId)
    const sid = id_token_claims["sid"]![0]!
    const { authorization_url } = await ok(call(a, "get_authorization_url", { oxd_id: oxdId }))
    const token = await op.signJwt({
      iss: op.issuer,
      aud: new URL(authorization_url).searchParams.get("client_id"),
      iat: Math.floor(Date.now() / 1000),
      jti: randomUUID(),
      sid,
      events: { [BACKCHANNEL_LOGOUT_EVENT]: {} },
    })
    expect((await ok(call(b, "check_session", { oxd_id: oxdId, sid })))["status"]).toBe("active")
    expect(await a.logout.backchannel(token)).toEqual({ status: 200 })
    expect(await b.logout.backchannel(token)).toEqual({
      status: 400,
      error: "invalid_request",
      error_description: expect.stringContaining("received before"),
    })
    expect(await ok(call(b, "check_session", { oxd_id: oxdId, sid }))).toEqual({
      status: "logged_out",
      logged_out_at: expect.any(Number),
      channel: "backchannel",
    })
    // the same token sent to both at once, many times: accepted exactly once
    const again = await op.signJwt({
      iss: op.issuer,
      aud: new URL(authorization_url).searchParams.get("client_id"),
      iat: Math.floor(Date.now() / 1000),
      jti: randomUUID(),
      sub: id_token_claims["sub"]![0]!,
      events: { [BACKCHANNEL_LOGOUT_EVENT]: {} },
    })
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).logout.backchannel(again)))
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1)
    expect(answers.filter((r) => r.status === 400)).toHaveLength(9)
  })
})
