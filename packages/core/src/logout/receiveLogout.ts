import { Clock, Effect } from "effect"
import { decodeJwt } from "jose"
import { OxdConfig } from "../config/OxdConfig.js"
import type { LogoutChannel } from "../store/rows.js"
import { Events } from "../services/Events.js"
import { LogoutSessions, type SessionKey } from "../services/LogoutSessions.js"
import { LogoutWebhooks } from "../services/LogoutWebhooks.js"
import { OpenIdProvider } from "../services/OpenIdProvider.js"
import { SiteStore, type Site } from "../services/SiteStore.js"

/** The receivers' answer: 200, or the spec's error body (Back-Channel Logout 1.0 §2.8) with its status. */
export type LogoutAnswer =
  | { readonly status: 200 }
  | { readonly status: 400 | 429 | 500 | 503; readonly error: string; readonly error_description: string }

const OK: LogoutAnswer = { status: 200 }
const invalid = (error_description: string): LogoutAnswer => ({
  status: 400,
  error: "invalid_request",
  error_description,
})
/** Our side failed (the store, the OP's discovery): the OP may retry; never for anything in the request. */
const unavailable = (error_description: string): LogoutAnswer => ({
  status: 503,
  error: "temporarily_unavailable",
  error_description,
})

/** A logout token is a few hundred bytes; anything near this is not one. */
const MAX_TOKEN_CHARS = 16_384
const MAX_AUDIENCES = 10

/** The op_host spellings a site of this issuer may have been registered with (as given: with or without the slash). */
export const opHostsOfIssuer = (iss: string): ReadonlyArray<string> => {
  const bare = iss.replace(/\/+$/, "")
  return [...new Set([iss, bare, `${bare}/`])]
}

/** Records a logout of these sites' sessions and tells the applications (the events stream, their webhooks). */
const recordLogout = (sites: ReadonlyArray<Site>, key: SessionKey, channel: LogoutChannel) =>
  Effect.gen(function* () {
    const sessions = yield* LogoutSessions
    const webhooks = yield* LogoutWebhooks
    for (const site of sites) {
      yield* sessions.end(site, key, channel)
      const webhook = site.metadata["logout_webhook_url"]
      // started, not awaited: the answer to the OP never waits for the application
      yield* webhooks.notify(typeof webhook === "string" ? webhook : undefined, {
        type: "session_logged_out",
        oxd_id: site.oxdId,
        channel,
        sid: key.sid ?? null,
        sub: key.sub ?? null,
        at: yield* Clock.currentTimeMillis,
      })
      yield* Events.publish({
        type: "session_logged_out",
        oxd_id: site.oxdId,
        op_host: site.opHost,
        setup_client_id: site.setupClientId,
        channel,
        sid: key.sid ?? null,
        sub: key.sub ?? null,
      })
    }
  })

/**
 * POST /backchannel-logout's logout_token (Back-Channel Logout 1.0 §2.5–2.8): the site by the token's iss and aud, the
 * token validated in full against that OP (OpenIdProvider.verifyLogoutToken), its jti used once across every
 * instance, then the sessions of its sid and/or sub ended. Every refusal is a 400 that says why; never a failure.
 */
export const receiveBackchannelLogout = (logoutToken: string | undefined) =>
  Effect.gen(function* () {
    if (logoutToken === undefined || logoutToken.length === 0) return invalid("logout_token is missing")
    if (logoutToken.length > MAX_TOKEN_CHARS) return invalid("logout_token is too long to be one")
    // unverified, only to find the site whose OP and keys verify it
    let iss: unknown, aud: unknown
    try {
      ;({ iss, aud } = decodeJwt(logoutToken))
    } catch {
      return invalid("logout_token is not a JWT")
    }
    const audiences = typeof aud === "string" ? [aud] : Array.isArray(aud) ? aud : []
    if (typeof iss !== "string" || iss.length === 0 || iss.length > 2048) return invalid("iss is missing")
    if (audiences.length === 0 || audiences.length > MAX_AUDIENCES || !audiences.every((a) => typeof a === "string"))
      return invalid("aud is missing or not a client_id")
    const store = yield* SiteStore
    const oxdIds = new Set<string>()
    for (const clientId of audiences as ReadonlyArray<string>)
      for (const id of yield* store.oxdIdsOfClient(opHostsOfIssuer(iss), clientId)) oxdIds.add(id)
    if (oxdIds.size === 0) return invalid("no site here is registered with this iss and aud")
    const sites = yield* Effect.forEach([...oxdIds], (id) => store.get(id))
    const first = sites[0]!
    const claims = yield* (yield* OpenIdProvider).verifyLogoutToken(first, logoutToken)
    const config = yield* OxdConfig
    // kept while a replay could still pass the iat check; then the iat check refuses it
    const keepUntil = (claims.iat + config.logout_token_max_age_in_seconds + config.clock_skew_in_seconds + 1) * 1000
    if (!(yield* (yield* LogoutSessions).firstUseOfJti(claims.iss, claims.jti, keepUntil)))
      return invalid("this logout token was received before (its jti is used)")
    yield* recordLogout(sites, { sid: claims.sid, sub: claims.sub }, "backchannel")
    return OK
  }).pipe(
    Effect.catchTags({
      LogoutTokenRefused: (e) => Effect.succeed(invalid(e.description)),
      UnknownOxdId: () => Effect.succeed(invalid("no site here is registered with this iss and aud")),
      OpHostNotAllowed: () => Effect.succeed(unavailable("the OP's keys may not be fetched (allowed_op_hosts)")),
      OpDiscoveryFailed: () => Effect.succeed(unavailable("the OP's discovery document could not be read")),
      OpUnreachable: () => Effect.succeed(unavailable("the OP could not be reached")),
      StoreFailed: () => Effect.succeed(unavailable("the logout could not be recorded")),
    }),
  )

/**
 * GET /frontchannel-logout?iss=…&sid=… (Front-Channel Logout 1.0 §3): ends the sessions of that sid at that OP, of
 * every site that has one. Well-formed requests are answered 200 whether a session was found or not.
 */
export const receiveFrontchannelLogout = (iss: string | undefined, sid: string | undefined) =>
  Effect.gen(function* () {
    if (!iss || !sid)
      return invalid("iss and sid are required (register the site with frontchannel_logout_session_required true)")
    if (iss.length > 2048 || sid.length > 255) return invalid("iss or sid is too long")
    const sessions = yield* LogoutSessions
    const store = yield* SiteStore
    const oxdIds = new Set<string>()
    for (const opHost of opHostsOfIssuer(iss))
      for (const id of yield* sessions.sitesWithSid(opHost, sid)) oxdIds.add(id)
    const sites = yield* Effect.forEach([...oxdIds], (id) =>
      store.get(id).pipe(Effect.catchTag("UnknownOxdId", () => Effect.succeed(undefined))),
    )
    yield* recordLogout(
      sites.filter((s): s is Site => s !== undefined),
      { sid },
      "frontchannel",
    )
    return OK
  }).pipe(Effect.catchTag("StoreFailed", () => Effect.succeed(unavailable("the logout could not be recorded"))))
