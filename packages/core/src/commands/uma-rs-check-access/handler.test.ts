import type { TestOp } from "@oxd/test-op"
import { afterEach, describe, expect, it } from "vitest"
import type { Oxd } from "../../makeOxd.js"
import { call, failure, ok, oxdFor, testClock } from "../../../test/support.js"
import {
  check,
  delta,
  protect,
  registerUmaSite,
  rptFor,
  sleep,
  startProtectedUmaSite,
  ticketFor,
} from "../../../test/uma.js"

const GRANTED = { access: "granted", "www-authenticate_header": null, ticket: null }

let op: TestOp
let oxd: Oxd
let oxdId: string
/** AS resource ids of oxdId's protection, by name ("/photo GET", "/photo PUT POST", "/document GET"). */
let ids: Record<string, string>
startProtectedUmaSite((o, x, id, resources) => ([op, oxd, oxdId, ids] = [o, x, id, resources]))
afterEach(() => op.uma.reset())

const introspect = (rpt: string) =>
  ok<{ active: boolean; permissions?: Array<{ resource_id: string; resource_scopes: string[] }> }>(
    call(oxd, "introspect_rpt", { oxd_id: oxdId, rpt }),
  )

describe("uma_rs_check_access", () => {
  it("denies a request without an RPT, with a fresh ticket and the exact WWW-Authenticate header", async () => {
    for (const rpt of ["", undefined, null]) {
      const r = await ok(
        call(oxd, "uma_rs_check_access", {
          oxd_id: oxdId,
          path: "/photo",
          http_method: "GET",
          ...(rpt === undefined ? {} : { rpt }),
        }),
      )
      expect(r["access"]).toBe("denied")
      expect(r["ticket"]).toEqual(expect.any(String))
      expect(r["www-authenticate_header"]).toBe(
        `UMA realm="rs",as_uri="${op.issuer}",error="insufficient_scope",ticket="${r["ticket"]}"`,
      )
    }
    const [a, b] = [await ticketFor(oxd, oxdId, "/photo", "GET"), await ticketFor(oxd, oxdId, "/photo", "GET")]
    expect(a).not.toBe(b)
  })

  it("asks the ticket for the condition's ticketScopes (or its scopes when it has none)", async () => {
    const write = await rptFor(oxd, oxdId, "/photo", "POST")
    expect((await introspect(write.access_token)).permissions).toEqual([
      expect.objectContaining({ resource_id: ids["/photo PUT POST"], resource_scopes: ["add"] }),
    ])
    const read = await rptFor(oxd, oxdId, "/photo", "GET")
    expect((await introspect(read.access_token)).permissions).toEqual([
      expect.objectContaining({ resource_id: ids["/photo GET"], resource_scopes: ["view"] }),
    ])
  })

  it('grants an RPT holding one of the condition\'s scopes ("or" rule), for every method of the condition', async () => {
    const { access_token } = await rptFor(oxd, oxdId, "/photo", "PUT") // the ticket asks for add only
    // reply · reference: the three fields always, null when granted (RsCheckAccessResponse.java:12-17)
    expect(await check(oxd, oxdId, "/photo", "PUT", access_token)).toEqual(GRANTED)
    expect(await check(oxd, oxdId, "/photo", "post", access_token)).toEqual(GRANTED)
    // CA7 · reference: the path matches in any letter case (Rp.java:570-584, equalsIgnoreCase)
    expect(await check(oxd, oxdId, "/PHOTO", "Put", access_token)).toEqual(GRANTED)
  })

  // oxd 4.x RsCheckAccessParams.java:24-25; RsCheckAccessOperation.java:79-109, :144-146 (master)
  it("with oxd 4.x's scopes, grants an RPT holding one of them and asks the ticket for them", async () => {
    const withScopes = (scopes: string[], rpt = "") =>
      ok(call(oxd, "uma_rs_check_access", { oxd_id: oxdId, path: "/photo", http_method: "PUT", rpt, scopes }))
    const { access_token } = await rptFor(oxd, oxdId, "/photo", "PUT") // add, on /photo PUT POST
    expect(await withScopes(["add"], access_token)).toEqual(GRANTED)
    // the resource's scopes (all, add) would grant it; the caller's say the request needs "all"
    const denied = await withScopes(["all"], access_token)
    expect(denied["access"]).toBe("denied")
    // the ticket asks for the caller's scopes, not the condition's ticketScopes (add)
    const rpt = await ok<{ access_token: string }>(
      call(oxd, "uma_rp_get_rpt", { oxd_id: oxdId, ticket: denied["ticket"] }),
    )
    expect((await introspect(rpt.access_token)).permissions).toEqual([
      expect.objectContaining({ resource_id: ids["/photo PUT POST"], resource_scopes: ["all"] }),
    ])
    expect(await withScopes(["all"], rpt.access_token)).toEqual(GRANTED)
    // empty: the resource's, as without them
    expect(await withScopes([], access_token)).toEqual(GRANTED)
  })

  it("denies, with a ticket, an RPT whose permissions are for another resource or other scopes", async () => {
    const { access_token } = await rptFor(oxd, oxdId, "/photo", "GET") // view on the /photo GET resource
    expect((await check(oxd, oxdId, "/photo", "GET", access_token)).access).toBe("granted")
    // same scope name, other resource
    const document = await check(oxd, oxdId, "/document", "GET", access_token)
    expect(document.access).toBe("denied")
    expect(document.ticket).toEqual(expect.any(String))
    // same path, other condition (all/add)
    const post = await check(oxd, oxdId, "/photo", "POST", access_token)
    expect(post.access).toBe("denied")
    expect(post["www-authenticate_header"]).toContain(`ticket="${post.ticket}"`)
  })

  it("denies an RPT of another site's resources", async () => {
    const other = await registerUmaSite(oxd, op)
    await protect(oxd, other)
    const { access_token } = await rptFor(oxd, other, "/photo", "GET")
    expect((await check(oxd, other, "/photo", "GET", access_token)).access).toBe("granted")
    expect((await check(oxd, oxdId, "/photo", "GET", access_token)).access).toBe("denied")
  })

  it("denies an RPT the AS never issued, with a ticket", async () => {
    const r = await check(oxd, oxdId, "/photo", "GET", "not-an-rpt")
    expect(r.access).toBe("denied")
    expect(r.ticket).toEqual(expect.any(String))
    expect(r["www-authenticate_header"]).toBe(
      `UMA realm="rs",as_uri="${op.issuer}",error="insufficient_scope",ticket="${r.ticket}"`,
    )
  })

  it("denies an expired RPT", async () => {
    op.uma.setRptTtl(1)
    const { access_token } = await rptFor(oxd, oxdId, "/document", "GET")
    await sleep(1_500)
    expect((await check(oxd, oxdId, "/document", "GET", access_token)).access).toBe("denied")
  })

  it("applies a scope_expression: granted only when the RPT's scopes satisfy the rule", async () => {
    const site = await registerUmaSite(oxd, op)
    const expression = {
      rule: { and: [{ or: [{ var: 0 }, { var: 1 }] }, { var: 2 }] },
      data: ["all", "add", "internal"],
    }
    await protect(oxd, site, [
      { path: "/photo", conditions: [{ httpMethods: ["GET"], scope_expression: expression, ticketScopes: ["add"] }] },
    ])
    const addOnly = await rptFor(oxd, site, "/photo", "GET")
    expect((await check(oxd, site, "/photo", "GET", addOnly.access_token)).access).toBe("denied")
    const addAndInternal = await rptFor(oxd, site, "/photo", "GET", { scope: ["internal"] })
    expect((await check(oxd, site, "/photo", "GET", addAndInternal.access_token)).access).toBe("granted")
  })

  // CA6 · reference: invalid_request with this description (RsCheckAccessOperation.java:50-57)
  it("CA6: refuses an unprotected path with invalid_request and the reference's description", async () => {
    const e = await failure(
      call(oxd, "uma_rs_check_access", { oxd_id: oxdId, path: "/unknown", http_method: "GET", rpt: "" }),
    )
    expect(e).toMatchObject({ error: "invalid_request", http: 400 })
    expect(e.error_description).toBe(
      "Resource is not protected with path: /unknown and httpMethod: GET. Please protect your resource first with uma_rs_protect command. Check details on https://gluu.org/docs/oxd",
    )
  })

  it("refuses a method the protected path does not guard with invalid_request", async () => {
    const e = await failure(
      call(oxd, "uma_rs_check_access", { oxd_id: oxdId, path: "/photo", http_method: "DELETE", rpt: "" }),
    )
    expect(e).toMatchObject({ error: "invalid_request", http: 400 })
    expect(e.error_description).toContain("Resource is not protected")
  })

  // CA2/CA3 · reference: invalid_http_method / invalid_path_parameter for a missing or empty one, the method first
  // (ErrorResponseCode.java:61-62, RsCheckAccessOperation.java:129-135); CA4/CA5 — any other method or path is looked up
  // and, guarded by nothing, is invalid_request (RsCheckAccessOperation.java:50-57)
  it("CA2-CA5: a missing or empty http_method is invalid_http_method, path invalid_path_parameter; an odd one is not protected", async () => {
    const missing = (params: Record<string, unknown>) =>
      failure(call(oxd, "uma_rs_check_access", { oxd_id: oxdId, rpt: "", ...params }))
    expect((await missing({ path: "/photo" })).error).toBe("invalid_http_method")
    expect((await missing({ path: "/photo", http_method: "" })).error).toBe("invalid_http_method")
    expect((await missing({ http_method: "GET" })).error).toBe("invalid_path_parameter")
    expect((await missing({ http_method: "GET", path: "" })).error).toBe("invalid_path_parameter")
    expect((await missing({})).error).toBe("invalid_http_method")
    expect(await missing({ path: "/photo", http_method: "FETCH" })).toMatchObject({
      error: "invalid_request",
      error_description: expect.stringContaining("httpMethod: FETCH"),
    })
    expect(await missing({ path: "photo", http_method: "GET" })).toMatchObject({
      error: "invalid_request",
      error_description: expect.stringContaining("path: photo"),
    })
  })

  it("refuses an unknown oxd_id with invalid_oxd_id", async () => {
    const e = await failure(
      call(oxd, "uma_rs_check_access", { oxd_id: "no-such-site", path: "/photo", http_method: "GET", rpt: "" }),
    )
    expect(e).toMatchObject({ error: "invalid_oxd_id", http: 400 })
  })
})

describe("uma_rs_check_access RPT cache", () => {
  it("introspects an RPT once for 20 checks", async () => {
    const { access_token } = await rptFor(oxd, oxdId, "/photo", "GET")
    const before = op.counters()
    for (let i = 0; i < 20; i++) expect((await check(oxd, oxdId, "/photo", "GET", access_token)).access).toBe("granted")
    expect(delta(op, before, "uma.introspection")).toBe(1)
  })

  it("never answers from the cache past the RPT's exp, however long rpt_cache_seconds is", async () => {
    const { clock, advance } = await testClock()
    const long = oxdFor(op, { rpt_cache_seconds: 3600 }, { clock })
    try {
      const site = await registerUmaSite(long, op)
      await protect(long, site)
      op.uma.setRptTtl(2)
      const { access_token } = await rptFor(long, site, "/photo", "GET")
      expect((await check(long, site, "/photo", "GET", access_token)).access).toBe("granted")
      await advance(3_000) // past the RPT's exp on core's clock (the AS, on its own, may still call it active)
      const before = op.counters()
      expect((await check(long, site, "/photo", "GET", access_token)).access).toBe("denied")
      expect(delta(op, before, "uma.introspection")).toBe(1)
    } finally {
      await long.dispose()
    }
  })

  it("with rpt_cache_seconds 0 introspects on every check", async () => {
    const uncached = oxdFor(op, { rpt_cache_seconds: 0 })
    try {
      const site = await registerUmaSite(uncached, op)
      await protect(uncached, site)
      const { access_token } = await rptFor(uncached, site, "/photo", "GET")
      const before = op.counters()
      for (let i = 0; i < 5; i++)
        expect((await check(uncached, site, "/photo", "GET", access_token)).access).toBe("granted")
      expect(delta(op, before, "uma.introspection")).toBe(5)
    } finally {
      await uncached.dispose()
    }
  })

  it("keeps each site's cached answers to itself", async () => {
    const other = await registerUmaSite(oxd, op)
    await protect(oxd, other)
    const { access_token } = await rptFor(oxd, oxdId, "/document", "GET")
    expect((await check(oxd, oxdId, "/document", "GET", access_token)).access).toBe("granted")
    const before = op.counters()
    expect((await check(oxd, other, "/document", "GET", access_token)).access).toBe("denied")
    expect(delta(op, before, "uma.introspection")).toBe(1)
  })
})
