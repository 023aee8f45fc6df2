import { type Ctx, scenario } from "../../scenario.js"
import { reference } from "../../source.js"

export const keyRotation = scenario({
  id: "id-token-key-rotation",
  title: "after the OP rotates its signing key, ID tokens with the new kid are accepted (JWKS refetched)",
  checks: "get_tokens_by_code: status ok for an ID token signed with a kid published after the server cached the JWKS",
  tags: ["oidc", "id-token"],
  source: reference(
    "S/service/PublicOpKeyService.java:36-59: keys are cached per (JWKS URI, kid); a kid not in the cache is fetched from the OP's JWKS",
  ),
  commands: ["register_site", "get_authorization_url", "get_tokens_by_code"],
  skip: (env) => (env.op.rotateKeys ? undefined : "the OP cannot be told to rotate its keys"),
  async run(t: Ctx) {
    const oxdId = await t.registerSite()
    await t.signIn(oxdId) // the server now holds the current JWKS
    await t.env.op.rotateKeys!()
    const tokens = await t.signIn(oxdId)
    t.expect(typeof tokens["id_token"] === "string", "get_tokens_by_code: expected an id_token signed with the new key")
  },
})
