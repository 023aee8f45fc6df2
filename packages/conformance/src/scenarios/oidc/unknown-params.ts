import { type Ctx, scenario } from "../../scenario.js"
import { reference } from "../../source.js"

export const unknownParams = scenario({
  id: "unknown-params",
  title: "unknown extra params are ignored, as client libraries send their whole configuration",
  checks: "every command: unknown params ignored, not rejected; null for an optional param means absent",
  tags: ["oidc", "compatibility"],
  source: reference(
    "unknown params ignored: @JsonIgnoreProperties(ignoreUnknown = true) on every params class, C/params/*.java (audit X4); a null param is an absent one (Jackson, S/Convertor.java:226-241)",
  ),
  commands: ["register_site", "get_authorization_url"],
  async run(t: Ctx) {
    const oxdId = await t.registerSite({
      oxd_host: "localhost",
      oxd_port: 8099,
      some_future_flag: true,
      client_name: null,
      acr_values: null,
    })
    await t.ok(
      "get_authorization_url",
      { oxd_id: oxdId, https_extension: false, extra: { nested: [1, 2] }, prompt: null },
      "with unknown params",
    )
  },
})
