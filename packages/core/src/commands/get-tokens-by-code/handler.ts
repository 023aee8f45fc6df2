import { Effect } from "effect"
import { Events } from "../../services/Events.js"
import { receivesLogout } from "../../logout/endpoints.js"
import { LogoutSessions } from "../../services/LogoutSessions.js"
import { OpenIdProvider } from "../../services/OpenIdProvider.js"
import { SiteStore } from "../../services/SiteStore.js"
import { StateStore } from "../../services/StateStore.js"
import { TokenSubjects } from "../../services/TokenSubjects.js"
import type { CallContext } from "../../CallContext.js"
import { toClaimLists } from "../_shared/claims.js"
import { refusedAsInternalError } from "../_shared/refusal.js"
import { opClientOf } from "../_shared/siteClient.js"
import type { Params } from "./schema.js"
import { redirectUriAt } from "../_shared/redirectUris.js"

export const handler = Effect.fnUntraced(function* (p: typeof Params.Type, ctx: CallContext) {
  const states = yield* StateStore
  const sites = yield* SiteStore
  const op = yield* OpenIdProvider
  // what fails here, before anything goes to the token endpoint (no such site, credentials its auth method cannot use,
  // no discovery), leaves the state usable for a retry; a bad state is still reported first, as the reference checks
  // the state before the oxd_id (GetTokensByCodeOperation.validate, then getRp)
  const beforeTheState = <A, E, R>(step: Effect.Effect<A, E, R>) =>
    Effect.catch(step, (e) => Effect.andThen(states.check(p.oxd_id, p.state), Effect.fail(e)))
  const site = yield* beforeTheState(sites.get(p.oxd_id))
  const client = opClientOf(site)
  yield* beforeTheState(op.readyToAuthenticate(client))
  // consumed before the exchange: a replayed response fails even if the first exchange is still running
  const pending = yield* states.consume(p.oxd_id, p.state)
  const { tokens, claims } = yield* op
    .exchangeCode(client, {
      code: p.code,
      state: p.state,
      nonce: pending.nonce,
      codeVerifier: pending.codeVerifier,
      // the one the authorization request named (oxd 4.x's get_authorization_url redirect_uri), carried by the state
      redirectUri: redirectUriAt(site, pending.redirect),
    })
    .pipe(
      // the OP refusing the code: the reference's operation returns null there (GetTokensByCodeOperation.java:98-101)
      Effect.catchTag(
        "OpRejected",
        refusedAsInternalError("The code exchange", "the OP refused the authorization code"),
      ),
    )
  const idToken = tokens.id_token ?? ""
  const sub = claims["sub"]
  yield* Effect.all(
    [
      sites.update(site.oxdId, { lastIdToken: idToken }),
      // get_user_info refuses a userinfo answer about another subject than this ID token's (OpenID Connect Core 5.3.2)
      typeof sub === "string"
        ? (yield* TokenSubjects).remember(site.oxdId, sub, {
            accessToken: tokens.access_token,
            expiresIn: tokens.expires_in,
            refreshToken: tokens.refresh_token,
          })
        : Effect.void,
      // the OP session (sid, sub) a logout from the OP will name
      receivesLogout(site) ? (yield* LogoutSessions).remember(site, claims) : Effect.void,
    ],
    { concurrency: "unbounded", discard: true },
  )
  yield* Events.publish({
    type: "tokens_issued",
    oxd_id: site.oxdId,
    op_host: site.opHost,
    setup_client_id: site.setupClientId,
    expires_in: tokens.expires_in ?? null,
    refresh_token_issued: tokens.refresh_token !== undefined,
  })
  return {
    access_token: tokens.access_token,
    // the reference's -1 when the OP gives no expires_in (GetTokensByCodeOperation)
    expires_in: tokens.expires_in ?? -1,
    refresh_token: tokens.refresh_token ?? null,
    id_token: idToken,
    // oxd 4.x: the claims as the token carries them (Result4, encoded by dispatch on the 4.x API)
    id_token_claims: ctx.api === "4" ? (claims as never) : toClaimLists(claims),
  }
})
