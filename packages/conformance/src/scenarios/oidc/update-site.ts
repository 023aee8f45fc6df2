import { type Ctx, scenario } from "../../scenario.js"
import { reference } from "../../source.js"

export const updateSite = scenario({
  id: "update-site",
  title: "update_site (and its 3.1.1 name update_site_registration) changes the registration",
  checks: "update_site: data.oxd_id; the new scope is used by get_authorization_url; update_site_registration is accepted",
  tags: ["oidc"],
  source: reference("S/op/UpdateSiteOperation.java:47-179 (scope applied, :97-179); update_site_registration: the oxd 3.0/3.1.1 documentation, \"Update site registration\""),
  commands: ["register_site", "update_site", "update_site_registration", "get_authorization_url", "get_tokens_by_code"],
  async run(t: Ctx) {
    const oxdId = await t.registerSite({ scope: ["openid", "profile"] })
    const updated = await t.ok("update_site", { oxd_id: oxdId, scope: ["openid", "email"], client_name: "renamed by update_site" })
    t.expect(updated["oxd_id"] === oxdId, "update_site: expected data.oxd_id to be the site's")
    const data = await t.ok("get_authorization_url", { oxd_id: oxdId })
    const scope = new URL(String(data["authorization_url"])).searchParams.get("scope")?.split(" ") ?? []
    t.expect(scope.includes("email") && !scope.includes("profile"), `get_authorization_url: expected the updated scope (openid email), got ${scope.join(" ")}`)
    await t.ok("update_site_registration", { oxd_id: oxdId, scope: ["openid", "profile", "email"] }, "for the 3.1.1 command name")
    // the OP must still accept the client after the update: a full login proves it
    const tokens = await t.signIn(oxdId)
    t.expect(typeof tokens["id_token"] === "string", "get_tokens_by_code: expected an id_token after update_site")
  },
})
