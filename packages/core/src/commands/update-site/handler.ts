import { Effect } from "effect"
import { InvalidParams, InvalidRegistrationClientUrl } from "../../errors.js"
import { isSiteAuthMethod, SITE_AUTH_METHODS, siteAuthMethod } from "../../services/clientAuthMethods.js"
import { Events } from "../../services/Events.js"
import { OpenIdProvider } from "../../services/OpenIdProvider.js"
import { SiteStore, type SitePatch } from "../../services/SiteStore.js"
import { checkAlgorithm } from "../_shared/algorithms.js"
import { list, present } from "../_shared/fields.js"
import { logoutMetadata, logoutWebhook } from "../_shared/logoutRegistration.js"
import { checkRegisteredClient, LOCAL_FIELDS } from "../_shared/registration.js"
import { registration4xMetadata } from "../_shared/registration4x.js"
import { OxdConfig } from "../../config/OxdConfig.js"
import type { Params } from "./schema.js"

/** Registration fields that are the OP's to set, never sent back in an RFC 7592 update. */
const SERVER_ONLY = [
  "registration_access_token",
  "registration_client_uri",
  "client_id_issued_at",
  "client_secret_expires_at",
  "client_secret",
]

const unique = (uris: ReadonlyArray<string | null | undefined>) => [
  ...new Set(uris.filter((u): u is string => typeof u === "string" && u.length > 0)),
]

/**
 * As oxd 3.1.4's UpdateSiteOperation (java:58-179): the registration is updated at the OP (RFC 7592), then kept. A site
 * without a registration_client_uri cannot be updated (invalid_registration_client_url), an OP's refusal is
 * internal_error, and authorization_redirect_uri is the OP's to judge.
 */
export const handler = Effect.fnUntraced(function* (p: typeof Params.Type) {
  const sites = yield* SiteStore
  const site = yield* sites.get(p.oxd_id)
  yield* checkAlgorithm(p.client_token_endpoint_auth_signing_alg)
  const v4 = yield* registration4xMetadata(p)
  if (present(p.client_token_endpoint_auth_method) && !isSiteAuthMethod(p.client_token_endpoint_auth_method)) {
    return yield* new InvalidParams({
      code: "bad_request",
      field: "client_token_endpoint_auth_method",
      detail: `cannot be used by a site here: send one of ${SITE_AUTH_METHODS.join(", ")}`,
    })
  }
  // the reference updates nothing without the registration's URL (UpdateSiteOperation.java:71-74; audit U2)
  if (!site.registrationClientUri) {
    return yield* new InvalidRegistrationClientUrl({
      reason: "missing",
      detail:
        "the site has none (its client was registered elsewhere and given with client_id); change the client at the OP",
    })
  }
  if (!/^https?:$/.test(URL.parse(site.registrationClientUri)?.protocol ?? "")) {
    return yield* new InvalidRegistrationClientUrl({
      reason: "unusable",
      detail: `"${site.registrationClientUri}" is not an http(s) URL`,
    })
  }
  const redirectUri = present(p.authorization_redirect_uri)
    ? p.authorization_redirect_uri
    : site.authorizationRedirectUri
  const postLogout = present(p.post_logout_redirect_uri) ? p.post_logout_redirect_uri : site.postLogoutRedirectUri
  // redirect_uris given: the authorization redirect URI, them and the post-logout URI given (UpdateSiteOperation.java:123-139);
  // otherwise the registered ones, the authorization redirect URI replaced by the new one
  const further = list(p.redirect_uris)
  const stored = (site.metadata["redirect_uris"] as ReadonlyArray<string> | undefined) ?? []
  const redirectUris = further
    ? unique([redirectUri, ...further, present(p.post_logout_redirect_uri) ? p.post_logout_redirect_uri : null])
    : unique([redirectUri, ...stored.filter((u) => u !== site.authorizationRedirectUri)])
  const scope = list(p.scope) ?? site.scope
  const acrValues = list(p.acr_values) ?? site.acrValues
  const sector = Array.isArray(p.client_sector_identifier_uri)
    ? p.client_sector_identifier_uri[0]
    : p.client_sector_identifier_uri
  const frontchannel = list(p.client_frontchannel_logout_uris) ?? list(p.client_logout_uris)
  const changes: Record<string, unknown> = {
    redirect_uris: redirectUris,
    ...(postLogout ? { post_logout_redirect_uris: [postLogout] } : {}),
    ...((list(p.response_types) ?? list(p.response_type))
      ? { response_types: list(p.response_types) ?? list(p.response_type) }
      : {}),
    ...(list(p.grant_types) ? { grant_types: p.grant_types } : {}),
    scope: scope.join(" "),
    ...(acrValues.length > 0 ? { default_acr_values: acrValues } : {}),
    ...(present(p.client_name) ? { client_name: p.client_name } : {}),
    ...(present(p.client_jwks_uri) ? { jwks_uri: p.client_jwks_uri } : {}),
    // always sent, as at registration: an update without it may make the OP fall back to its own default
    token_endpoint_auth_method: present(p.client_token_endpoint_auth_method)
      ? p.client_token_endpoint_auth_method
      : siteAuthMethod(site),
    ...(present(p.client_token_endpoint_auth_signing_alg)
      ? { token_endpoint_auth_signing_alg: p.client_token_endpoint_auth_signing_alg }
      : {}),
    ...(list(p.client_request_uris) ? { request_uris: p.client_request_uris } : {}),
    ...(frontchannel ? { frontchannel_logout_uri: frontchannel[0] } : {}),
    ...(present(sector) ? { sector_identifier_uri: sector } : {}),
    ...(list(p.contacts) ? { contacts: p.contacts } : {}),
    // oxd 4.x (UpdateSiteOperation.java:142-144 on master)
    ...(list(p.claims_redirect_uri) ? { claims_redirect_uri: p.claims_redirect_uri } : {}),
    ...v4,
    // only what is given changes: the registered logout URIs stay otherwise
    ...(yield* logoutMetadata(p, yield* OxdConfig, false)),
  }
  const metadata: Record<string, unknown> = {
    ...site.metadata,
    ...changes,
    ...(list(p.ui_locales) ? { ui_locales: p.ui_locales } : {}),
    ...(list(p.claims_locales) ? { claims_locales: p.claims_locales } : {}),
    ...(yield* logoutWebhook(p, yield* OxdConfig)),
  }
  const patch: SitePatch = {
    authorizationRedirectUri: redirectUri,
    postLogoutRedirectUri: postLogout,
    scope,
    acrValues,
    metadata,
  }
  // RFC 7592 replaces the whole registration: send every field we hold, with the client's own id; without a
  // registration access token the OP refuses it, as it refused the reference (internal_error)
  const body = Object.fromEntries(
    Object.entries(metadata).filter(
      ([k]) => !SERVER_ONLY.includes(k) && !(LOCAL_FIELDS as ReadonlyArray<string>).includes(k),
    ),
  )
  const reg = yield* (yield* OpenIdProvider).updateRegistration(
    site.registrationClientUri,
    site.registrationAccessToken ?? "",
    {
      ...body,
      client_id: site.clientId,
      ...(site.clientSecret ? { client_secret: site.clientSecret } : {}),
    },
  )
  // what the OP now holds must still work (the secret it keeps when it sends none back)
  const registered = yield* checkRegisteredClient(
    {
      ...reg,
      client_id: site.clientId,
      ...(typeof reg["client_secret"] === "string" || !site.clientSecret ? {} : { client_secret: site.clientSecret }),
    },
    changes,
    "update_site",
  )
  metadata["token_endpoint_auth_method"] = registered
  if (typeof reg["client_secret"] === "string") patch.clientSecret = reg["client_secret"]
  if (typeof reg["registration_access_token"] === "string")
    patch.registrationAccessToken = reg["registration_access_token"]
  if (typeof reg["client_secret_expires_at"] === "number") patch.clientSecretExpiresAt = reg["client_secret_expires_at"]
  yield* sites.update(site.oxdId, patch)
  yield* Events.publish({
    type: "site_updated",
    oxd_id: site.oxdId,
    op_host: site.opHost,
    setup_client_id: site.setupClientId,
  })
  return { oxd_id: site.oxdId }
})
