import type { TestOp } from "@oxd/test-op"
import { describe, expect, it } from "vitest"
import type { Oxd } from "../../makeOxd.js"
import { call, failure, ok, POST_LOGOUT_URI, REDIRECT_URI, startOpOxdAndSite } from "../../../test/support.js"
import { WITHHELD } from "./rpNode.js"

let op: TestOp
let oxd: Oxd
let oxdId: string
startOpOxdAndSite((o, x, id) => ([op, oxd, oxdId] = [o, x, id]))

describe("get_rp (oxd 4.x)", () => {
  // reference: GetRpOperation.java:44-46, {node: the Rp}
  it("answers the site by the reference's Rp field names", async () => {
    const { node } = await ok<{ node: Record<string, unknown> }>(call(oxd, "get_rp", { oxd_id: oxdId }))
    expect(node).toMatchObject({
      oxd_id: oxdId,
      op_host: op.issuer,
      redirect_uri: REDIRECT_URI,
      logout_redirect_uri: POST_LOGOUT_URI,
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    })
    expect(typeof node["client_id"]).toBe("string")
    expect(node["scope"]).toEqual(expect.arrayContaining(["openid"]))
  })

  // DELIBERATE (docs/compatibility.md, oxd 4.x): the reference returns client_secret and tokens
  it("never returns a secret or a token of the site", async () => {
    const reply = await call(oxd, "get_rp", { oxd_id: oxdId })
    const { node } = await ok<{ node: Record<string, unknown> }>(reply)
    for (const name of WITHHELD) expect(node[name], name).toBeUndefined()
    expect(JSON.stringify(reply.envelope)).not.toMatch(/"client_secret"|registration_access_token|id_token/)
  })

  it("refuses list: true (every tenant's sites) and an unknown oxd_id", async () => {
    const e = await failure(call(oxd, "get_rp", { oxd_id: oxdId, list: true }))
    expect(e.error).toBe("bad_request")
    expect(e.error_description).toContain("list")
    expect((await failure(call(oxd, "get_rp", { oxd_id: "nope" }))).error).toBe("invalid_oxd_id")
  })
})
