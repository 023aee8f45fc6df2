import type { TestOp } from "@oxd/test-op"
import { describe, expect, it } from "vitest"
import type { Oxd } from "../../makeOxd.js"
import { call, failure, ok } from "../../../test/support.js"
import { check, delta, rptFor, startProtectedUmaSite } from "../../../test/uma.js"

let op: TestOp
let oxd: Oxd
let oxdId: string
let ids: Record<string, string>
startProtectedUmaSite((o, x, id, resources) => ([op, oxd, oxdId, ids] = [o, x, id, resources]))

const introspect = (rpt: unknown, site = oxdId) => call(oxd, "introspect_rpt", { oxd_id: site, rpt })

describe("introspect_rpt", () => {
  // reply · reference: always CorrectRptIntrospectionResponse — active, exp, iat, nbf, permissions[{resource_id, resource_scopes, exp}],
  // client_id, sub, aud, iss, jti; null when the AS gave none; nothing else (CorrectRptIntrospectionResponse.java:16-30)
  it("answers the AS's introspection of a live RPT in the reference's fixed shape, permissions with the AS's resource ids", async () => {
    const { access_token } = await rptFor(oxd, oxdId, "/photo", "POST")
    const now = Math.floor(Date.now() / 1000)
    const r = await ok(introspect(access_token))
    expect(Object.keys(r)).toEqual([
      "active",
      "exp",
      "iat",
      "nbf",
      "permissions",
      "client_id",
      "sub",
      "aud",
      "iss",
      "jti",
    ])
    expect(r).toMatchObject({ nbf: null, sub: null, jti: null, client_id: expect.any(String), iss: op.issuer })
    expect(r["active"]).toBe(true)
    expect(r["exp"]).toBeGreaterThan(now)
    expect(r["iat"]).toBeLessThanOrEqual(now + 1)
    expect(r["permissions"]).toEqual([{ resource_id: ids["/photo PUT POST"], resource_scopes: ["add"], exp: r["exp"] }])
  })

  it("lists every permission of an upgraded RPT", async () => {
    const first = await rptFor(oxd, oxdId, "/photo", "GET")
    const second = await rptFor(oxd, oxdId, "/document", "GET", { rpt: first.access_token })
    const { permissions } = await ok<{ permissions: Array<{ resource_id: string; resource_scopes: string[] }> }>(
      introspect(second.access_token),
    )
    expect(permissions.map((p) => p.resource_id).sort()).toEqual([ids["/photo GET"], ids["/document GET"]].sort())
    for (const p of permissions) expect(p.resource_scopes).toEqual(["view"])
  })

  const INACTIVE = {
    active: false,
    exp: null,
    iat: null,
    nbf: null,
    permissions: null,
    client_id: null,
    sub: null,
    aud: null,
    iss: null,
    jti: null,
  }

  it("answers active false, every other field null, for an RPT the AS does not know", async () => {
    expect(await ok(introspect("not-an-rpt"))).toEqual(INACTIVE)
  })

  // IR2 · reference: rpt is not checked (NO_UMA_RPT_PARAMETER, ErrorResponseCode.java:65, is used nowhere): it goes to the AS,
  // whose answer is passed on — this AS refuses an empty token (an HTTP error of the AS: the cross-cutting rule X9 names its code)
  it("IR2: a missing or empty rpt goes to the AS as given, and the AS's refusal is passed on (never invalid_rpt_parameter)", async () => {
    const before = op.counters()
    for (const params of [{ oxd_id: oxdId }, { oxd_id: oxdId, rpt: "" }, { oxd_id: oxdId, rpt: null }]) {
      const e = await failure(call(oxd, "introspect_rpt", params))
      expect(e.error).not.toBe("invalid_rpt_parameter")
      expect(e.error_description).toContain("invalid_request")
    }
    expect(delta(op, before, "uma.introspection")).toBeGreaterThanOrEqual(3)
  })

  it("refuses an unknown oxd_id with invalid_oxd_id", async () => {
    expect(await failure(introspect("x", "no-such-site"))).toMatchObject({ error: "invalid_oxd_id", http: 400 })
  })

  it("always asks the AS: never answered from uma_rs_check_access's cache", async () => {
    const { access_token } = await rptFor(oxd, oxdId, "/document", "GET")
    expect((await check(oxd, oxdId, "/document", "GET", access_token)).access).toBe("granted") // cached now
    const before = op.counters()
    for (let i = 0; i < 3; i++) expect((await ok(introspect(access_token)))["active"]).toBe(true)
    expect(delta(op, before, "uma.introspection")).toBe(3)
  })
})
