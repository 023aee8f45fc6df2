import { randomUUID } from "node:crypto"
import { Effect, Schema } from "effect"
import { OperationFailed } from "../../errors.js"
import { OpenIdProvider } from "../../services/OpenIdProvider.js"
import { SiteStore } from "../../services/SiteStore.js"
import { OxdId, optional, present, ProtectionAccessToken, Text, textOf } from "./fields.js"
import { passwordLogin } from "./passwordLogin.js"

/** AuthorizationCodeFlowParams / ImplicitFlowParams (C/params/*.java on GluuFederation/oxd master). */
export const PasswordFlowFields = {
  oxd_id: OxdId,
  redirect_url: textOf(Schema.NonEmptyString, { description: "The client's registered redirect URI." }),
  client_id: textOf(Schema.NonEmptyString, { description: "The client to log in for (not necessarily the site's)." }),
  client_secret: textOf(Schema.NonEmptyString, {
    description: "Its secret (client_secret_basic at the token endpoint).",
  }),
  user_id: textOf(Schema.NonEmptyString, { description: "The user's name at the OP." }),
  user_secret: textOf(Schema.NonEmptyString, { description: "The user's password at the OP." }),
  scope: optional(Text).annotate({ description: "Scopes, space-separated; openid when absent." }),
  nonce: optional(Text).annotate({ description: "The nonce of the request (random when absent)." }),
  protection_access_token: ProtectionAccessToken,
}

/** AuthorizationCodeFlowResponse / ImplicitFlowResponse (C/response/*.java on master). */
export const PasswordFlowResult = Schema.Struct({
  access_token: Schema.String.annotate({ description: "The access token the OP issued." }),
  expires_in_seconds: Schema.NullOr(Schema.Int).annotate({
    description: "The OP's expires_in; null when it gave none.",
  }),
  refresh_token: Schema.NullOr(Schema.String).annotate({
    description: "The refresh token; null when the OP gave none.",
  }),
  authorization_code: Schema.String.annotate({ description: "The code the login returned (already exchanged)." }),
  scope: Schema.NullOr(Schema.String).annotate({ description: "The granted scope, as the token answer gives it." }),
  id_token: Schema.NullOr(Schema.String).annotate({
    description: "The ID token (validated: signature, issuer, audience, nonce); null when the OP gave none.",
  }),
})

/**
 * AuthorizationCodeFlowOperation.java:50-107 / ImplicitFlowOperation.java:46-102 on master: at the site's OP, an
 * authorization request for the given client with prompt=none and the user's credentials, then the code exchanged
 * with client_secret_basic. Here the state is random and checked, and the exchange is get_tokens_by_code's (its ID
 * token validated on the one path: signature, nonce, audience…); response_type is code for both (the reference asks
 * code id_token, a hybrid response, for both).
 */
export const passwordFlow = (p: {
  readonly oxd_id: string
  readonly redirect_url: string
  readonly client_id: string
  readonly client_secret: string
  readonly user_id: string
  readonly user_secret: string
  readonly scope?: string | null | undefined
  readonly nonce?: string | null | undefined
  readonly acr?: string | null | undefined
}) =>
  Effect.gen(function* () {
    const site = yield* (yield* SiteStore).get(p.oxd_id)
    const op = yield* OpenIdProvider
    const meta = yield* op.discover(site.opHost, site.opDiscoveryPath)
    if (!meta.authorization_endpoint)
      return yield* new OperationFailed({
        operation: "Logging the user in at the OP",
        detail: "the OP names no authorization_endpoint",
      })
    const state = randomUUID()
    const nonce = present(p.nonce) ? p.nonce : randomUUID()
    const scope = present(p.scope) ? p.scope : "openid"
    const url = new URL(meta.authorization_endpoint)
    for (const [k, v] of Object.entries({
      response_type: "code",
      client_id: p.client_id,
      redirect_uri: p.redirect_url,
      scope,
      state,
      nonce,
      prompt: "none",
      ...(present(p.acr) ? { acr_values: p.acr } : {}),
    }))
      url.searchParams.set(k, v)
    const response = yield* passwordLogin(url.href, p.user_id, p.user_secret)
    const code = response.get("code")
    if (!code || response.get("state") !== state)
      return yield* new OperationFailed({
        operation: "Logging the user in at the OP",
        detail: "the OP's redirect carries no code, or not the state sent",
      })
    const { tokens } = yield* op.exchangeCode(
      {
        opHost: site.opHost,
        opDiscoveryPath: site.opDiscoveryPath,
        clientId: p.client_id,
        clientSecret: p.client_secret,
        authMethod: "client_secret_basic",
      },
      { code, redirectUri: p.redirect_url, state, nonce, codeVerifier: null },
    )
    const reply: typeof PasswordFlowResult.Type = {
      access_token: tokens.access_token,
      expires_in_seconds: tokens.expires_in ?? null,
      refresh_token: tokens.refresh_token ?? null,
      authorization_code: code,
      scope: tokens.scope ?? null,
      id_token: tokens.id_token ?? null,
    }
    return reply
  })
