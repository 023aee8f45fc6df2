import { type Ctx, scenario } from "../../scenario.js"
import { reference } from "../../source.js"

export const removeSite = scenario({
  id: "remove-site",
  title: "remove_site forgets the site: its oxd_id stops working",
  checks: "remove_site: data.oxd_id; then get_authorization_url → invalid_oxd_id",
  tags: ["oidc"],
  source: reference(
    "S/op/RemoveSiteOperation.java:28-34, C/response/RemoveSiteResponse.java:10-11; then invalid_oxd_id (C/ErrorResponseCode.java:42, S/op/GetAuthorizationUrlOperation.java:40)",
  ),
  commands: ["register_site", "remove_site", "get_authorization_url"],
  async run(t: Ctx) {
    const oxdId = await t.registerSite()
    const removed = await t.ok("remove_site", { oxd_id: oxdId })
    t.expect(removed["oxd_id"] === oxdId, "remove_site: expected data.oxd_id")
    await t.fails("get_authorization_url", { oxd_id: oxdId }, "invalid_oxd_id", "a removed site")
  },
})
