import { randomUUID } from "node:crypto"
import { type Ctx, scenario, type Env, type Scenario } from "../../scenario.js"
import { hardening } from "../../source.js"

const EVENT = "http://schemas.openid.net/event/backchannel-logout"
/** oxd 3.1.4 has no logout receiver: every check here is oxd-ts's (issue 26), so strict only. */
const SPEC = hardening(
  "OpenID Connect Back-Channel Logout 1.0 §2.4-2.8: a logout token is validated in full (signature, iss, aud, iat, exp, jti once, events, sid/sub, no nonce) and an invalid one answered 400; oxd 3.1.4 receives none",
)
const COMMANDS = ["register_site", "get_authorization_url", "get_tokens_by_code", "check_session"]
const skip = (env: Env) =>
  !env.op.signJwt
    ? "the OP cannot sign logout tokens for the suite"
    : !env.target.backchannelLogout
      ? "the suite cannot reach the server's back-channel logout receiver"
      : undefined

/** A site whose logout tokens carry sid, signed in: its oxd_id, client_id, and the session's sid and sub. */
const signedInSite = async (t: Ctx) => {
  const oxdId = await t.registerSite({
    backchannel_logout_uri: "https://client.example.org/backchannel-logout",
    backchannel_logout_session_required: true,
  })
  const { code, state, url } = await t.authorize(oxdId)
  const tokens = await t.ok("get_tokens_by_code", { oxd_id: oxdId, code, state })
  const claims = tokens["id_token_claims"] as Record<string, ReadonlyArray<string>>
  const sid = claims["sid"]?.[0]
  const sub = claims["sub"]?.[0]
  t.expect(typeof sid === "string", "get_tokens_by_code: the OP's ID token should carry sid (session required)")
  return { oxdId, clientId: url.searchParams.get("client_id")!, sid: sid!, sub: sub! }
}

const logoutClaims = (t: Ctx, site: { clientId: string; sid: string; sub: string }) => ({
  iss: t.env.op.issuer,
  aud: site.clientId,
  iat: Math.floor(Date.now() / 1000),
  jti: randomUUID(),
  sid: site.sid,
  sub: site.sub,
  events: { [EVENT]: {} },
})

const statusOf = async (t: Ctx, oxdId: string, sid: string) =>
  (await t.ok("check_session", { oxd_id: oxdId, sid }))["status"]

export const logoutBackchannel: Scenario = scenario({
  id: "logout-backchannel",
  title: "a valid back-channel logout token ends the session, once",
  checks: "backchannel logout: 200, check_session logged_out; the same token again: 400",
  tags: ["oidc", "logout", "security"],
  source: SPEC,
  commands: COMMANDS,
  skip,
  async run(t: Ctx) {
    const site = await signedInSite(t)
    t.expect((await statusOf(t, site.oxdId, site.sid)) === "active", "check_session: expected active after sign-in")
    const token = await t.env.op.signJwt!(logoutClaims(t, site))
    const first = await t.env.target.backchannelLogout!(token)
    t.expect(
      first.status === 200,
      `backchannel logout: expected 200, got ${first.status} ${JSON.stringify(first.body)}`,
    )
    const state = await t.ok("check_session", { oxd_id: site.oxdId, sid: site.sid })
    t.expect(
      state["status"] === "logged_out" &&
        state["channel"] === "backchannel" &&
        typeof state["logged_out_at"] === "number",
      `check_session: expected logged_out by backchannel, got ${JSON.stringify(state)}`,
    )
    const replay = await t.env.target.backchannelLogout!(token)
    t.expect(
      replay.status === 400,
      `backchannel logout: a replayed token (same jti) should be 400, got ${replay.status}`,
    )
  },
})

type Fault = "bad_signature" | "wrong_aud" | "wrong_iss" | "missing_events" | "with_nonce" | "replayed_jti" | "expired"

const FAULTS: Readonly<Record<Fault, string>> = {
  bad_signature: "a bad signature",
  wrong_aud: "another client's aud",
  wrong_iss: "another issuer",
  missing_events: "no events claim",
  with_nonce: "a nonce",
  replayed_jti: "a jti used before",
  expired: "an exp in the past",
}

/** A logout token with one fault is refused (400 invalid_request) and the session stays active. */
export const logoutRefuses = (fault: Fault): Scenario =>
  scenario({
    id: `logout-backchannel-${fault.replaceAll("_", "-")}`,
    title: `a back-channel logout token with ${FAULTS[fault]} is refused`,
    checks: `backchannel logout: 400 invalid_request for ${FAULTS[fault]}; check_session still active`,
    tags: ["oidc", "logout", "security"],
    source: SPEC,
    commands: COMMANDS,
    skip,
    async run(t: Ctx) {
      const site = await signedInSite(t)
      const claims: Record<string, unknown> = logoutClaims(t, site)
      const now = Math.floor(Date.now() / 1000)
      if (fault === "wrong_aud") claims["aud"] = "another-client"
      if (fault === "wrong_iss") claims["iss"] = "https://op.example.invalid"
      if (fault === "missing_events") delete claims["events"]
      if (fault === "with_nonce") claims["nonce"] = "n-0S6_WzA2Mj"
      if (fault === "expired") Object.assign(claims, { iat: now - 7200, exp: now - 3600 })
      let token = await t.env.op.signJwt!(claims, fault === "bad_signature" ? { key: "impostor" } : {})
      if (fault === "replayed_jti") {
        // a first token of another sid (its session unknown here) uses the jti; the second, of this session, reuses it
        const first = await t.env.op.signJwt!({ ...claims, sid: `other-${randomUUID()}`, sub: "someone-else" })
        const used = await t.env.target.backchannelLogout!(first)
        t.expect(used.status === 200, `backchannel logout: expected 200 for the first token, got ${used.status}`)
        token = await t.env.op.signJwt!(claims)
      }
      const answer = await t.env.target.backchannelLogout!(token)
      const body = answer.body as { error?: unknown } | undefined
      t.expect(
        answer.status === 400 && body?.error === "invalid_request",
        `backchannel logout: expected 400 invalid_request for ${FAULTS[fault]}, got ${answer.status} ${JSON.stringify(answer.body)}`,
      )
      t.expect(
        (await statusOf(t, site.oxdId, site.sid)) === "active",
        `check_session: the session should stay active after a refused logout token (${FAULTS[fault]})`,
      )
    },
  })

export const logoutScenarios: ReadonlyArray<Scenario> = [
  logoutBackchannel,
  ...(Object.keys(FAULTS) as Fault[]).map(logoutRefuses),
]
