import type { TestOp } from "@oxd/test-op"
import { describe, expect, it } from "vitest"
import type { Oxd } from "../../makeOxd.js"
import { call, failure, registerSite, startOpAndOxd } from "../../../test/support.js"
import {
  check,
  delta,
  newResources,
  photoAndDocument,
  protect,
  registerUmaSite,
  resourceIds,
} from "../../../test/uma.js"

let op: TestOp
let oxd: Oxd
startOpAndOxd((o, x) => ([op, oxd] = [o, x]))

const EXPRESSION = {
  rule: { and: [{ or: [{ var: 0 }, { var: 1 }] }, { var: 2 }] },
  data: [
    "http://photoz.example.com/dev/actions/all",
    "http://photoz.example.com/dev/actions/add",
    "http://photoz.example.com/dev/actions/internalClient",
  ],
}

/** Calls uma_rs_protect expecting an error; also checks that nothing was registered at the AS. */
const refused = async (oxdId: string, resources: unknown, extra: Record<string, unknown> = {}) => {
  const before = op.counters()
  const e = await failure(call(oxd, "uma_rs_protect", { oxd_id: oxdId, resources, ...extra }))
  expect(delta(op, before, "uma.resource_registration")).toBe(0)
  return e
}

describe("uma_rs_protect", () => {
  it("registers one AS resource per path and condition, with the condition's scopes, and answers the oxd_id", async () => {
    const oxdId = await registerUmaSite(oxd, op)
    const before = resourceIds(op)
    expect(await protect(oxd, oxdId)).toEqual({ oxd_id: oxdId })
    const created = newResources(op, before)
    expect(created).toHaveLength(3)
    expect(new Set(created.map((r) => r.owner)).size).toBe(1)
    expect(created.map((r) => r.resource_scopes).sort()).toEqual([["all", "add"], ["view"], ["view"]])
    expect(created.map((r) => r.name).sort()).toEqual(["/document GET", "/photo GET", "/photo PUT POST"])
    expect(created.every((r) => r.scope_expression === undefined)).toBe(true)
  })

  it("stores a scope_expression at the AS, with its data as the resource's scopes", async () => {
    const oxdId = await registerUmaSite(oxd, op)
    const before = resourceIds(op)
    await protect(oxd, oxdId, [
      { path: "/photo", conditions: [{ httpMethods: ["GET"], scope_expression: EXPRESSION }] },
    ])
    const [created, ...rest] = newResources(op, before)
    expect(rest).toEqual([])
    expect(created).toMatchObject({ resource_scopes: EXPRESSION.data, scope_expression: EXPRESSION })
  })

  it("refuses a second protection of the same oxd_id with uma_protection_exists, leaving the first in force", async () => {
    const oxdId = await registerUmaSite(oxd, op)
    await protect(oxd, oxdId)
    const ids = resourceIds(op)
    for (const overwrite of [undefined, false, null]) {
      const e = await refused(
        oxdId,
        [{ path: "/other", conditions: [{ httpMethods: ["GET"], scopes: ["view"] }] }],
        overwrite === undefined ? {} : { overwrite },
      )
      expect(e).toMatchObject({ error: "uma_protection_exists", http: 400 })
      expect(e.error_description).toContain("overwrite")
    }
    expect(resourceIds(op)).toEqual(ids)
    expect((await check(oxd, oxdId, "/photo", "GET")).access).toBe("denied")
    expect(
      (await failure(call(oxd, "uma_rs_check_access", { oxd_id: oxdId, path: "/other", http_method: "GET", rpt: "" })))
        .error,
    ).toBe("invalid_request")
  })

  it("with overwrite: true replaces the protection and deletes the old resources at the AS", async () => {
    const oxdId = await registerUmaSite(oxd, op)
    const before = resourceIds(op)
    await protect(oxd, oxdId)
    const old = newResources(op, before)
    expect(old).toHaveLength(3)
    const mid = resourceIds(op)
    await protect(oxd, oxdId, [{ path: "/album", conditions: [{ httpMethods: ["DELETE"], scopes: ["remove"] }] }], true)
    const now = resourceIds(op)
    for (const r of old) expect(now.has(r._id), `old resource ${r.name} still at the AS`).toBe(false)
    const created = newResources(op, mid)
    expect(created).toHaveLength(1)
    expect(created[0]).toMatchObject({ owner: old[0]!.owner, resource_scopes: ["remove"] })
    // the old paths are no longer protected here either
    const e = await failure(
      call(oxd, "uma_rs_check_access", { oxd_id: oxdId, path: "/photo", http_method: "GET", rpt: "" }),
    )
    expect(e).toMatchObject({ error: "invalid_request", http: 400 })
    expect((await check(oxd, oxdId, "/album", "DELETE")).access).toBe("denied")
  })

  it("protects each site on its own: another site may protect the same paths", async () => {
    const a = await registerUmaSite(oxd, op)
    const b = await registerUmaSite(oxd, op)
    const before = resourceIds(op)
    await protect(oxd, a)
    await protect(oxd, b)
    const created = newResources(op, before)
    expect(created).toHaveLength(6)
    expect(new Set(created.map((r) => r.owner)).size).toBe(2)
  })

  it("refuses a method listed twice for one path (any case, any condition) with http_method_not_unique", async () => {
    const oxdId = await registerUmaSite(oxd, op)
    const sameCondition = await refused(oxdId, [
      { path: "/photo", conditions: [{ httpMethods: ["GET", "get"], scopes: ["view"] }] },
    ])
    expect(sameCondition).toMatchObject({ error: "http_method_not_unique", http: 400 })
    expect(sameCondition.error_description).toContain("GET")
    expect(sameCondition.error_description).toContain("/photo")
    const twoConditions = await refused(oxdId, [
      {
        path: "/photo",
        conditions: [
          { httpMethods: ["GET", "POST"], scopes: ["view"] },
          { httpMethods: ["post"], scopes: ["add"] },
        ],
      },
    ])
    expect(twoConditions).toMatchObject({ error: "http_method_not_unique", http: 400 })
    expect(twoConditions.error_description).toContain("POST")
  })

  // P3 · reference: invalid_uma_request (ErrorResponseCode.java:60, RsProtectOperation.java:125-127)
  it("P3: refuses empty or missing resources with invalid_uma_request", async () => {
    const oxdId = await registerUmaSite(oxd, op)
    expect(await refused(oxdId, [])).toMatchObject({ error: "invalid_uma_request", http: 400 })
    const missing = await failure(call(oxd, "uma_rs_protect", { oxd_id: oxdId }))
    expect(missing).toMatchObject({ error: "invalid_uma_request", http: 400 })
    expect(missing.error_description).toContain("resources")
  })

  // P6, P7, P8 · reference: method names, paths and condition lists are not checked; what is given is registered
  // (RsProtectOperation.java:124-148 checks only emptiness, method uniqueness and scope expressions)
  it("P6/P7/P8: registers any method name, any path, an empty method list; a resource without conditions registers nothing", async () => {
    const oxdId = await registerUmaSite(oxd, op)
    const before = resourceIds(op)
    await protect(oxd, oxdId, [
      { path: "photo", conditions: [{ httpMethods: ["FETCH"], scopes: ["view"] }] },
      { path: "", conditions: [{ httpMethods: ["GET"], scopes: ["view"] }] },
      { path: "/nothing", conditions: [] },
      { path: "/no-method", conditions: [{ httpMethods: [], scopes: ["view"] }] },
    ])
    expect(
      newResources(op, before)
        .map((r) => r.name)
        .sort(),
    ).toEqual([" GET", "/no-method ", "photo FETCH"])
    // FETCH on "photo" is protected now: a check gets a ticket
    expect(await check(oxd, oxdId, "photo", "fetch")).toMatchObject({ access: "denied", ticket: expect.any(String) })
    const nothing = await failure(
      call(oxd, "uma_rs_check_access", { oxd_id: oxdId, path: "/nothing", http_method: "GET", rpt: "" }),
    )
    expect(nothing.error).toBe("invalid_request")
  })

  it("still needs a path and a method list in each entry (the reference fails on them too)", async () => {
    const oxdId = await registerUmaSite(oxd, op)
    expect(await refused(oxdId, [{ conditions: [{ httpMethods: ["GET"], scopes: ["view"] }] }])).toMatchObject({
      error: "invalid_path_parameter",
    })
    expect(await refused(oxdId, [{ path: "/photo", conditions: [{ scopes: ["view"] }] }])).toMatchObject({
      error: "invalid_http_method",
    })
  })

  // P5 · reference: one path in two entries is accepted, methods counted per path (uma-rs ResourceValidator.isHttpMethodUniqueInPath)
  it("P5: accepts one path in two entries with different methods; the same method in both is http_method_not_unique", async () => {
    const oxdId = await registerUmaSite(oxd, op)
    const twice = await refused(oxdId, [
      { path: "/photo", conditions: [{ httpMethods: ["GET"], scopes: ["view"] }] },
      { path: "/PHOTO", conditions: [{ httpMethods: ["get"], scopes: ["all"] }] },
    ])
    expect(twice).toMatchObject({ error: "http_method_not_unique", http: 400 })
    await protect(oxd, oxdId, [
      { path: "/photo", conditions: [{ httpMethods: ["GET"], scopes: ["view"] }] },
      { path: "/photo", conditions: [{ httpMethods: ["POST"], scopes: ["add"] }] },
    ])
    expect(await check(oxd, oxdId, "/photo", "POST")).toMatchObject({ access: "denied" })
  })

  // P11 · reference: invalid_scope_expressioin, sic (ErrorResponseCode.java:68, RsProtectOperation.java:138-142) for a rule
  // without data; P10 — a rule that is no JsonLogic we can evaluate: the reference accepts it (it never evaluates it),
  // refused here with the same code (docs/compatibility.md)
  it("P10/P11: refuses a scope_expression it cannot evaluate with invalid_scope_expressioin (sic), before registering anything", async () => {
    const oxdId = await registerUmaSite(oxd, op)
    const e = await refused(oxdId, [
      { path: "/document", conditions: [{ httpMethods: ["GET"], scopes: ["view"] }] },
      {
        path: "/photo",
        conditions: [
          { httpMethods: ["GET"], scope_expression: { rule: { frobnicate: [{ var: 0 }] }, data: ["view"] } },
        ],
      },
    ])
    expect(e).toMatchObject({ error: "invalid_scope_expressioin", http: 400 })
    expect(e.error_description).toContain("/photo")
    expect(e.error_description).toContain("frobnicate")
    const notObject = await refused(oxdId, [
      { path: "/photo", conditions: [{ httpMethods: ["GET"], scope_expression: { rule: "view", data: ["view"] } }] },
    ])
    expect(notObject).toMatchObject({ error: "invalid_scope_expressioin" })
    const noData = await refused(oxdId, [
      { path: "/photo", conditions: [{ httpMethods: ["GET"], scope_expression: { rule: { var: 0 }, data: [] } }] },
    ])
    expect(noData).toMatchObject({ error: "invalid_scope_expressioin" })
    // nothing was protected: a correct document is still accepted without overwrite
    await protect(oxd, oxdId)
  })

  // P9 · reference: a condition without scopes is registered with none; the AS's answer decides (here: it refuses) — and
  // P14: what was registered before the refusal is withdrawn (the reference leaves it; docs/compatibility.md)
  it("P9/P14: sends a condition with neither scopes nor scope_expression to the AS, and withdraws the rest when it refuses", async () => {
    const oxdId = await registerUmaSite(oxd, op)
    for (const condition of [
      { httpMethods: ["GET"] },
      { httpMethods: ["GET"], scopes: [] },
      { httpMethods: ["GET"], scopes: null },
    ]) {
      const before = op.counters()
      const ids = resourceIds(op)
      const e = await failure(
        call(oxd, "uma_rs_protect", {
          oxd_id: oxdId,
          resources: [
            { path: "/document", conditions: [{ httpMethods: ["GET"], scopes: ["view"] }] },
            { path: "/photo", conditions: [condition] },
          ],
        }),
      )
      // two registrations, then the withdrawal of the first (its DELETE counts there too)
      expect(delta(op, before, "uma.resource_registration"), JSON.stringify(condition)).toBe(3)
      // the AS's refusal reaches the caller (its code is the cross-cutting rule for an AS's HTTP error, X9)
      expect(e.error_description).toContain("invalid_request")
      expect(newResources(op, ids)).toEqual([])
    }
  })

  // P12 · reference: ticketScopes are not checked against the condition's scopes (RsProtectOperation.java:124-148)
  it("P12: accepts ticketScopes outside the condition's scopes; the AS then refuses the ticket at the check", async () => {
    const oxdId = await registerUmaSite(oxd, op)
    await protect(oxd, oxdId, [
      { path: "/photo", conditions: [{ httpMethods: ["GET"], scopes: ["view"], ticketScopes: ["view", "other"] }] },
    ])
    const e = await failure(
      call(oxd, "uma_rs_check_access", { oxd_id: oxdId, path: "/photo", http_method: "GET", rpt: "" }),
    )
    // CA9 · reference: a refused ticket registration is internal_error (RsCheckAccessOperation.java:121-123)
    expect(e).toMatchObject({ error: "internal_error", http: 500 })
    expect(e.error_description).toContain("invalid_scope")
    // a subset is fine, and a denied check then gets its ticket
    await protect(
      oxd,
      oxdId,
      [
        {
          path: "/photo",
          conditions: [
            {
              httpMethods: ["GET"],
              scope_expression: { rule: { or: [{ var: 0 }, { var: 1 }] }, data: ["all", "add"] },
              ticketScopes: ["add"],
            },
          ],
        },
      ],
      true,
    )
    expect(await check(oxd, oxdId, "/photo", "GET")).toMatchObject({ access: "denied", ticket: expect.any(String) })
  })

  it("tells a site without the client_credentials grant to register it (no PAT), and protects nothing", async () => {
    const oxdId = await registerSite(oxd, op) // authorization_code + refresh_token, no uma_protection
    const before = op.counters()
    const e = await failure(call(oxd, "uma_rs_protect", { oxd_id: oxdId, resources: photoAndDocument() }))
    expect(e).toMatchObject({ error: "internal_error", http: 500 })
    expect(e.error_description).toContain("client_credentials")
    expect(e.error_description).toContain("uma_protection")
    expect(delta(op, before, "uma.resource_registration")).toBe(0)
    const notProtected = await failure(
      call(oxd, "uma_rs_check_access", { oxd_id: oxdId, path: "/photo", http_method: "GET", rpt: "" }),
    )
    expect(notProtected.error).toBe("invalid_request")
  })

  // P1/P2 · reference: the document is checked before the oxd_id (RsProtectOperation.java:124-150)
  it("P1/P2: refuses an unknown oxd_id with invalid_oxd_id, after the document: with no resources, invalid_uma_request", async () => {
    const e = await failure(
      call(oxd, "uma_rs_protect", { oxd_id: "6F9619FF-8B86-D011-B42D-00CF4FC964FF", resources: photoAndDocument() }),
    )
    expect(e).toMatchObject({ error: "invalid_oxd_id", http: 400 })
    expect(
      await failure(call(oxd, "uma_rs_protect", { oxd_id: "6F9619FF-8B86-D011-B42D-00CF4FC964FF", resources: [] })),
    ).toMatchObject({ error: "invalid_uma_request" })
    expect((await failure(call(oxd, "uma_rs_protect", { resources: photoAndDocument() }))).error).toBe("bad_request")
  })
})
