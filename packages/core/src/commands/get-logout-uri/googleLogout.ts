/** Google publishes no end_session_endpoint; the reference answers its logout URL instead (GetLogoutUrlOperation). */
export const GOOGLE_OP_HOST = "https://accounts.google.com"

/**
 * The reference's logout URL for a site at Google when support_google_logout is on, else undefined. The
 * post-logout URI is encoded (the reference appends it raw, so an & in it would end the continue parameter).
 */
export const googleLogoutUri = (opHost: string, postLogout: string | null, enabled: boolean): string | undefined =>
  enabled && opHost.startsWith(GOOGLE_OP_HOST)
    ? `https://www.google.com/accounts/Logout?continue=https://appengine.google.com/_ah/logout?continue=${encodeURIComponent(postLogout ?? "")}`
    : undefined
