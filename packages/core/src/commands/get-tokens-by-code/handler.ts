import { Effect } from "effect"
import { Events } from "../../services/Events.js"
import { OpenIdProvider } from "../../services/OpenIdProvider.js"
import { SiteStore } from "../../services/SiteStore.js"
import { StateStore } from "../../services/StateStore.js"
import { TokenSubjects } from "../../services/TokenSubjects.js"
import { toClaimLists } from "../_shared/claims.js"
import { refusedAsInternalError } from "../_shared/refusal.js"
import { opClientOf } from "../_shared/siteClient.js"
import type { Params } from "./schema.js"

export const handler = Effect.fnUntraced(function* (p: typeof Params.Type) {
  // the state before the oxd_id, as the reference checks them (GetTokensByCodeOperation.validate, then getRp);
  // consumed before the exchange: a replayed response fails even if the first exchange is still running
  const pending = yield* (yield* StateStore).consume(p.oxd_id, p.state)
  const sites = yield* SiteStore
  const site = yield* sites.get(p.oxd_id)
  const { tokens, claims } = yield* (yield* OpenIdProvider).exchangeCode(opClientOf(site), {
    code: p.code,
    state: p.state,
    nonce: pending.nonce,
    codeVerifier: pending.codeVerifier,
    redirectUri: site.authorizationRedirectUri ?? "",
  }).pipe(
    // the OP refusing the code: the reference's operation returns null there (GetTokensByCodeOperation.java:98-101)
    Effect.catchTag("OpRejected", refusedAsInternalError("The code exchange", "the OP refused the authorization code")),
  )
  const idToken = tokens.id_token ?? ""
  const sub = claims["sub"]
  yield* Effect.all([
    sites.update(site.oxdId, { lastIdToken: idToken }),
    // get_user_info refuses a userinfo answer about another subject than this ID token's (OpenID Connect Core 5.3.2)
    typeof sub === "string"
      ? (yield* TokenSubjects).remember(site.oxdId, sub, { accessToken: tokens.access_token, expiresIn: tokens.expires_in, refreshToken: tokens.refresh_token })
      : Effect.void,
  ], { concurrency: "unbounded", discard: true })
  yield* Events.publish({ type: "tokens_issued", oxd_id: site.oxdId, op_host: site.opHost, setup_client_id: site.setupClientId, expires_in: tokens.expires_in ?? null, refresh_token_issued: tokens.refresh_token !== undefined })
  return {
    access_token: tokens.access_token,
    // the reference's -1 when the OP gives no expires_in (GetTokensByCodeOperation)
    expires_in: tokens.expires_in ?? -1,
    refresh_token: tokens.refresh_token ?? null,
    id_token: idToken,
    id_token_claims: toClaimLists(claims),
  }
})
