import { type Ctx, scenario, type IdTokenFault, type Scenario } from "../../scenario.js"

/**
 * One ID-token check: the OP issues a token with one fault, get_tokens_by_code must refuse it with `code`; `reason`,
 * when given, must be found in the description.
 */
export const rejects = (fault: IdTokenFault, code: string, what: string, reason?: RegExp): Scenario =>
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
      const e = await t.fails("get_tokens_by_code", { oxd_id: oxdId, code: authCode, state }, code, what)
      // hardening: the reference's description is the same for every fault ("please check oxd-server.log"); here it says which
      if (reason) t.expect(reason.test(e.error_description), `get_tokens_by_code: the description should name the fault (${reason}), got "${e.error_description}"`)
    },
  })
