import { Effect } from "effect"
import { IdTokenRejected, OperationFailed } from "../../errors.js"
import { Events } from "../../services/Events.js"
import { receivesLogout } from "../../logout/endpoints.js"
import { LogoutSessions } from "../../services/LogoutSessions.js"
import { OpenIdProvider } from "../../services/OpenIdProvider.js"
import { SiteStore } from "../../services/SiteStore.js"
import { TokenSubjects } from "../../services/TokenSubjects.js"
import { list, present } from "../_shared/fields.js"
import { refusedAsInternalError } from "../_shared/refusal.js"
import { opClientOf } from "../_shared/siteClient.js"
import type { Params } from "./schema.js"

/**
 * The scope asked for: openid and the caller's, as the reference asks (scopeAsString); none when the caller names
 * none, so the token keeps the sign-in's scopes (the reference's "openid" alone would narrow it at an OP that honours
 * a narrower refresh scope; oxAuth 3.1.4 does not, so 3.1 apps kept their scopes).
 */
const scopeOf = (scope: ReadonlyArray<string> | null | undefined) => {
  const asked = list(scope)
  return asked && [...new Set(["openid", ...asked])]
}

export const handler = Effect.fnUntraced(function* (p: typeof Params.Type) {
  const sites = yield* SiteStore
  const subjects = yield* TokenSubjects
  const site = yield* sites.get(p.oxd_id)
  const sent = p.refresh_token
  if (!present(sent)) {
    // the reference sends it anyway and the OP refuses: internal_error, the same answer without the round trip
    return yield* new OperationFailed({ operation: "The refresh", detail: "refresh_token is empty or not specified" })
  }
  const [tokens, original] = yield* Effect.all(
    [
      (yield* OpenIdProvider).refresh(opClientOf(site), sent, scopeOf(p.scope)).pipe(
        // the reference answers every failure of the refresh with internal_error (GetAccessTokenByRefreshTokenOperation)
        Effect.catchTag("OpRejected", refusedAsInternalError("The refresh", "the OP refused the refresh token")),
      ),
      // the sub of the sign-in that issued this refresh token, when it went through this server and is remembered
      subjects.ofRefreshToken(site.oxdId, sent),
    ],
    { concurrency: 2 },
  )
  const refreshed = tokens.idTokenClaims?.["sub"]
  if (original !== undefined && refreshed !== undefined && refreshed !== original) {
    return yield* new IdTokenRejected({
      reason: "unknown",
      detail:
        "the refreshed ID token's sub is not the sub of the original sign-in's ID token (OpenID Connect Core 12.2)",
    })
  }
  // the new access token is bound to the original sub (the one the caller knows: this reply carries no ID token),
  // else to the refreshed ID token's; unknown both ways (a refresh token not obtained here, or forgotten): unbound
  const sub = original ?? (typeof refreshed === "string" ? refreshed : undefined)
  // an OP that does not rotate refresh tokens keeps the old one valid: its record stays with it
  const refreshToken = tokens.refresh_token ?? sent
  yield* Effect.all(
    [
      tokens.id_token ? sites.update(site.oxdId, { lastIdToken: tokens.id_token }) : Effect.void,
      sub !== undefined
        ? subjects.remember(site.oxdId, sub, {
            accessToken: tokens.access_token,
            expiresIn: tokens.expires_in,
            refreshToken,
          })
        : Effect.void,
      // a refreshed ID token names the session too (a logged-out one stays so)
      tokens.idTokenClaims && receivesLogout(site)
        ? (yield* LogoutSessions).remember(site, tokens.idTokenClaims)
        : Effect.void,
    ],
    { concurrency: "unbounded", discard: true },
  )
  yield* Events.publish({
    type: "tokens_refreshed",
    oxd_id: site.oxdId,
    op_host: site.opHost,
    setup_client_id: site.setupClientId,
    expires_in: tokens.expires_in ?? null,
  })
  // the reference's reply (GetClientTokenResponse): the OP's values, scope included; -1 as get_tokens_by_code says it
  return {
    access_token: tokens.access_token,
    expires_in: tokens.expires_in ?? -1,
    refresh_token: tokens.refresh_token ?? null,
    scope: tokens.scope ?? null,
  }
})
