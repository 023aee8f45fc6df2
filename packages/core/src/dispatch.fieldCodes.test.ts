/** Field and code of a schema failure, read from the path (dispatch.ts invalidParams), not from its text. */
import { describe, expect, it } from "vitest"
import type { Oxd } from "./makeOxd.js"
import { call, failure, startOpAndOxd } from "../test/support.js"

let oxd: Oxd
startOpAndOxd((_, x) => (oxd = x))

const protect = (resources: unknown) =>
  failure(call(oxd, "uma_rs_protect", { oxd_id: "any", protection_access_token: "t", resources }))

describe("schema failures: field and code from the issue path", () => {
  it("names the nested field and takes the innermost field's code", async () => {
    const method = await protect([{ path: "/p", conditions: [{ scopes: ["view"] }] }])
    expect(method).toMatchObject({ error: "invalid_http_method", http: 400 })
    expect(method.error_description).toBe('Invalid params: "resources[0].conditions[0].httpMethods" is required')
    const path = await protect([{ path: "/p", conditions: [] }, { conditions: [] }])
    expect(path.error).toBe("invalid_path_parameter")
    expect(path.error_description).toBe('Invalid params: "resources[1].path" is required')
  })

  it("a field with no code of its own takes the nearest enclosing field's (data → scope_expression's, the reference's spelling)", async () => {
    const e = await protect([{ path: "/p", conditions: [{ httpMethods: ["GET"], scope_expression: { rule: {} } }] }])
    expect(e.error).toBe("invalid_scope_expressioin")
    expect(e.error_description).toBe('Invalid params: "resources[0].conditions[0].scope_expression.data" is required')
    const conditions = await protect([{ path: "/p" }])
    expect(conditions.error).toBe("invalid_uma_request")
    expect(conditions.error_description).toBe('Invalid params: "resources[0].conditions" is required')
  })

  it("a caller's key that looks like a path is the key, as given", async () => {
    const key = 'x"]\n  at ["oxd_id'
    const e = await failure(
      call(oxd, "get_authorization_url", { oxd_id: "any", custom_parameters: { [key]: { nested: true } } }),
    )
    expect(e.error).toBe("internal_error")
    expect(e.error_description).toContain(`"custom_parameters.${key}" must be`)
  })
})
