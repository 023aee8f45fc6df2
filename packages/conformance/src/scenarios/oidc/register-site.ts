import { type Ctx, scenario } from "../../scenario.js"
import { reference } from "../../source.js"

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i

export const registerSite = scenario({
  id: "register-site",
  title: "register_site registers a client at the OP and returns an unguessable oxd_id",
  checks: "register_site: data.oxd_id (random UUID); get_authorization_url works for it",
  tags: ["oidc"],
  source: reference(
    "S/op/RegisterSiteOperation.java:61-75 (oxd_id = UUID.randomUUID(), :64), C/response/RegisterSiteResponse.java:12-15; the authorization URL: S/op/GetAuthorizationUrlOperation.java:51-72",
  ),
  commands: ["register_site", "get_authorization_url"],
  async run(t: Ctx) {
    const a = await t.registerSite()
    const b = await t.registerSite()
    t.expect(UUID_V4.test(a) && UUID_V4.test(b), `register_site: expected oxd_id to be a random UUID, got ${a}`)
    t.expect(a !== b, "register_site: two registrations returned the same oxd_id")
    const data = await t.ok("get_authorization_url", { oxd_id: a })
    const url = new URL(String(data["authorization_url"]))
    t.expect(
      url.href.startsWith(t.env.op.issuer),
      `get_authorization_url: expected a URL at the OP ${t.env.op.issuer}, got ${url.origin}`,
    )
    t.expect(
      url.searchParams.get("redirect_uri") === t.env.redirectUri,
      "get_authorization_url: redirect_uri must be the registered authorization_redirect_uri",
    )
  },
})
