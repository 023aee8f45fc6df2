import { type Ctx, scenario } from "../../scenario.js"
import { reference } from "../../source.js"

const TEXT = "Zürich café 😀"

/**
 * Over TCP the length prefix of a 3.1 client counts UTF-16 units (reference: CoreUtils.java:206-209, oxd-client
 * TransportClient.java:70), which differ from UTF-8 bytes as soon as a param is not ASCII: a server counting bytes
 * waits for bytes that never come (audit T3). The other transports carry the same params.
 */
export const nonAsciiParams = scenario({
  id: "non-ascii-params",
  title: "non-ASCII params (accents, an emoji) reach the server whole",
  checks: `register_site with client_name "${TEXT}"; get_authorization_url with acr_values ["${TEXT}"]: the URL carries them unchanged`,
  tags: ["oidc", "compatibility"],
  source: reference(
    "C/CoreUtils.java:206-209 and oxd-client TransportClient.java:70: a TCP length prefix counts UTF-16 units (audit T3); get_authorization_url passes acr_values to the OP as given (S/op/GetAuthorizationUrlOperation.java)",
  ),
  commands: ["register_site", "get_authorization_url"],
  async run(t: Ctx) {
    const oxdId = await t.registerSite({ client_name: TEXT })
    const r = await t.ok("get_authorization_url", { oxd_id: oxdId, acr_values: [TEXT] }, "with non-ASCII acr_values")
    const acr = new URL(String(r["authorization_url"])).searchParams.get("acr_values")
    t.expect(
      acr === TEXT,
      `get_authorization_url: acr_values should reach the URL as ${JSON.stringify(TEXT)}, got ${JSON.stringify(acr)}`,
    )
  },
})
