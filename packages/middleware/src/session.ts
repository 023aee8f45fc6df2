/** A signed-in user's session, as the stores keep it. Times are ms since the epoch. */
export interface Session {
  /** This session's own random id. */
  readonly id: string
  /** The user: the ID token's `sub`. */
  readonly sub: string
  /** The OP's session id (the ID token's `sid`), when it sends one: a back-channel logout token names it. */
  readonly sid?: string | undefined
  /** The ID token's claims as oxd returns them (lists of strings), without the token's own (iss, aud, exp, nonce…). */
  readonly claims: Readonly<Record<string, ReadonlyArray<string>>>
  readonly accessToken: string
  /** For `id_token_hint` at logout. */
  readonly idToken: string
  readonly refreshToken?: string | undefined
  /** When the access token expires. */
  readonly expiresAt: number
  readonly createdAt: number
}

/** Which sessions to end: those of one OP session, or every session of a user (a logout token names one or both). */
export interface SessionMatch {
  readonly sid?: string | undefined
  readonly sub?: string | undefined
}

/**
 * Where sessions live. The cookie holds what save() returns: the sealed session itself (cookieSessionStore, the
 * default) or a key to it (memorySessionStore, or your own over Redis, a database…).
 */
export interface SessionStore {
  /**
   * Stores a session for maxAgeSeconds; returns the cookie value that holds or names it. `previous`: the cookie of
   * the session it replaces (a refresh), which a keyed store may reuse.
   */
  save(session: Session, maxAgeSeconds: number, previous?: string): Promise<string>
  /** The session of a cookie value; undefined when unknown, forged, expired or ended. */
  load(cookie: string): Promise<Session | undefined>
  /** Ends one session (logout, a failed refresh). */
  destroy(cookie: string, session: Session | undefined): Promise<void>
  /**
   * Ends every matching session, wherever its browser is: the hook of back-channel logout (an OP's logout token
   * names `sid` and/or `sub`; `auth.endSessions` calls this). A session matches when its sid equals `sid`, or its
   * sub equals `sub` (only sessions that started before the call, for a cookie store).
   */
  end(match: SessionMatch): Promise<void>
}

export const matches = (session: Session, match: SessionMatch): boolean =>
  (match.sid !== undefined && session.sid === match.sid) || (match.sub !== undefined && session.sub === match.sub)

/** A random id, base64url, 256 bits. */
export const randomId = (): string => {
  const bytes = crypto.getRandomValues(new Uint8Array(32))
  let s = ""
  for (const b of bytes) s += String.fromCharCode(b)
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")
}
