import type { TestOp } from "@oxd/test-op"
import { afterAll, beforeAll, expect, it } from "vitest"
import type { Oxd } from "../makeOxd.js"
import { call, ok, oxdFor, REDIRECT_URI, startOp } from "../../test/support.js"
import { describeEachStore } from "../test-support/storeBackends.js"

let op: TestOp
beforeAll(async () => {
  op = await startOp()
})
afterAll(() => op?.close())

describeEachStore("site administration", (backend) => {
  let oxd: Oxd
  let setup: Record<string, any>
  beforeAll(async () => {
    oxd = oxdFor(op, { database_url: await backend.newUrl(), secrets_encryption_key: undefined })
    setup = await ok(
      call(oxd, "setup_client", {
        op_host: op.issuer,
        authorization_redirect_uri: REDIRECT_URI,
        // the site protects UMA resources: it needs a PAT of its own
        grant_types: ["authorization_code", "client_credentials"],
        scope: ["openid", "uma_protection"],
      }),
    )
  })
  afterAll(() => oxd?.dispose())

  it("lists the setup client and its site, oldest first, without a secret", async () => {
    const sites = await oxd.admin.listSites()
    expect(sites.map((s) => [s.oxd_id, s.kind])).toEqual([
      [setup["setup_client_oxd_id"], "setup"],
      [setup["oxd_id"], "site"],
    ])
    expect(sites[1]).toMatchObject({
      op_host: op.issuer,
      client_id: setup["client_id_of_oxd_id"],
      setup_client_id: setup["client_id"],
      authorization_redirect_uri: REDIRECT_URI,
      has_client_secret: true,
      has_registration_access_token: true,
      grant_types: expect.arrayContaining(["authorization_code"]),
    })
    // no secret value anywhere: the listing as text holds none of the secrets the OP handed out
    const text = JSON.stringify(sites)
    expect(text).not.toContain(setup["client_secret"])
    expect(text).not.toContain(setup["client_registration_access_token"])
  })

  it("shows one site with its UMA resources; undefined for an unknown oxd_id", async () => {
    const token = (
      await ok(
        call(oxd, "get_client_token", {
          op_host: op.issuer,
          client_id: setup["client_id"],
          client_secret: setup["client_secret"],
        }),
      )
    )["access_token"] as string
    await ok(
      call(
        oxd,
        "uma_rs_protect",
        {
          oxd_id: setup["oxd_id"],
          resources: [{ path: "/photos", conditions: [{ httpMethods: ["GET"], scopes: ["read"] }] }],
        },
        { protectionToken: token },
      ),
    )
    const shown = await oxd.admin.showSite(setup["oxd_id"])
    expect(shown?.uma_resources).toEqual([{ path: "/photos", http_methods: ["GET"] }])
    expect(await oxd.admin.showSite("no-such-site")).toBeUndefined()
  })

  it("names the OPs in use and gets a protection token with the newest setup client", async () => {
    expect(await oxd.admin.opHosts()).toEqual([op.issuer])
    expect(await oxd.admin.protectionCheck(op.issuer)).toMatchObject({
      status: "ok",
      setup_oxd_id: setup["setup_client_oxd_id"],
      scope: expect.stringMatching(/oxd|uma_protection/),
    })
    expect(await oxd.admin.protectionCheck("https://op.elsewhere.example")).toEqual({ status: "no_setup_client" })
  })

  it("removes a site: gone from the listing and from the commands; false the second time", async () => {
    expect(await oxd.admin.removeSite(setup["oxd_id"])).toBe(true)
    expect(await oxd.admin.removeSite(setup["oxd_id"])).toBe(false)
    expect((await oxd.admin.listSites()).map((s) => s.oxd_id)).toEqual([setup["setup_client_oxd_id"]])
    const reply = await call(oxd, "get_authorization_url", { oxd_id: setup["oxd_id"] })
    expect(reply.envelope).toMatchObject({ status: "error", data: { error: "invalid_oxd_id" } })
  })
})
