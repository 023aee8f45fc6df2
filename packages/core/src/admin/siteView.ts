import type { ProtectedResource } from "../services/ResourceStore.js"
import type { Site } from "../services/SiteStore.js"

/**
 * A site as operators see it (`oxd-server sites`, the admin port): what identifies and configures it, never a secret.
 * Client secrets, registration access tokens and ID tokens are said present or absent, not shown; of the registered
 * metadata only the named, non-secret fields are kept (an OP may echo anything back).
 */
export interface SiteView {
  readonly oxd_id: string
  /** site, or setup (a setup client that protects other sites) */
  readonly kind: "site" | "setup"
  readonly op_host: string
  readonly op_discovery_path: string | null
  readonly client_id: string
  /** The setup client (its client_id) whose protection tokens may drive this site; null when unprotected. */
  readonly setup_client_id: string | null
  readonly authorization_redirect_uri: string | null
  readonly post_logout_redirect_uri: string | null
  readonly scope: ReadonlyArray<string>
  readonly acr_values: ReadonlyArray<string>
  readonly grant_types: ReadonlyArray<string>
  readonly response_types: ReadonlyArray<string>
  readonly token_endpoint_auth_method: string | null
  readonly has_client_secret: boolean
  /** Seconds since the epoch; 0 or null: never expires. */
  readonly client_secret_expires_at: number | null
  readonly has_registration_access_token: boolean
  readonly registration_client_uri: string | null
  /** ISO 8601 */
  readonly created_at: string
  readonly updated_at: string
}

/** `show` adds the UMA resources the site protects. */
export interface SiteDetail extends SiteView {
  readonly uma_resources: ReadonlyArray<{ readonly path: string; readonly http_methods: ReadonlyArray<string> }>
}

const strings = (v: unknown): ReadonlyArray<string> =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []

export const siteView = (site: Site): SiteView => ({
  oxd_id: site.oxdId,
  kind: site.kind,
  op_host: site.opHost,
  op_discovery_path: site.opDiscoveryPath,
  client_id: site.clientId,
  setup_client_id: site.setupClientId,
  authorization_redirect_uri: site.authorizationRedirectUri,
  post_logout_redirect_uri: site.postLogoutRedirectUri,
  scope: site.scope,
  acr_values: site.acrValues,
  grant_types: strings(site.metadata["grant_types"]),
  response_types: strings(site.metadata["response_types"]),
  token_endpoint_auth_method:
    typeof site.metadata["token_endpoint_auth_method"] === "string"
      ? site.metadata["token_endpoint_auth_method"]
      : null,
  has_client_secret: typeof site.clientSecret === "string" && site.clientSecret.length > 0,
  client_secret_expires_at: site.clientSecretExpiresAt,
  has_registration_access_token:
    typeof site.registrationAccessToken === "string" && site.registrationAccessToken.length > 0,
  registration_client_uri: site.registrationClientUri,
  created_at: new Date(site.createdAt).toISOString(),
  updated_at: new Date(site.updatedAt).toISOString(),
})

export const siteDetail = (site: Site, resources: ReadonlyArray<ProtectedResource>): SiteDetail => ({
  ...siteView(site),
  uma_resources: resources.map((r) => ({ path: r.path, http_methods: r.httpMethods })),
})
