import { type Ctx, scenario, type IdTokenFault, type Scenario } from "../../scenario.js"
import { hardening, reference } from "../../source.js"

/** Where oxd 3.1.4 refuses each fault (audit TC12-TC21): all but the nonce and at_hash are wrapped into invalid_id_token_unknown. */
const REFERENCE: Readonly<Record<IdTokenFault, string>> = {
  bad_signature:
    "S/op/Validator.java:140-156: the signature fails, and the specific code is replaced by invalid_id_token_unknown (:157-160)",
  wrong_nonce: "S/op/Validator.java:78-83: a nonce oxd did not issue is invalid_nonce (C/ErrorResponseCode.java:30)",
  wrong_aud: "S/op/Validator.java:114,122: a wrong audience, replaced by invalid_id_token_unknown (:157-160)",
  expired: "S/op/Validator.java:128-131: an expired ID token, replaced by invalid_id_token_unknown (:157-160)",
  wrong_issuer: "S/op/Validator.java:134-137: a wrong issuer, replaced by invalid_id_token_unknown (:157-160)",
  bad_at_hash: "S/op/Validator.java:46-58: invalid_access_token_bad_hash (C/ErrorResponseCode.java:39)",
  unknown_kid:
    "S/service/PublicOpKeyService.java:36-64: no key for the kid, so the signature fails: invalid_id_token_unknown (S/op/Validator.java:157-160)",
}

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
    source: reference(REFERENCE[fault]),
    commands: ["register_site", "get_authorization_url", "get_tokens_by_code"],
    skip: (env) => (env.op.misbehave ? undefined : "the OP cannot be told to issue faulty ID tokens"),
    async run(t: Ctx) {
      const oxdId = await t.registerSite()
      const { code: authCode, state } = await t.authorize(oxdId)
      await t.env.op.misbehave!(fault)
      const e = await t.fails("get_tokens_by_code", { oxd_id: oxdId, code: authCode, state }, code, what)
      // hardening: the reference's description is the same for every fault ("please check oxd-server.log"); here it says which
      if (reason)
        t.expect(
          reason.test(e.error_description),
          `get_tokens_by_code: the description should name the fault (${reason}), got "${e.error_description}"`,
          hardening(
            'OpenID Connect Core 3.1.3.7: each ID token check is its own refusal, and the caller is told which failed; oxd 3.1.4 says only "please check oxd-server.log"',
          ),
        )
    },
  })
