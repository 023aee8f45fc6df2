import type { TestOp } from "@oxd/test-op"
import { afterEach, describe, expect, it } from "vitest"
import type { Oxd } from "../../makeOxd.js"
import { call, failure, ok } from "../../../test/support.js"
import { check, rptFor, startProtectedUmaSite } from "../../../test/uma.js"

let op: TestOp
let oxd: Oxd
let oxdId: string
/** AS resource ids by name ("/photo GET", "/photo PUT POST", "/document GET"). */
let ids: Record<string, string>
startProtectedUmaSite((o, x, id, resources) => ([op, oxd, oxdId, ids] = [o, x, id, resources]))
afterEach(() => op.uma.reset())

const asResource = (id: string | undefined) => op.uma.resources().find((r) => r._id === id)
const modify = (params: Record<string, unknown>) => call(oxd, "uma_rs_modify", { oxd_id: oxdId, ...params })

describe("uma_rs_modify (oxd 4.x)", () => {
  // reference: RsModifyOperation.java:78-102, the AS resource gets the new scopes (its name kept), {oxd_id}
  it("changes the scopes of the resource guarding path + method, at the AS and in the checks", async () => {
    const before = asResource(ids["/photo GET"])
    expect(await ok(modify({ path: "/photo", http_method: "GET", scopes: ["edit"] }))).toEqual({ oxd_id: oxdId })
    const after = asResource(ids["/photo GET"])
    expect(after?.resource_scopes).toEqual(["edit"])
    expect(after?.name).toBe(before?.name)
    // other resources are untouched
    expect(asResource(ids["/photo PUT POST"])?.resource_scopes).toEqual(["all", "add"])
    // the check now asks for edit, and an RPT for the new ticket opens it (RsModifyOperation.java:124-141)
    const { access_token } = await rptFor(oxd, oxdId, "/photo", "GET")
    const introspection = await ok<{ permissions: Array<{ resource_id: string; resource_scopes: string[] }> }>(
      call(oxd, "introspect_rpt", { oxd_id: oxdId, rpt: access_token }),
    )
    expect(introspection.permissions).toEqual([
      expect.objectContaining({ resource_id: ids["/photo GET"], resource_scopes: ["edit"] }),
    ])
    expect((await check(oxd, oxdId, "/photo", "GET", access_token)).access).toBe("granted")
  })

  // reference: RsModifyOperation.java:116-119,132-136, scope_expression as JSON text; its data become the scopes
  it("sets a scope expression given as JSON text, its data the resource's scopes", async () => {
    const expression = { rule: { or: [{ var: 0 }, { var: 1 }] }, data: ["read", "write"] }
    await ok(modify({ path: "/document", http_method: "GET", scope_expression: JSON.stringify(expression) }))
    const r = asResource(ids["/document GET"])
    expect(r?.resource_scopes).toEqual(["read", "write"])
    expect(r?.scope_expression).toEqual(expression)
    const { access_token } = await rptFor(oxd, oxdId, "/document", "GET")
    expect((await check(oxd, oxdId, "/document", "GET", access_token)).access).toBe("granted")
    // "null" takes the expression off again (RsModifyOperation.java:114-116)
    await ok(modify({ path: "/document", http_method: "GET", scopes: ["view"], scope_expression: "null" }))
    expect(asResource(ids["/document GET"])?.resource_scopes).toEqual(["view"])
  })

  // reference: RsModifyOperation.java:62-73, invalid_request (HTTP 400) for a path + method nothing protects
  it("refuses a path + method that is not protected with invalid_request", async () => {
    const e = await failure(modify({ path: "/nothing", http_method: "GET", scopes: ["x"] }))
    expect([e.error, e.http]).toEqual(["invalid_request", 400])
    expect((await failure(modify({ path: "/document", http_method: "DELETE", scopes: ["x"] }))).error).toBe(
      "invalid_request",
    )
  })

  // reference: RsModifyOperation.java:144-168, NO_UMA_HTTP_METHOD, NO_UMA_PATH_PARAMETER, UMA_FAILED_TO_VALIDATE_SCOPE_EXPRESSION
  it("checks http_method, then path, then the scope expression, before the AS is asked", async () => {
    const countBefore = JSON.stringify(op.uma.resources())
    expect((await failure(modify({ scopes: ["x"] }))).error).toBe("invalid_http_method")
    expect((await failure(modify({ http_method: "GET", scopes: ["x"] }))).error).toBe("invalid_path_parameter")
    for (const scope_expression of [
      "{not json",
      JSON.stringify({ rule: "x", data: ["a"] }),
      JSON.stringify({ rule: {} }),
    ])
      expect((await failure(modify({ path: "/photo", http_method: "GET", scope_expression }))).error).toBe(
        "invalid_scope_expressioin",
      )
    expect(JSON.stringify(op.uma.resources())).toBe(countBefore)
    expect((await failure(call(oxd, "uma_rs_modify", { oxd_id: "nope", path: "/p", http_method: "GET" }))).error).toBe(
      "invalid_oxd_id",
    )
  })
})
