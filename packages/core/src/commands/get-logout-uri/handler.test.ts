import type { TestOp } from "@oxd/test-op"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Oxd } from "../../makeOxd.js"
import { call, failure, ok, opJson, oxdFor, POST_LOGOUT_URI, registerSite, signIn, startOp } from "../../../test/support.js"

let op: TestOp
let oxd: Oxd
let oxdId: string
beforeAll(async () => {
  op = await startOp()
  oxd = oxdFor(op)
  oxdId = await registerSite(oxd, op)
})
afterAll(async () => {
  await oxd?.dispose()
  await op?.close()
})

const logoutUri = async (params: Record<string, unknown>) =>
  new URL((await ok<{ uri: string }>(call(oxd, "get_logout_uri", params))).uri)

describe("get_logout_uri", () => {
  it("builds the OP's end-session URL with the registered post-logout redirect URI", async () => {
    const meta = (await opJson(op, `${op.issuer}/.well-known/openid-configuration`)).body
    const uri = await logoutUri({ oxd_id: oxdId })
    expect(`${uri.origin}${uri.pathname}`).toBe(meta["end_session_endpoint"])
    expect(uri.searchParams.get("post_logout_redirect_uri")).toBe(POST_LOGOUT_URI)
    expect(uri.searchParams.get("client_id")).toEqual(expect.any(String))
  })

  it("sends the site's last ID token as id_token_hint", async () => {
    const { id_token } = await signIn(oxd, op, oxdId)
    expect((await logoutUri({ oxd_id: oxdId })).searchParams.get("id_token_hint")).toBe(id_token)
  })

  it("prefers the id_token_hint, post_logout_redirect_uri and state given", async () => {
    await signIn(oxd, op, oxdId)
    const q = (await logoutUri({ oxd_id: oxdId, id_token_hint: "given.id.token", post_logout_redirect_uri: "https://rp.example.org/elsewhere", state: "s-1" })).searchParams
    expect(q.get("id_token_hint")).toBe("given.id.token")
    expect(q.get("post_logout_redirect_uri")).toBe("https://rp.example.org/elsewhere")
    expect(q.get("state")).toBe("s-1")
  })

  it("builds a URL without id_token_hint for a site nobody signed in to yet", async () => {
    const fresh = await registerSite(oxd, op)
    expect((await logoutUri({ oxd_id: fresh })).searchParams.has("id_token_hint")).toBe(false)
  })

  it("rejects an unknown oxd_id with invalid_oxd_id", async () => {
    expect((await failure(call(oxd, "get_logout_uri", { oxd_id: "nope" }))).error).toBe("invalid_oxd_id")
  })
})
