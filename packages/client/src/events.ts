/**
 * What the ws `events` subscription streams: what happens to the caller's own sites, never a token value. A copy of
 * core's OxdEvent (packages/core/src/services/Events.ts, a plain type, not a schema), so the client's declarations
 * need nothing of core; names.test.ts fails when the two differ.
 */
interface SiteRef {
  readonly oxd_id: string
  /** The site's OP: its setup client is the one with setup_client_id at this OP. */
  readonly op_host: string
  /** client_id of the setup client whose protection token the site belongs to; null for an unprotected site. */
  readonly setup_client_id: string | null
}

/** An event as subscribers get it: with an id (to resume after a reconnect) and the time (epoch ms). */
export type OxdEvent = (
  | (SiteRef & { readonly type: "site_registered" | "site_updated" | "site_removed" | "logout_uri_issued" })
  | (SiteRef & {
      readonly type: "tokens_issued"
      readonly expires_in: number | null
      readonly refresh_token_issued: boolean
    })
  | (SiteRef & { readonly type: "tokens_refreshed"; readonly expires_in: number | null })
  | (SiteRef & {
      /** The OP ended a session of the site (back-channel logout token or front-channel request). */
      readonly type: "session_logged_out"
      readonly channel: "backchannel" | "frontchannel"
      /** the OP session's id, when the OP named it */
      readonly sid: string | null
      /** the user's sub, when the OP named it (a front-channel logout names only sid) */
      readonly sub: string | null
    })
  | (SiteRef & {
      readonly type: "access_checked"
      readonly access: "granted" | "denied"
      readonly path: string
      readonly http_method: string
    })
) & { readonly id: string; readonly at: number }
