/** The REST app's logout receivers (apps/rest-server serves them; register_site registers the back-channel one). */
export const BACKCHANNEL_LOGOUT_PATH = "/backchannel-logout"
export const FRONTCHANNEL_LOGOUT_PATH = "/frontchannel-logout"

/** An endpoint of this server under public_base_url (which may itself have a path: a reverse proxy's prefix). */
export const serverEndpoint = (publicBaseUrl: string, path: string): string =>
  `${publicBaseUrl.replace(/\/+$/, "")}${path}`

/**
 * Whether the OP may tell this server of a site's logouts: the site registered a back-channel or front-channel logout
 * URI (ours or, for front-channel, one that may point here). Sessions of other sites are not recorded: no logout
 * could ever end them here.
 */
export const receivesLogout = (site: { readonly metadata: Readonly<Record<string, unknown>> }): boolean =>
  typeof site.metadata["backchannel_logout_uri"] === "string" ||
  typeof site.metadata["frontchannel_logout_uri"] === "string"
