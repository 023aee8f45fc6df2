import { type Ctx, scenario } from "../../scenario.js"
import { hardening, reference } from "../../source.js"

const NOT_REGISTERED =
  "bad_request \"'state' is not registered.\" (C/ErrorResponseCode.java:25, S/op/GetTokensByCodeOperation.java:111-113)"

export const wrongState = scenario({
  id: "wrong-state",
  title: "a state this server did not issue is refused",
  checks: "get_tokens_by_code: bad_request \"'state' is not registered.\" for a state not issued for this oxd_id",
  tags: ["oidc", "state", "security"],
  source: reference(NOT_REGISTERED),
  commands: ["register_site", "get_authorization_url", "get_tokens_by_code"],
  async run(t: Ctx) {
    const oxdId = await t.registerSite()
    const { code } = await t.authorize(oxdId)
    // reference: bad_request "'state' is not registered." (ErrorResponseCode.java:25, GetTokensByCodeOperation.java:111-113)
    await t.fails(
      "get_tokens_by_code",
      { oxd_id: oxdId, code, state: "not-a-state-we-issued" },
      "bad_request",
      "a state not issued by the server",
    )
  },
})

export const reusedState = scenario({
  id: "reused-state",
  title: "a state is accepted once: a replayed authorization response is refused",
  checks: "get_tokens_by_code: bad_request for a reused state",
  tags: ["oidc", "state", "security"],
  source: reference(
    `the state is invalidated by the exchange (S/op/GetTokensByCodeOperation.java:85), then ${NOT_REGISTERED}`,
  ),
  commands: ["register_site", "get_authorization_url", "get_tokens_by_code"],
  async run(t: Ctx) {
    const oxdId = await t.registerSite()
    const { code, state } = await t.authorize(oxdId)
    await t.ok("get_tokens_by_code", { oxd_id: oxdId, code, state })
    // reference: bad_request "'state' is not registered." — the state is invalidated after the exchange (GetTokensByCodeOperation.java:85)
    const e = await t.fails("get_tokens_by_code", { oxd_id: oxdId, code, state }, "bad_request", "a reused state")
    // hardening: the description says why (the reference's says only "'state' is not registered.")
    t.expect(
      /used|again/i.test(e.error_description),
      `get_tokens_by_code: the description should say the state was already used, got "${e.error_description}"`,
      hardening(
        "RFC 6749 §10.12 (CSRF), §4.1.2: a state is single-use, and the refusal says it was used already; oxd 3.1.4 says only \"'state' is not registered.\"",
      ),
    )
  },
})

export const crossSiteState = scenario({
  id: "cross-site-state",
  title: "a state issued for one site is refused for another",
  checks: "get_tokens_by_code: bad_request when the state belongs to another oxd_id",
  tags: ["oidc", "state", "security"],
  source: hardening(
    "RFC 6749 §10.12 (CSRF): a state is bound to the site (oxd_id) it was issued for, and a refused attempt does not burn it; oxd 3.1.4's states are global (S/service/StateService.java:54-56): it takes the state and fails at the OP (audit TC6)",
  ),
  commands: ["register_site", "get_authorization_url", "get_tokens_by_code"],
  async run(t: Ctx) {
    const a = await t.registerSite()
    const b = await t.registerSite()
    const { code, state } = await t.authorize(a)
    // hardening: the reference's states are global (StateService.java:54-56): it would accept this one and fail at the OP
    // (internal_error); here a state is bound to its site, refused with the reference's code for an unknown state
    await t.fails("get_tokens_by_code", { oxd_id: b, code, state }, "bad_request", "a state issued for another site")
    // and the state was not burnt by the refused attempt
    await t.ok("get_tokens_by_code", { oxd_id: a, code, state }, "for the site that owns the state")
  },
})

export const expiredState = scenario({
  id: "expired-state",
  title: "a state older than the configured expiry is refused",
  checks: "get_tokens_by_code: bad_request for an expired state",
  tags: ["oidc", "state", "security"],
  source: reference(`states expire from the cache (S/service/StateService.java:33-35), then ${NOT_REGISTERED}`),
  commands: ["register_site", "get_authorization_url", "get_tokens_by_code"],
  skip: (env) => (env.target.shortStateExpiry ? undefined : "the target offers no server with a short state expiry"),
  async run(t: Ctx) {
    const short = t.env.target.shortStateExpiry!
    t.reconnect(() => short.connect())
    const oxdId = await t.registerSite()
    const { code, state } = await t.authorize(oxdId)
    await new Promise((r) => setTimeout(r, short.seconds * 1000 + 500))
    // reference: bad_request "'state' is not registered." (the state cache expires, StateService.java:33-35)
    const e = await t.fails("get_tokens_by_code", { oxd_id: oxdId, code, state }, "bad_request", "an expired state")
    // hardening: the description says why
    t.expect(
      /expire/i.test(e.error_description),
      `get_tokens_by_code: the description should say the state expired, got "${e.error_description}"`,
      hardening(
        "RFC 6749 §10.12: a state is short-lived, and the refusal says it expired; oxd 3.1.4 says only \"'state' is not registered.\"",
      ),
    )
  },
})
