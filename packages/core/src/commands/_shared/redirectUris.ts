import type { Site } from "../../services/SiteStore.js"
import { MAX_REDIRECT_INDEX } from "../../services/sealedState.js"

/** The redirect URIs the site registered besides its authorization_redirect_uri (register_site's redirect_uris). */
const listed = (site: Site): ReadonlyArray<string> =>
  (site.metadata["redirect_uris"] as ReadonlyArray<string> | undefined) ?? []

/** Every redirect URI the site registered: its authorization_redirect_uri and its redirect_uris. */
export const siteRedirectUris = (site: Site): ReadonlyArray<string> => [
  ...(site.authorizationRedirectUri ? [site.authorizationRedirectUri] : []),
  ...listed(site),
]

/**
 * The redirect URI a state names (sealedState.ts `redirect`): 0 the site's authorization_redirect_uri, n the n-th of
 * its redirect_uris. One the site no longer lists (update_site since) is "": the OP refuses the exchange, as it must.
 */
export const redirectUriAt = (site: Site, index: number): string =>
  index === 0 ? (site.authorizationRedirectUri ?? "") : (listed(site)[index - 1] ?? "")

/**
 * Where `uri` is among the site's registered redirect URIs, as a state carries it; undefined for one it did not
 * register (oxd 4.x: redirect_uri_is_not_registered, GetAuthorizationUrlOperation.java:60-62) or one listed past
 * what a state can name.
 */
export const redirectIndexOf = (site: Site, uri: string): number | undefined => {
  if (uri === site.authorizationRedirectUri) return 0
  const at = listed(site).indexOf(uri) + 1
  return at > 0 && at <= MAX_REDIRECT_INDEX ? at : undefined
}
