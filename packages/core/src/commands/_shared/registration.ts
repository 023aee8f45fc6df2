import { Effect, Schema } from "effect"
import type { Config } from "../../config/OxdConfig.js"
import { InvalidParams, MissingOpHost, OperationFailed } from "../../errors.js"
import type { RegistrationResponse } from "../../services/OpenIdProvider.js"
import { normalizeOpHost, requestedOpHost } from "../../services/opHosts/opHost.js"
import type { NewSite } from "../../services/SiteStore.js"
import { isSiteAuthMethod, SITE_AUTH_METHODS } from "../../services/clientAuthMethods.js"
import { checkAlgorithm } from "./algorithms.js"
import { Flag, list, optional, present, ProtectionAccessToken, StringList, Text } from "./fields.js"
import { opLocation } from "./opLocation.js"
import { registration4xMetadata, Registration4xFields } from "./registration4x.js"
import { LogoutFields, logoutMetadata, logoutWebhook } from "./logoutRegistration.js"

const Uri = Text
/** The params register_site and setup_client share (shared/spec/001, Register Site). */
export const RegistrationFields = {
  authorization_redirect_uri: optional(Uri).annotate({
    description:
      "Where the OP sends the user back with the code (an http(s) URL). Required unless the server has a default.",
  }),
  redirect_uris: optional(StringList).annotate({
    description:
      "Further redirect URIs to register beside authorization_redirect_uri (post_logout_redirect_uri is then registered as one too, as oxd 3.1 does).",
  }),
  op_host: optional(Text).annotate({
    description: "Issuer URL of the OpenID Provider; the server's default_op_host when absent.",
  }),
  op_discovery_path: optional(Text).annotate({
    description: "Discovery document path when not /.well-known/openid-configuration.",
  }),
  op_configuration_endpoint: optional(Text).annotate({
    description:
      "oxd 4.x: the URL of the OP's discovery document, instead of op_host (and op_discovery_path); it wins over them.",
  }),
  post_logout_redirect_uri: optional(Uri).annotate({
    description:
      "Where the OP may send the user after logout (registered as post_logout_redirect_uris); default_post_logout_redirect_uri when absent. get_logout_uri uses it when given none.",
  }),
  application_type: optional(Text).annotate({
    description: "web or native (OpenID Connect Dynamic Client Registration); default_application_type when absent.",
  }),
  response_types: optional(StringList).annotate({
    description: 'The response types the client uses, e.g. ["code"]; default_response_types when absent.',
  }),
  grant_types: optional(StringList).annotate({
    description:
      'The grant types the client may use, e.g. ["authorization_code", "refresh_token"]; default_grant_types when absent.',
  }),
  scope: optional(StringList).annotate({
    description:
      'Scopes registered for the client and asked for by get_authorization_url when it names none, e.g. ["openid", "profile"]; default_scope when absent. An empty result is invalid_scope.',
  }),
  acr_values: optional(StringList).annotate({
    description:
      'Authentication context classes to ask the OP for by default (registered as default_acr_values), e.g. ["basic"]; default_acr_values when absent.',
  }),
  client_name: optional(Text).annotate({
    description: "The client's name at the OP, shown to users; oxd client for rp: <oxd_id> when absent.",
  }),
  client_jwks_uri: optional(Text).annotate({
    description:
      "URL of the client's JSON Web Key Set (registered as jwks_uri), for OPs that encrypt to it or verify its signed requests.",
  }),
  client_token_endpoint_auth_method: optional(Text).annotate({
    description:
      "How the client authenticates at the token endpoint, sent to the OP and used for token, refresh and introspection calls: client_secret_basic, client_secret_post, client_secret_jwt or none (a public client: no secret, PKCE S256). Default: default_token_endpoint_auth_method.",
  }),
  client_token_endpoint_auth_signing_alg: optional(Text).annotate({
    description:
      "The JWS algorithm of the client's token-endpoint authentication JWT (token_endpoint_auth_signing_alg): none, HS256, HS384, HS512, RS256, RS384, RS512, ES256, ES384 or ES512; another is invalid_algorithm.",
  }),
  client_request_uris: optional(StringList).annotate({
    description: "request_uri values the client may use (registered as request_uris).",
  }),
  client_frontchannel_logout_uris: optional(StringList).annotate({
    description:
      "The client's front-channel logout URL (OpenID Connect Front-Channel Logout): the first is registered as frontchannel_logout_uri.",
  }),
  client_logout_uris: optional(StringList).annotate({
    description: "The oxd 3.0 name of client_frontchannel_logout_uris, used when that is absent.",
  }),
  client_sector_identifier_uri: optional(Schema.Union([Text, Schema.Array(Text)])).annotate({
    description:
      "URL of the sector identifier document, for pairwise subject identifiers (registered as sector_identifier_uri); of a list, the first.",
  }),
  contacts: optional(StringList).annotate({
    description: "E-mail addresses of the people responsible for the client; default_contacts when absent.",
  }),
  ui_locales: optional(StringList).annotate({
    description:
      'Preferred languages of the user interface (BCP 47 tags, e.g. ["en", "fr-CA"]); kept with the site, not sent to the OP (as oxd 3.1 does).',
  }),
  claims_locales: optional(StringList).annotate({
    description:
      "Preferred languages of the claims returned (BCP 47 tags); kept with the site, not sent to the OP (as oxd 3.1 does).",
  }),
  claims_redirect_uri: optional(StringList).annotate({
    description:
      "UMA: the URLs the authorization server may send the user back to after claims gathering (registered as claims_redirect_uri); uma_rp_get_claims_gathering_url names one of them.",
  }),
  client_id: optional(Text).annotate({
    description:
      "Use this existing client instead of registering one, with client_secret; without client_secret it is ignored and a client is registered (as oxd 3.1 does).",
  }),
  client_secret: optional(Text).annotate({
    description: "The secret of the existing client named by client_id: with both, no client is registered.",
  }),
  client_registration_access_token: optional(Text).annotate({
    description:
      "The registration access token (RFC 7592) of the existing client given by client_id and client_secret; update_site needs it.",
  }),
  client_registration_client_uri: optional(Text).annotate({
    description:
      "The client configuration URL (RFC 7592) of the existing client given by client_id and client_secret; update_site needs it.",
  }),
  trusted_client: optional(Flag).annotate({
    description:
      "true: registered with oxAuthTrustedClient (a Gluu OP then skips the consent page); other OPs ignore it.",
  }),
  oxd_rp_programming_language: optional(Text).annotate({
    description: "The application's language, kept with the site (as oxd 3.1 does); never sent to the OP.",
  }),
  ...Registration4xFields,
  protection_access_token: ProtectionAccessToken,
  ...LogoutFields,
}
const _RegistrationStruct = Schema.Struct(RegistrationFields)
export type RegistrationParams = typeof _RegistrationStruct.Type

export const registrationFieldCodes = {
  authorization_redirect_uri: "invalid_authorization_redirect_uri",
  op_host: "invalid_op_host",
  scope: "invalid_scope",
  client_token_endpoint_auth_signing_alg: "invalid_algorithm",
  access_token_signing_alg: "invalid_algorithm",
  id_token_signed_response_alg: "invalid_algorithm",
  user_info_signed_response_alg: "invalid_algorithm",
  request_object_signing_alg: "invalid_algorithm",
} as const

export interface Plan {
  /** normalised (normalizeOpHost): what the site is registered at */
  readonly opHost: string
  /** as the caller gave it (or default_op_host): the reference's replies echo it */
  readonly opHostAsGiven: string
  readonly opDiscoveryPath: string | null
  readonly redirectUri: string
  readonly postLogoutRedirectUri: string | null
  readonly scope: ReadonlyArray<string>
  readonly acrValues: ReadonlyArray<string>
  /** RFC 7591 metadata sent to the OP, plus the authorization-request preferences kept with the site */
  readonly metadata: Record<string, unknown>
  /** kept with the site, never sent (logout_webhook_url) */
  readonly local?: Record<string, unknown>
}

/** Defaults from the configuration fill what the caller left out; the result is what gets registered. */
export const planRegistration = (
  p: RegistrationParams,
  config: Config,
  extra?: { grantTypes?: ReadonlyArray<string>; scope?: ReadonlyArray<string> },
) =>
  Effect.gen(function* () {
    // oxd 4.x: op_configuration_endpoint wins over op_host (DiscoveryService.java:67-70 on master)
    const located = present(p.op_configuration_endpoint) ? yield* opLocation(p, config) : undefined
    const opHostAsGiven = located?.opHost ?? requestedOpHost(p.op_host, config)
    if (!opHostAsGiven) return yield* new MissingOpHost()
    const opHost = normalizeOpHost(opHostAsGiven)
    const redirectUri = present(p.authorization_redirect_uri)
      ? p.authorization_redirect_uri
      : config.default_authorization_redirect_uri
    if (!redirectUri) {
      return yield* new InvalidParams({
        code: "invalid_authorization_redirect_uri",
        field: "authorization_redirect_uri",
        detail: "is required: the URL the OP redirects the user to after login",
      })
    }
    // the reference takes what java.net.URL parses (Utils.isValidUrl): a custom scheme (com.example.app:/cb) is refused (audit R5/SC5)
    if (!/^https?:$/i.test(URL.parse(redirectUri)?.protocol ?? "")) {
      return yield* new InvalidParams({
        code: "invalid_authorization_redirect_uri",
        field: "authorization_redirect_uri",
        detail: "must be an absolute URL, http or https",
      })
    }
    yield* checkAlgorithm(p.client_token_endpoint_auth_signing_alg)
    const v4 = yield* registration4xMetadata(p)
    // always sent: RFC 7591's default for an omitted one is client_secret_basic, but some OPs register a public client
    const authMethod = present(p.client_token_endpoint_auth_method)
      ? p.client_token_endpoint_auth_method
      : config.default_token_endpoint_auth_method
    if (!isSiteAuthMethod(authMethod)) {
      return yield* new InvalidParams({
        code: "bad_request",
        field: "client_token_endpoint_auth_method",
        detail: `cannot be used by a site here: send one of ${SITE_AUTH_METHODS.join(", ")} (private_key_jwt is get_client_token's)`,
      })
    }
    const union = (a: ReadonlyArray<string>, b: ReadonlyArray<string> | undefined) => [...new Set([...a, ...(b ?? [])])]
    const scope = union(list(p.scope) ?? config.default_scope, extra?.scope)
    // RegisterSiteOperation.java:200-206, ERC:54 (audit R6)
    if (scope.length === 0)
      return yield* new InvalidParams({
        code: "invalid_scope",
        field: "scope",
        detail: "is empty and default_scope is empty: Invalid scope parameter (empty or blank).",
      })
    const acrValues = list(p.acr_values) ?? config.default_acr_values
    const responseTypes = list(p.response_types) ?? config.default_response_types
    const grantTypes = union(list(p.grant_types) ?? config.default_grant_types, extra?.grantTypes)
    const postLogout = present(p.post_logout_redirect_uri)
      ? p.post_logout_redirect_uri
      : (config.default_post_logout_redirect_uri ?? null)
    const frontchannel = list(p.client_frontchannel_logout_uris) ?? list(p.client_logout_uris)
    const sector = Array.isArray(p.client_sector_identifier_uri)
      ? p.client_sector_identifier_uri[0]
      : p.client_sector_identifier_uri
    // further redirect URIs, with the post-logout URI among them when there are some (RegisterSiteOperation.java:169-177)
    const further = list(p.redirect_uris)
    const redirectUris = [...new Set([redirectUri, ...(further ?? []), ...(further && postLogout ? [postLogout] : [])])]
    const entries: Array<[string, unknown]> = [
      ["redirect_uris", redirectUris],
      ["post_logout_redirect_uris", postLogout ? [postLogout] : undefined],
      ["response_types", responseTypes],
      ["grant_types", grantTypes],
      ["application_type", present(p.application_type) ? p.application_type : config.default_application_type],
      ["client_name", present(p.client_name) ? p.client_name : undefined],
      ["jwks_uri", present(p.client_jwks_uri) ? p.client_jwks_uri : undefined],
      ["token_endpoint_auth_method", authMethod],
      [
        "token_endpoint_auth_signing_alg",
        present(p.client_token_endpoint_auth_signing_alg) ? p.client_token_endpoint_auth_signing_alg : undefined,
      ],
      ["request_uris", list(p.client_request_uris)],
      ["frontchannel_logout_uri", frontchannel?.[0]],
      ["sector_identifier_uri", present(sector) ? sector : undefined],
      ["contacts", list(p.contacts) ?? list(config.default_contacts)],
      ["scope", scope.join(" ")],
      ["default_acr_values", acrValues.length > 0 ? acrValues : undefined],
      ["claims_redirect_uri", list(p.claims_redirect_uri)],
      // a Gluu custom attribute: the consent page is skipped (RegisterSiteOperation.java:320-322)
      ["oxAuthTrustedClient", p.trusted_client === true ? "true" : undefined],
      ...Object.entries(v4),
    ]
    const metadata = {
      ...Object.fromEntries(entries.filter(([, v]) => v !== undefined)),
      ...(yield* logoutMetadata(p, config, true)),
    }
    const plan: Plan = {
      opHost,
      opHostAsGiven,
      opDiscoveryPath: located
        ? located.path
        : present(p.op_discovery_path)
          ? p.op_discovery_path
          : (config.default_op_discovery_path ?? null),
      redirectUri,
      postLogoutRedirectUri: postLogout,
      scope,
      acrValues,
      metadata,
      local: yield* logoutWebhook(p, config),
    }
    return plan
  })

/**
 * RFC 7591 metadata (plus UMA's claims_redirect_uri and Gluu's oxAuthTrustedClient); what stays local is added by
 * withLocalFields. `defaultName` when the caller named none: the reference's "oxd client for rp: <oxd_id>"
 * (RegisterSiteOperation.java:295-299).
 */
export const registrationBody = (plan: Plan, defaultName: string): Record<string, unknown> => ({
  client_name: defaultName,
  ...plan.metadata,
})

/** The reference's name of a client registered for a site (RegisterSiteOperation.java:295). */
export const defaultClientName = (oxdId: string) => `oxd client for rp: ${oxdId}`

/** Site fields oxd keeps but never sends to the OP (update_site leaves them out of RFC 7592 updates too). */
export const LOCAL_FIELDS = [
  "ui_locales",
  "claims_locales",
  "oxd_rp_programming_language",
  "op_configuration_endpoint",
  "logout_webhook_url",
] as const

/** The registered metadata plus what oxd keeps with the site alone (LOCAL_FIELDS). */
export const withLocalFields = (plan: Plan, p: RegistrationParams): Record<string, unknown> => ({
  ...plan.metadata,
  ...plan.local,
  ...(list(p.ui_locales) ? { ui_locales: p.ui_locales } : {}),
  ...(list(p.claims_locales) ? { claims_locales: p.claims_locales } : {}),
  ...(present(p.oxd_rp_programming_language) ? { oxd_rp_programming_language: p.oxd_rp_programming_language } : {}),
  ...(present(p.op_configuration_endpoint) ? { op_configuration_endpoint: p.op_configuration_endpoint } : {}),
})

/** A site row from a plan and the OP's registration answer (or the caller's existing client). */
export const siteFromRegistration = (
  oxdId: string,
  kind: "site" | "setup",
  plan: Plan,
  metadata: Record<string, unknown>,
  reg: RegistrationResponse,
  setupClientId: string | null,
): NewSite => ({
  oxdId,
  kind,
  opHost: plan.opHost,
  opDiscoveryPath: plan.opDiscoveryPath,
  clientId: reg.client_id,
  clientSecret: typeof reg["client_secret"] === "string" ? reg["client_secret"] : null,
  registrationAccessToken:
    typeof reg["registration_access_token"] === "string" ? reg["registration_access_token"] : null,
  registrationClientUri: typeof reg["registration_client_uri"] === "string" ? reg["registration_client_uri"] : null,
  clientIdIssuedAt: typeof reg["client_id_issued_at"] === "number" ? reg["client_id_issued_at"] : null,
  clientSecretExpiresAt: typeof reg["client_secret_expires_at"] === "number" ? reg["client_secret_expires_at"] : null,
  setupClientId,
  authorizationRedirectUri: plan.redirectUri,
  postLogoutRedirectUri: plan.postLogoutRedirectUri,
  scope: plan.scope,
  acrValues: plan.acrValues,
  metadata: {
    ...metadata,
    ...(typeof reg["token_endpoint_auth_method"] === "string"
      ? { token_endpoint_auth_method: reg["token_endpoint_auth_method"] }
      : {}),
  },
  lastIdToken: null,
})

/**
 * What the OP registered, checked before the site is kept: the auth method it answers (RFC 7591 §3.2.1: the registered
 * metadata; the one sent when it names none) must be one a site can use, and every method but `none` needs the
 * client_secret. An answer that cannot work fails register_site at once, as the reference's does for a client without
 * a secret (RegisterSiteOperation.java:277-286: internal_error), rather than at the first login.
 */
export const checkRegisteredClient = (
  reg: RegistrationResponse,
  sent: Record<string, unknown>,
  operation = "register_site",
) =>
  Effect.suspend(() => {
    const asked = String(sent["token_endpoint_auth_method"] ?? "client_secret_basic")
    const registered = typeof reg["token_endpoint_auth_method"] === "string" ? reg["token_endpoint_auth_method"] : asked
    const secret = typeof reg["client_secret"] === "string" && reg["client_secret"].length > 0
    const what = `the OP registered client ${reg.client_id} with token_endpoint_auth_method ${registered}${registered === asked ? "" : ` (${asked} was asked)`} and ${secret ? "a" : "no"} client_secret`
    const after =
      operation === "update_site"
        ? "The site is left as it was, though the OP holds the update"
        : "That client is not kept: remove it at the OP"
    const fail = (fix: string) => Effect.fail(new OperationFailed({ operation, detail: `${what}: ${fix}. ${after}` }))
    if (!isSiteAuthMethod(registered))
      return fail(
        `oxd-ts cannot authenticate with that method (it can: ${SITE_AUTH_METHODS.join(", ")}). Configure the OP to allow ${asked} for dynamically registered clients`,
      )
    if (registered !== "none" && !secret) {
      return fail(
        "a client that authenticates with a secret cannot work without one. Configure the OP to issue client secrets to registered clients, or register a public client: client_token_endpoint_auth_method none (or default_token_endpoint_auth_method none), used with PKCE",
      )
    }
    return Effect.succeed(registered)
  })

/**
 * register_site / setup_client with client_id and client_secret: use the caller's client, register nothing. With
 * client_id alone the reference registers a client, ignoring it (RegisterSiteOperation.java:239,256-258; audit R8/SC7).
 */
export const existingClient = (p: RegistrationParams) =>
  Effect.sync(() => {
    if (!present(p.client_id) || !present(p.client_secret)) return undefined
    const reg: RegistrationResponse = {
      client_id: p.client_id,
      client_secret: p.client_secret,
      ...(present(p.client_registration_access_token)
        ? { registration_access_token: p.client_registration_access_token }
        : {}),
      ...(present(p.client_registration_client_uri)
        ? { registration_client_uri: p.client_registration_client_uri }
        : {}),
    }
    return reg
  })
