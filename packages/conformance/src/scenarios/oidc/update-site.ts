import { type Ctx, type Env, scenario } from "../../scenario.js"
import { reference } from "../../source.js"

/** update_site changes the client at the OP through its RFC 7592 client configuration endpoint. */
const needsClientManagement = (env: Env): string | undefined =>
  env.op.clientManagement === false
    ? "the OP's registration answer has no registration_client_uri (RFC 7591 §3.2.1): it offers no RFC 7592 client configuration endpoint, so update_site cannot change the client there"
    : undefined

export const updateSite = scenario({
  id: "update-site",
  title: "update_site changes the registration",
  checks: "update_site: data.oxd_id; the new scope is used by get_authorization_url; a login still works",
  tags: ["oidc"],
  source: reference(
    "S/op/UpdateSiteOperation.java:47-179 (scope applied, :97-179); the command's name since 3.1.2, C/CommandType.java:19",
  ),
  commands: ["register_site", "update_site", "get_authorization_url", "get_tokens_by_code"],
  skip: needsClientManagement,
  async run(t: Ctx) {
    const oxdId = await t.registerSite({ scope: ["openid", "profile"] })
    const updated = await t.ok("update_site", {
      oxd_id: oxdId,
      scope: ["openid", "email"],
      client_name: "renamed by update_site",
    })
    t.expect(updated["oxd_id"] === oxdId, "update_site: expected data.oxd_id to be the site's")
    const data = await t.ok("get_authorization_url", { oxd_id: oxdId })
    const scope = new URL(String(data["authorization_url"])).searchParams.get("scope")?.split(" ") ?? []
    t.expect(
      scope.includes("email") && !scope.includes("profile"),
      `get_authorization_url: expected the updated scope (openid email), got ${scope.join(" ")}`,
    )
    // the OP must still accept the client after the update: a full login proves it
    const tokens = await t.signIn(oxdId)
    t.expect(typeof tokens["id_token"] === "string", "get_tokens_by_code: expected an id_token after update_site")
  },
})

/** The 3.1.0/3.1.1 name, apart: a server without it (oxd 3.1.4) still has update_site checked above. */
export const updateSiteRegistration = scenario({
  id: "update-site-registration",
  title: "update_site_registration, the oxd 3.1.0/3.1.1 name of update_site, changes the registration",
  checks: "update_site_registration: data.oxd_id; the new scope is used by get_authorization_url",
  tags: ["oidc", "compatibility"],
  source: reference(
    'oxd 3.0/3.1.1 documentation, "Update site registration" (command update_site_registration, same params as update_site)',
  ),
  commands: ["register_site", "update_site_registration", "get_authorization_url"],
  skip: needsClientManagement,
  optional:
    "update_site_registration is the oxd 3.1.0/3.1.1 name of update_site; oxd 3.1.4 answers it unsupported_operation (C/CommandType.java:19, audit T12); update_site itself is checked by update-site",
  async run(t: Ctx) {
    const oxdId = await t.registerSite({ scope: ["openid", "profile"] })
    const updated = await t.ok(
      "update_site_registration",
      { oxd_id: oxdId, scope: ["openid", "email"] },
      "for the 3.1.1 command name",
    )
    t.expect(updated["oxd_id"] === oxdId, "update_site_registration: expected data.oxd_id to be the site's")
    const data = await t.ok("get_authorization_url", { oxd_id: oxdId })
    const scope = new URL(String(data["authorization_url"])).searchParams.get("scope")?.split(" ") ?? []
    t.expect(
      scope.includes("email") && !scope.includes("profile"),
      `get_authorization_url: expected the scope set by update_site_registration (openid email), got ${scope.join(" ")}`,
    )
  },
})
