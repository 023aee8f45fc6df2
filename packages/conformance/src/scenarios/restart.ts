import { type Ctx, scenario } from "../scenario.js"

export const restartSurvival = scenario({
  id: "restart-survival",
  title: "a restart loses nothing: sites and pending authorization requests survive",
  checks: "after a restart on the same store: get_tokens_by_code for a state issued before it → status ok",
  tags: ["oidc", "durability"],
  commands: ["register_site", "get_authorization_url", "get_tokens_by_code"],
  skip: (env) => (env.target.restart ? undefined : "the suite cannot restart the target"),
  async run(t: Ctx) {
    const oxdId = await t.registerSite()
    const { code, state } = await t.authorize(oxdId)
    await t.env.target.restart!()
    t.reconnect()
    const tokens = await t.ok("get_tokens_by_code", { oxd_id: oxdId, code, state }, "for a state issued before the restart")
    t.expect(typeof tokens["id_token"] === "string", "get_tokens_by_code: expected an id_token after the restart")
    await t.ok("get_authorization_url", { oxd_id: oxdId }, "for a site registered before the restart")
  },
})
