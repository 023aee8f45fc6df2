import { type Ctx, scenario } from "../../scenario.js"
import { reference } from "../../source.js"

export const setupClient = scenario({
  id: "setup-client",
  title: "setup_client registers the protection client; get_client_token gets it a token",
  checks:
    "setup_client: setup_client_oxd_id, client_id, client_secret, registration token/uri, op_host, oxd_id (deprecated); get_client_token: access_token, expires_in",
  tags: ["oidc", "protection"],
  source: reference(
    "S/op/SetupClientOperation.java:39-103, C/response/SetupClientResponse.java:12-33; S/op/GetClientTokenOperation.java:44-108 (an OP refusing the client, e.g. a wrong client_secret: internal_error, :75-97)",
  ),
  commands: ["setup_client", "get_client_token"],
  async run(t: Ctx) {
    const data = await t.ok("setup_client", {
      op_host: t.env.op.issuer,
      authorization_redirect_uri: t.env.redirectUri,
      scope: ["openid", "uma_protection"],
      ...t.authParams().registration,
    })
    for (const key of [
      "setup_client_oxd_id",
      "client_id",
      "client_secret",
      "op_host",
      "oxd_id",
      "client_id_of_oxd_id",
    ]) {
      t.expect(typeof data[key] === "string" && String(data[key]).length > 0, `setup_client: expected data.${key}`)
    }
    t.expect(
      data["setup_client_oxd_id"] !== data["oxd_id"],
      "setup_client: the setup client and the deprecated site must be two sites",
    )
    // RFC 7591 §3.2.1: the OP returns registration_access_token with RFC 7592 client management; one without it has none
    if (t.env.op.clientManagement !== false)
      t.expect(
        typeof data["client_registration_access_token"] === "string",
        "setup_client: expected client_registration_access_token",
      )
    const token = await t.ok("get_client_token", {
      ...t.authParams().token,
      op_host: t.env.op.issuer,
      client_id: data["client_id"],
      client_secret: data["client_secret"],
      scope: ["oxd", "uma_protection"],
    })
    t.expect(typeof token["access_token"] === "string", "get_client_token: expected data.access_token")
    t.expect(typeof token["expires_in"] === "number", "get_client_token: expected data.expires_in")
    // reference: GetClientTokenOperation.java:75-97 answers the OP's refusal with internal_error (audit GC5, X9)
    await t.fails(
      "get_client_token",
      {
        ...t.authParams().token,
        op_host: t.env.op.issuer,
        client_id: data["client_id"],
        client_secret: "wrong-secret",
      },
      "internal_error",
      "a wrong client_secret (the OP answers invalid_client)",
    )
  },
})
