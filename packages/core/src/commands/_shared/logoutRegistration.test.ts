import type { TestOp } from "@oxd/test-op"
import { afterAll, describe, expect, it } from "vitest"
import type { Oxd } from "../../makeOxd.js"
import { call, failure, ok, oxdFor, REDIRECT_URI, registerSite, startOpAndOxd } from "../../../test/support.js"

let op: TestOp
let oxd: Oxd
let withBase: Oxd
startOpAndOxd((o, x) => {
  ;[op, oxd] = [o, x]
  withBase = oxdFor(o, { public_base_url: "https://oxd.example.org/prefix/", logout_webhook_secret: "s3cret" })
})
afterAll(() => withBase?.dispose())

/** The client a site is registered as, as the OP holds it. */
const clientAtOp = async (via: Oxd, oxdId: string) => {
  const { authorization_url } = await ok<{ authorization_url: string }>(
    call(via, "get_authorization_url", { oxd_id: oxdId }),
  )
  const client = await op.provider.Client.find(new URL(authorization_url).searchParams.get("client_id")!)
  return client!.metadata() as Record<string, unknown>
}

describe("logout registration (Back-Channel / Front-Channel Logout 1.0)", () => {
  it("register_site registers the logout URIs and flags given, at the OP", async () => {
    const oxdId = await registerSite(oxd, op, {
      backchannel_logout_uri: "https://rp.example.org/bc",
      backchannel_logout_session_required: "true",
      frontchannel_logout_uri: "https://rp.example.org/fc",
      frontchannel_logout_session_required: true,
    })
    expect(await clientAtOp(oxd, oxdId)).toMatchObject({
      backchannel_logout_uri: "https://rp.example.org/bc",
      backchannel_logout_session_required: true,
      frontchannel_logout_uri: "https://rp.example.org/fc",
      frontchannel_logout_session_required: true,
    })
  })

  it("without public_base_url nothing is registered for back-channel logout", async () => {
    const meta = await clientAtOp(oxd, await registerSite(oxd, op))
    expect(meta["backchannel_logout_uri"]).toBeUndefined()
  })

  it("with public_base_url a site registers the server's own endpoint, sid required; an app's own URI wins", async () => {
    const own = await clientAtOp(withBase, await registerSite(withBase, op))
    expect(own).toMatchObject({
      backchannel_logout_uri: "https://oxd.example.org/prefix/backchannel-logout",
      backchannel_logout_session_required: true,
    })
    const app = await clientAtOp(
      withBase,
      await registerSite(withBase, op, { backchannel_logout_uri: "https://rp.example.org/bc" }),
    )
    expect(app["backchannel_logout_uri"]).toBe("https://rp.example.org/bc")
  })

  it("setup_client registers them too", async () => {
    const setup = await ok(
      call(withBase, "setup_client", {
        op_host: op.issuer,
        authorization_redirect_uri: REDIRECT_URI,
        frontchannel_logout_uri: "https://rp.example.org/fc",
      }),
    )
    const meta = await clientAtOp(withBase, setup["oxd_id"] as string)
    expect(meta).toMatchObject({
      backchannel_logout_uri: "https://oxd.example.org/prefix/backchannel-logout",
      frontchannel_logout_uri: "https://rp.example.org/fc",
    })
  })

  it("update_site changes them at the OP and keeps the others", async () => {
    const oxdId = await registerSite(oxd, op, { backchannel_logout_uri: "https://rp.example.org/bc" })
    await ok(call(oxd, "update_site", { oxd_id: oxdId, frontchannel_logout_uri: "https://rp.example.org/fc2" }))
    expect(await clientAtOp(oxd, oxdId)).toMatchObject({
      backchannel_logout_uri: "https://rp.example.org/bc",
      frontchannel_logout_uri: "https://rp.example.org/fc2",
    })
    await ok(call(oxd, "update_site", { oxd_id: oxdId, backchannel_logout_uri: "https://rp.example.org/bc2" }))
    expect((await clientAtOp(oxd, oxdId))["backchannel_logout_uri"]).toBe("https://rp.example.org/bc2")
  })

  it("logout_webhook_url is kept here, never sent to the OP, and needs logout_webhook_secret", async () => {
    const oxdId = await registerSite(withBase, op, { logout_webhook_url: "http://127.0.0.1:9/hook" })
    expect(await clientAtOp(withBase, oxdId)).not.toHaveProperty("logout_webhook_url")
    await ok(call(withBase, "update_site", { oxd_id: oxdId, logout_webhook_url: "http://127.0.0.1:9/other" }))
    expect(await clientAtOp(withBase, oxdId)).not.toHaveProperty("logout_webhook_url")
    const e = await failure(
      call(oxd, "register_site", {
        op_host: op.issuer,
        authorization_redirect_uri: REDIRECT_URI,
        logout_webhook_url: "http://127.0.0.1:9/hook",
      }),
    )
    expect([e.error, e.error_description]).toEqual(["bad_request", expect.stringContaining("logout_webhook_secret")])
  })

  it.each([
    ["backchannel_logout_uri", "ftp://rp.example.org/bc", "must be an absolute URL, http or https"],
    ["backchannel_logout_uri", "https://rp.example.org/bc#x", "must not include a fragment"],
    ["frontchannel_logout_uri", "not a url", "must be an absolute URL, http or https"],
    ["logout_webhook_url", "file:///etc/passwd", "must be an absolute URL, http or https"],
  ])("refuses %s %s, nothing registered", async (field, value, detail) => {
    const before = op.counters()["registration"] ?? 0
    const e = await failure(
      call(oxd, "register_site", { op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI, [field]: value }),
    )
    expect(e.error).toBe("bad_request")
    expect(e.error_description).toContain(detail)
    expect(op.counters()["registration"] ?? 0).toBe(before)
  })
})
