/** The REST app's logout receivers (apps/rest-server serves them; register_site registers the back-channel one). */
export const BACKCHANNEL_LOGOUT_PATH = "/backchannel-logout"
export const FRONTCHANNEL_LOGOUT_PATH = "/frontchannel-logout"

/** An endpoint of this server under public_base_url (which may itself have a path: a reverse proxy's prefix). */
export const serverEndpoint = (publicBaseUrl: string, path: string): string =>
  `${publicBaseUrl.replace(/\/+$/, "")}${path}`
