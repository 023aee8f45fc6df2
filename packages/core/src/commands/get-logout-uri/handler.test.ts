import type { TestOp } from "@oxd/test-op"
import { describe, expect, it } from "vitest"
import type { Oxd } from "../../makeOxd.js"
import { googleLogoutUri } from "./googleLogout.js"
import {
  call,
  failure,
  ok,
  opJson,
  oxdFor,
  POST_LOGOUT_URI,
  registerSite,
  signIn,
  startOpOxdAndSite,
} from "../../../test/support.js"

let op: TestOp
let oxd: Oxd
let oxdId: string
startOpOxdAndSite((o, x, id) => ([op, oxd, oxdId] = [o, x, id]))

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

  // hardening: the reference never sends id_token_hint (GetLogoutUrlOperation.java:64-75, removed in 14d25f9e)
  it("sends the site's last ID token as id_token_hint", async () => {
    const { id_token } = await signIn(oxd, op, oxdId)
    expect((await logoutUri({ oxd_id: oxdId })).searchParams.get("id_token_hint")).toBe(id_token)
  })

  it("prefers the id_token_hint, post_logout_redirect_uri and state given", async () => {
    await signIn(oxd, op, oxdId)
    const q = (
      await logoutUri({
        oxd_id: oxdId,
        id_token_hint: "given.id.token",
        post_logout_redirect_uri: "https://rp.example.org/elsewhere",
        state: "s-1",
      })
    ).searchParams
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

  // LO2 · reference: no_end_session_endpoint_at_op (ErrorResponseCode.java:70, GetLogoutUrlOperation.java:54-62); the Google
  // fallback (LO3) is only for op_host https://accounts.google.com, so this OP gets the error with it on
  it("LO2: an OP without end_session_endpoint is no_end_session_endpoint_at_op, support_google_logout on or not", async () => {
    op.rewriteDiscovery({ openid: { end_session_endpoint: null } })
    try {
      for (const support_google_logout of [true, false]) {
        const fresh = oxdFor(op, { support_google_logout }) // its own discovery cache: it reads the rewritten document
        try {
          const site = await registerSite(fresh, op)
          expect(await failure(call(fresh, "get_logout_uri", { oxd_id: site }))).toMatchObject({
            error: "no_end_session_endpoint_at_op",
          })
        } finally {
          await fresh.dispose()
        }
      }
    } finally {
      op.rewriteDiscovery(null)
    }
  })
})

// LO3 · reference: for op_host https://accounts.google.com without end_session_endpoint and support-google-logout (default
// true), Google's logout URL (GetLogoutUrlOperation.java:55-58, Configuration.java:42-43). Google cannot be reached from
// the tests (loopback only): the URL the handler answers is built here, the gate on the host checked above and here.
describe("googleLogoutUri (LO3)", () => {
  it("answers the reference's Google logout URL, continuing to the post-logout URI", () => {
    expect(googleLogoutUri("https://accounts.google.com", "https://rp.example.org/bye", true)).toBe(
      "https://www.google.com/accounts/Logout?continue=https://appengine.google.com/_ah/logout?continue=https%3A%2F%2Frp.example.org%2Fbye",
    )
    expect(googleLogoutUri("https://accounts.google.com", null, true)).toBe(
      "https://www.google.com/accounts/Logout?continue=https://appengine.google.com/_ah/logout?continue=",
    )
  })

  it("is off for other OPs and with support_google_logout false", () => {
    expect(googleLogoutUri("https://op.example.org", "https://rp.example.org/bye", true)).toBeUndefined()
    expect(googleLogoutUri("https://accounts.google.com", "https://rp.example.org/bye", false)).toBeUndefined()
  })
})
