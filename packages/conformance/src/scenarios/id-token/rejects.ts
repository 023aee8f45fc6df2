import { type Ctx, scenario, type IdTokenFault, type Scenario } from "../../scenario.js"

/** One ID-token check: the OP issues a token with one fault, get_tokens_by_code must refuse it with `code`. */
export const rejects = (fault: IdTokenFault, code: string, what: string): Scenario =>
  scenario({
    id: `id-token-${fault.replaceAll("_", "-")}`,
    title: `an ID token with ${what} is refused`,
    checks: `get_tokens_by_code: ${code} for ${what}`,
    tags: ["oidc", "id-token", "security"],
    commands: ["register_site", "get_authorization_url", "get_tokens_by_code"],
    skip: (env) => (env.op.misbehave ? undefined : "the OP cannot be told to issue faulty ID tokens"),
    async run(t: Ctx) {
      const oxdId = await t.registerSite()
      const { code: authCode, state } = await t.authorize(oxdId)
      await t.env.op.misbehave!(fault)
      await t.fails("get_tokens_by_code", { oxd_id: oxdId, code: authCode, state }, code, what)
    },
  })
