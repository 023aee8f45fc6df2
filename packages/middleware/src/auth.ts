import { readCookie, setCookie, type CookieOptions } from "./cookies.js"
import type { OxdCaller } from "./OxdCaller.js"
import { oxdErrorOf } from "./oxdError.js"
import { jsonReply, redirectReply, toResponse, type Reply } from "./reply.js"
import { makeSealer } from "./seal.js"
import { randomId, type Session, type SessionMatch, type SessionStore } from "./session.js"
import { cookieSessionStore } from "./stores.js"

/** What the handlers read of a request: its URL (absolute, or path and query) and its Cookie header. */
export interface AuthRequest {
  readonly url: string
  readonly cookie?: string | null | undefined
}

export interface LoginOptions {
  /** Where to send the user after the callback: a path of this app (default the auth's afterLogin). */
  readonly returnTo?: string | undefined
  readonly prompt?: string | undefined
  readonly acrValues?: ReadonlyArray<string> | undefined
  readonly scope?: ReadonlyArray<string> | undefined
  readonly customParameters?: Readonly<Record<string, string>> | undefined
}

export interface AuthOptions {
  /** Any @oxd/client (tcp, https, ws, in-process). */
  readonly client: OxdCaller
  /** The site (register_site's oxd_id); its authorization_redirect_uri is the route of callback(). */
  readonly oxdId: string
  /** At least 32 random characters: seals the login cookie, and the session cookie of the default store. A list rotates. */
  readonly secret: string | ReadonlyArray<string>
  /** Where sessions live (default: cookieSessionStore, the session sealed in the cookie). */
  readonly store?: SessionStore
  /** The session cookie's name (default "oxd_session") and attributes (HttpOnly always; Secure unless secure: false). */
  readonly cookie?: CookieOptions & { readonly name?: string }
  /** How long a session lasts (default 8 hours); the OP's refresh token keeps its access token fresh within it. */
  readonly sessionMaxAgeSeconds?: number
  /** Defaults of get_authorization_url; login(request, options) overrides them per sign-in. */
  readonly login?: Omit<LoginOptions, "returnTo">
  /** Where a sign-in ends when login() was given no returnTo (default "/"). */
  readonly afterLogin?: string
  /** post_logout_redirect_uri of get_logout_uri (registered with the site). Without it the OP decides. */
  readonly postLogoutRedirectUri?: string
  /** Refresh the access token this many seconds before it expires (default 60), when the OP gave a refresh token. */
  readonly refreshBeforeSeconds?: number
  /** Told of failures of oxd (with where they happened) before the 503: log them here. */
  readonly onError?: (error: unknown, during: "login" | "callback" | "refresh" | "userinfo" | "logout") => void
  /** Told when a session ends: logout, a refresh that failed, or endSessions (back-channel logout). */
  readonly onSessionEnded?: (
    ended: { readonly reason: "logout" | "refresh_failed" } & { readonly session: Session },
  ) => void
}

type Headers = ReadonlyArray<readonly [string, string]>

export interface SessionResult {
  /** The signed-in user's session, its access token fresh; undefined when none (or it ended). */
  readonly session: Session | undefined
  /** Set-Cookie headers to send with the response (a refreshed or cleared session). */
  readonly headers: Headers
}

const LOGIN_COOKIE_SUFFIX = "_login"
const LOGIN_MAX_AGE = 600
/** The ID token's own claims: the session keeps the user's, not these (smaller cookies). */
const TOKEN_CLAIMS = new Set(["iss", "aud", "exp", "iat", "nbf", "nonce", "at_hash", "c_hash", "s_hash", "azp", "jti"])

/** Only a path of this app: no scheme, no `//host` (no open redirect). */
const localPath = (p: string | undefined): string | undefined =>
  p !== undefined && p.startsWith("/") && !p.startsWith("//") && !p.startsWith("/\\") ? p : undefined

const urlOf = (u: string) => new URL(u, "http://app.invalid")
const toAuthRequest = (r: Request | AuthRequest): AuthRequest =>
  r instanceof Request ? { url: r.url, cookie: r.headers.get("cookie") } : r

const first = (claims: Record<string, ReadonlyArray<string>>, name: string): string | undefined => claims[name]?.[0]

/**
 * login / callback / logout and the session between them, on oxd's commands: get_authorization_url, get_tokens_by_code
 * (the state checked by oxd, and bound to this browser by a sealed login cookie), get_access_token_by_refresh_token,
 * get_user_info and get_logout_uri.
 */
export const createAuth = (options: AuthOptions) => {
  const { client, oxdId } = options
  const store = options.store ?? cookieSessionStore({ secret: options.secret })
  const loginSealer = makeSealer(options.secret, "login")
  const name = options.cookie?.name ?? "oxd_session"
  const loginName = `${name}${LOGIN_COOKIE_SUFFIX}`
  const cookieOpts: CookieOptions = options.cookie ?? {}
  const maxAge = options.sessionMaxAgeSeconds ?? 8 * 3600
  const refreshBefore = (options.refreshBeforeSeconds ?? 60) * 1000
  const afterLogin = localPath(options.afterLogin) ?? "/"

  const sessionCookie = (value: string) => setCookie(name, value, { ...cookieOpts, maxAge })
  const clear = (n: string) => setCookie(n, "", { ...cookieOpts, maxAge: 0 })
  const unavailable = (
    e: unknown,
    during: Parameters<NonNullable<AuthOptions["onError"]>>[1],
    headers: Headers = [],
  ) => {
    options.onError?.(e, during)
    return jsonReply(503, "service_unavailable", "Sign-in is unavailable; try again later.", headers)
  }

  const login = async (input: Request | AuthRequest, o: LoginOptions = {}): Promise<Reply> => {
    const d = options.login ?? {}
    const prompt = o.prompt ?? d.prompt
    const acr = o.acrValues ?? d.acrValues
    const scope = o.scope ?? d.scope
    const custom = { ...d.customParameters, ...o.customParameters }
    let url: string
    try {
      const r = (await client.call("get_authorization_url", {
        oxd_id: oxdId,
        ...(prompt !== undefined ? { prompt } : {}),
        ...(acr !== undefined ? { acr_values: [...acr] } : {}),
        ...(scope !== undefined ? { scope: [...scope] } : {}),
        ...(Object.keys(custom).length > 0 ? { custom_parameters: custom } : {}),
      })) as { authorization_url: string }
      url = r.authorization_url
    } catch (e) {
      return unavailable(e, "login")
    }
    const state = new URL(url).searchParams.get("state")
    if (!state) return unavailable(new Error("authorization_url without state"), "login")
    const returnTo =
      localPath(o.returnTo) ??
      localPath(urlOf(toAuthRequest(input).url).searchParams.get("returnTo") ?? undefined) ??
      afterLogin
    const sealed = await loginSealer.seal({ state, returnTo }, LOGIN_MAX_AGE)
    return redirectReply(url, [["set-cookie", setCookie(loginName, sealed, { ...cookieOpts, maxAge: LOGIN_MAX_AGE })]])
  }

  const callback = async (input: Request | AuthRequest): Promise<Reply> => {
    const req = toAuthRequest(input)
    const q = urlOf(req.url).searchParams
    const clearLogin: Headers = [["set-cookie", clear(loginName)]]
    const sealed = readCookie(req.cookie, loginName)
    const pending = sealed === undefined ? undefined : await loginSealer.unseal(sealed)
    const state = q.get("state")
    // the state must be the one this browser was sent with: else a sign-in started elsewhere (login CSRF)
    if (!pending || !state || pending["state"] !== state)
      return jsonReply(
        400,
        "invalid_state",
        "This sign-in was not started here, or took too long; sign in again.",
        clearLogin,
      )
    const error = q.get("error")
    if (error !== null) {
      // the OP's refusal (access_denied, login_required, consent_required…): the user's answer, not a failure of ours
      const description = q.get("error_description")
      return jsonReply(
        401,
        error.replace(/[^\w.-]/g, "").slice(0, 64) || "access_denied",
        description?.slice(0, 300) ?? "The sign-in was refused.",
        clearLogin,
      )
    }
    const code = q.get("code")
    if (!code) return jsonReply(400, "invalid_request", "The callback carries no code.", clearLogin)
    let tokens: {
      access_token: string
      expires_in: number
      refresh_token: string | null
      id_token: string
      id_token_claims: Record<string, ReadonlyArray<string>>
    }
    try {
      tokens = (await client.call("get_tokens_by_code", { oxd_id: oxdId, code, state })) as typeof tokens
    } catch (e) {
      // a state oxd refuses (used, expired: bad_request) or a code the OP refuses (http_status_400): sign in again
      if (/^(bad_request$|http_status_4)/.test(oxdErrorOf(e)?.error ?? ""))
        return jsonReply(400, "invalid_grant", "This sign-in cannot be completed; sign in again.", clearLogin)
      return unavailable(e, "callback", clearLogin)
    }
    const claims = Object.fromEntries(Object.entries(tokens.id_token_claims).filter(([k]) => !TOKEN_CLAIMS.has(k)))
    const now = Date.now()
    const session: Session = {
      id: randomId(),
      sub: first(claims, "sub") ?? "",
      sid: first(claims, "sid"),
      claims,
      accessToken: tokens.access_token,
      idToken: tokens.id_token,
      refreshToken: tokens.refresh_token ?? undefined,
      expiresAt: now + tokens.expires_in * 1000,
      createdAt: now,
    }
    const value = await store.save(session, maxAge)
    return redirectReply(String(pending["returnTo"] ?? afterLogin), [
      ...clearLogin,
      ["set-cookie", sessionCookie(value)],
    ])
  }

  const session = async (input: Request | AuthRequest): Promise<SessionResult> => {
    const value = readCookie(toAuthRequest(input).cookie, name)
    if (value === undefined) return { session: undefined, headers: [] }
    const s = await store.load(value)
    if (!s) return { session: undefined, headers: [["set-cookie", clear(name)]] }
    if (s.expiresAt - Date.now() > refreshBefore || !s.refreshToken) return { session: s, headers: [] }
    const refreshed = await refreshOnce(s, value)
    if (refreshed.ok) return { session: refreshed.session, headers: [["set-cookie", sessionCookie(refreshed.cookie)]] }
    if (refreshed.refused) {
      // a refresh token the OP no longer honours ends the session
      await store.destroy(value, s)
      options.onSessionEnded?.({ reason: "refresh_failed", session: s })
      return { session: undefined, headers: [["set-cookie", clear(name)]] }
    }
    // oxd unreachable: the session stays while its access token lasts
    return s.expiresAt > Date.now() ? { session: s, headers: [] } : { session: undefined, headers: [] }
  }

  type Refreshed =
    | { readonly ok: true; readonly session: Session; readonly cookie: string }
    | { readonly ok: false; readonly refused: boolean }
  /**
   * One refresh per session and refresh token, shared by the requests that need it meanwhile and kept a little while
   * after: requests arriving together, or a late one with the cookie from before the refresh, get the fresh session
   * instead of spending the refresh token again (an OP that rotates refresh tokens refuses a used one, and that
   * would end the session). In this process only.
   */
  const refreshes = new Map<string, Promise<Refreshed>>()
  const REFRESH_REMEMBERED_MS = 30_000
  const refreshOnce = (s: Session, cookie: string): Promise<Refreshed> => {
    const key = `${s.id} ${s.refreshToken}`
    const known = refreshes.get(key)
    if (known) return known
    const running = (async (): Promise<Refreshed> => {
      try {
        const r = (await client.call("get_access_token_by_refresh_token", {
          oxd_id: oxdId,
          refresh_token: s.refreshToken,
        })) as { access_token: string; expires_in: number; refresh_token: string | null }
        const fresh: Session = {
          ...s,
          accessToken: r.access_token,
          refreshToken: r.refresh_token ?? s.refreshToken,
          expiresAt: Date.now() + r.expires_in * 1000,
        }
        return { ok: true, session: fresh, cookie: await store.save(fresh, maxAge, cookie) }
      } catch (e) {
        options.onError?.(e, "refresh")
        return { ok: false, refused: oxdErrorOf(e) !== undefined }
      }
    })()
    refreshes.set(key, running)
    void running.then((r) => {
      // a failure is not remembered: the next request tries again
      if (!r.ok) refreshes.delete(key)
      else setTimeout(() => refreshes.delete(key), REFRESH_REMEMBERED_MS).unref?.()
    })
    return running
  }

  const logout = async (input: Request | AuthRequest): Promise<Reply> => {
    const req = toAuthRequest(input)
    const value = readCookie(req.cookie, name)
    const s = value === undefined ? undefined : await store.load(value)
    const cleared: Headers = [["set-cookie", clear(name)]]
    if (value !== undefined) await store.destroy(value, s)
    if (!s) return redirectReply(options.postLogoutRedirectUri ?? "/", cleared)
    options.onSessionEnded?.({ reason: "logout", session: s })
    try {
      const { uri } = (await client.call("get_logout_uri", {
        oxd_id: oxdId,
        id_token_hint: s.idToken,
        ...(options.postLogoutRedirectUri ? { post_logout_redirect_uri: options.postLogoutRedirectUri } : {}),
      })) as { uri: string }
      return redirectReply(uri, cleared)
    } catch (e) {
      // the session is ended here anyway; the OP's session stays, which the 503 says
      return unavailable(e, "logout", cleared)
    }
  }

  const userInfo = async (s: Session): Promise<Record<string, ReadonlyArray<string>>> => {
    const r = (await client.call("get_user_info", { oxd_id: oxdId, access_token: s.accessToken })) as {
      claims: Record<string, ReadonlyArray<string>>
    }
    return r.claims
  }

  return {
    /** Redirects to the OP (get_authorization_url); `?returnTo=/path` or options.returnTo says where to end. */
    login,
    /** The route of the site's authorization_redirect_uri: checks the state, gets the tokens, starts the session. */
    callback,
    /** Ends the session here and sends the browser to the OP's end_session (get_logout_uri). */
    logout,
    /** The request's session (refreshed when its access token is about to expire) and the cookies to send. */
    session,
    /** get_user_info with the session's access token: the user's current claims. */
    userInfo,
    /**
     * Ends every session of an OP session (`sid`) or user (`sub`), wherever its browser is: the hook for
     * back-channel logout (issue 26's logout events call it with the logout token's sid / sub).
     */
    endSessions: (match: SessionMatch): Promise<void> => store.end(match),
    /** The handlers as fetch handlers (Hono, Bun, Deno, Next.js route handlers). */
    fetch: {
      login: async (request: Request, o?: LoginOptions) => toResponse(await login(request, o)),
      callback: async (request: Request) => toResponse(await callback(request)),
      logout: async (request: Request) => toResponse(await logout(request)),
    },
  }
}

export type Auth = ReturnType<typeof createAuth>
