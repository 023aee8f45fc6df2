/**
 * How a site's client authenticates at the OP's token endpoint (token_endpoint_auth_method). register_site sends
 * the method explicitly (RFC 7591's default, client_secret_basic, is read as `none` by some OPs), keeps what the OP
 * registered with the site (its metadata), and token, refresh and introspection calls authenticate so.
 */

/** The methods a site's client can use here: openid-client authenticates with each from the stored secret. */
export const SITE_AUTH_METHODS = ["client_secret_basic", "client_secret_post", "client_secret_jwt", "none"] as const
export type SiteAuthMethod = (typeof SITE_AUTH_METHODS)[number]

export const isSiteAuthMethod = (m: unknown): m is SiteAuthMethod =>
  typeof m === "string" && (SITE_AUTH_METHODS as ReadonlyArray<string>).includes(m)

/** Every method but `none` authenticates with the client_secret. */
export const needsSecret = (m: string): boolean => m !== "none"

/**
 * The method a stored site authenticates with. Sites registered before the method was kept have none stored: with a
 * client_secret they keep client_secret_basic (what was always used); without one the OP registered a public client
 * (what an omitted method made some OPs do), so `none`, with PKCE.
 */
export const siteAuthMethod = (site: {
  readonly clientSecret: string | null
  readonly metadata: Readonly<Record<string, unknown>>
}): string => {
  const stored = site.metadata["token_endpoint_auth_method"]
  if (typeof stored === "string" && stored.length > 0) return stored
  return site.clientSecret ? "client_secret_basic" : "none"
}

/**
 * Why a client cannot authenticate with its method and credentials, before anything is sent; undefined when it can.
 * (private_key_jwt is get_client_token's, with a key from key_store_file.)
 */
export const authProblem = (c: {
  readonly clientId: string
  readonly clientSecret?: string | null | undefined
  readonly authMethod?: string | undefined
  readonly privateKey?: unknown
}): string | undefined => {
  const method = c.authMethod ?? "client_secret_basic"
  if (method === "private_key_jwt")
    return c.privateKey
      ? undefined
      : `client ${c.clientId} is registered with token_endpoint_auth_method private_key_jwt, and a site has no private key to sign with`
  if (!isSiteAuthMethod(method))
    return `client ${c.clientId} is registered with token_endpoint_auth_method "${method}", which oxd-ts cannot authenticate with (it can: ${SITE_AUTH_METHODS.join(", ")})`
  if (needsSecret(method) && !c.clientSecret)
    return `client ${c.clientId} is registered with token_endpoint_auth_method ${method} but has no client_secret`
  return undefined
}
