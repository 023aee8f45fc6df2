import { type Ctx, scenario } from "../scenario.js"
import { hardening, reference } from "../source.js"

const PENDING_LOGINS = hardening(
  "availability: a login begun before a restart (or on another instance) completes, states are sealed rather than held in memory; oxd 3.1.4 keeps them in an in-memory cache (S/service/StateService.java:33-38): lost on restart (audit F16)",
)

export const restartSurvival = scenario({
  id: "restart-survival",
  title: "a restart loses nothing: sites and pending authorization requests survive",
  checks: "after a restart on the same store: get_tokens_by_code for a state issued before it → status ok",
  tags: ["oidc", "durability"],
  source: reference(
    "sites are persisted and loaded at start (S/service/RpService.java:46-65, persistence.PersistenceService)",
  ),
  commands: ["register_site", "get_authorization_url", "get_tokens_by_code"],
  skip: (env) => (env.target.restart ? undefined : "the suite cannot restart the target"),
  async run(t: Ctx) {
    const oxdId = await t.registerSite()
    const { code, state } = await t.authorize(oxdId)
    await t.env.target.restart!()
    t.reconnect()
    const tokens = await t.ok(
      "get_tokens_by_code",
      { oxd_id: oxdId, code, state },
      "for a state issued before the restart",
      PENDING_LOGINS,
    )
    t.expect(
      typeof tokens["id_token"] === "string",
      "get_tokens_by_code: expected an id_token after the restart",
      PENDING_LOGINS,
    )
    await t.ok("get_authorization_url", { oxd_id: oxdId }, "for a site registered before the restart")
  },
})
