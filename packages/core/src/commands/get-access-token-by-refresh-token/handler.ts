import { Effect } from "effect"
import { IdTokenRejected } from "../../errors.js"
import { Events } from "../../services/Events.js"
import { OpenIdProvider } from "../../services/OpenIdProvider.js"
import { SiteStore } from "../../services/SiteStore.js"
import { TokenSubjects } from "../../services/TokenSubjects.js"
import { list } from "../_shared/fields.js"
import { opClientOf } from "../_shared/siteClient.js"
import type { Params } from "./schema.js"

export const handler = Effect.fnUntraced(function* (p: typeof Params.Type) {
  const sites = yield* SiteStore
  const subjects = yield* TokenSubjects
  const site = yield* sites.get(p.oxd_id)
  const [tokens, original] = yield* Effect.all([
    (yield* OpenIdProvider).refresh(opClientOf(site), p.refresh_token, list(p.scope)),
    // the sub of the sign-in that issued this refresh token, when it went through this server and is remembered
    subjects.ofRefreshToken(site.oxdId, p.refresh_token),
  ], { concurrency: 2 })
  const refreshed = tokens.idTokenClaims?.["sub"]
  if (original !== undefined && refreshed !== undefined && refreshed !== original) {
    return yield* new IdTokenRejected({ reason: "unknown", detail: "the refreshed ID token's sub is not the sub of the original sign-in's ID token (OpenID Connect Core 12.2)" })
  }
  // the new access token is bound to the original sub (the one the caller knows: this reply carries no ID token),
  // else to the refreshed ID token's; unknown both ways (a refresh token not obtained here, or forgotten): unbound
  const sub = original ?? (typeof refreshed === "string" ? refreshed : undefined)
  const refreshToken = tokens.refresh_token ?? p.refresh_token
  yield* Effect.all([
    tokens.id_token ? sites.update(site.oxdId, { lastIdToken: tokens.id_token }) : Effect.void,
    sub !== undefined ? subjects.remember(site.oxdId, sub, { accessToken: tokens.access_token, expiresIn: tokens.expires_in, refreshToken }) : Effect.void,
  ], { concurrency: "unbounded", discard: true })
  yield* Events.publish({ type: "tokens_refreshed", oxd_id: site.oxdId, op_host: site.opHost, setup_client_id: site.setupClientId, expires_in: tokens.expires_in ?? null })
  return {
    access_token: tokens.access_token,
    expires_in: tokens.expires_in ?? null,
    // an OP that does not rotate refresh tokens keeps the old one valid
    refresh_token: refreshToken,
  }
})
