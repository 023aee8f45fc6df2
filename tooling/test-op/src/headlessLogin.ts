import * as http from "node:http"
import * as https from "node:https"
import { elementText, parseForms } from "./htmlForms.js"

export interface HeadlessLoginOptions {
  /** Default "alice". */
  username?: string
  /** Default: the test user's password. */
  password?: string
  /** CA certificate (PEM) that signed the OP's server certificate. */
  ca: string | Buffer
  maxRedirects?: number
  /** The browser's cookies, kept across calls (a later headlessLogout ends this OP session); a fresh one by default. */
  session?: BrowserSession
}

/** A browser's cookies at the OP, so one sign-in's session can be ended later (headlessLogout). */
export class BrowserSession {
  /** @internal */
  readonly jar = new CookieJar()
}

export interface HeadlessLoginResult {
  code: string
  state: string | null
  /** The full redirect to the client's redirect_uri (never fetched). */
  redirectUrl: string
  /** All authorization response parameters (query, fragment, or form_post fields). */
  params: URLSearchParams
}

/** The OP answered the authorization request with an error (at the redirect_uri or on its error page). */
export class AuthorizationResponseError extends Error {
  constructor(
    readonly error: string,
    readonly errorDescription: string | undefined,
    readonly params: URLSearchParams,
  ) {
    super(`authorization failed: ${error}${errorDescription ? ` (${errorDescription})` : ""}`)
    this.name = "AuthorizationResponseError"
  }
}

interface Page {
  status: number
  location: string | undefined
  body: string
  url: URL
}

const DEFAULT_PASSWORDS: Record<string, string> = { alice: "alice-password", bob: "bob-password" }

/**
 * Drives an authorization URL like a browser would: follows redirects with a cookie jar, submits the
 * login form, passes (auto-)consent, and stops at the redirect to the client's redirect_uri, which is
 * never requested. Uses node:https with `ca`, so no global TLS setting is needed.
 */
export async function headlessLogin(
  authorizationUrl: string,
  opts: HeadlessLoginOptions,
): Promise<HeadlessLoginResult> {
  const username = opts.username ?? "alice"
  const password = opts.password ?? DEFAULT_PASSWORDS[username] ?? ""
  const start = new URL(authorizationUrl)
  const redirectUri = start.searchParams.get("redirect_uri")
  const jar = opts.session?.jar ?? new CookieJar()
  const agent = new https.Agent({ ca: opts.ca, keepAlive: false })

  const isClientRedirect = (u: URL) => {
    if (redirectUri) {
      const r = URL.parse(redirectUri)
      if (r) return u.origin === r.origin && u.pathname === r.pathname
    }
    return u.origin !== start.origin
  }

  try {
    let page = await send(agent, jar, "GET", start)
    let loginSubmitted = false
    for (let hops = 0; hops < (opts.maxRedirects ?? 20); hops++) {
      if (page.status >= 300 && page.status < 400 && page.location) {
        const next = new URL(page.location, page.url)
        if (isClientRedirect(next)) return finish(next.href, authorizationResponseParams(next))
        page = await send(agent, jar, "GET", next)
        continue
      }

      const forms = parseForms(page.body, page.url)
      // response_mode=form_post: an auto-submitting form aimed at the client.
      const post = forms.find((f) => isClientRedirect(f.action))
      if (post) return finish(post.action.href, new URLSearchParams(post.fields))

      if (page.body.includes('id="login-error"')) {
        throw new Error(`headlessLogin: the OP rejected the credentials for user "${username}"`)
      }
      const errorCode = elementText(page.body, "error")
      if (errorCode) {
        throw new AuthorizationResponseError(
          errorCode,
          elementText(page.body, "error_description"),
          new URLSearchParams(),
        )
      }
      const login = forms.find((f) => f.fields.some(([name]) => name === "username"))
      if (login && page.status === 200) {
        if (loginSubmitted) throw new Error("headlessLogin: login form shown again after a successful login")
        loginSubmitted = true
        const fields = login.fields.filter(([name]) => name !== "username" && name !== "password")
        fields.push(["username", username], ["password", password])
        page = await send(agent, jar, "POST", login.action, new URLSearchParams(fields).toString())
        continue
      }
      const text =
        elementText(page.body, "interaction-error") ??
        page.body
          .replace(/<[^>]+>/g, " ")
          .replace(/\s+/g, " ")
          .trim()
          .slice(0, 300)
      throw new Error(`headlessLogin: unexpected response ${page.status} from ${page.url.pathname}: ${text}`)
    }
    throw new Error("headlessLogin: too many redirects")
  } finally {
    agent.destroy()
  }
}

function finish(redirectUrl: string, params: URLSearchParams): HeadlessLoginResult {
  const error = params.get("error")
  if (error) throw new AuthorizationResponseError(error, params.get("error_description") ?? undefined, params)
  const code = params.get("code")
  if (!code) throw new Error(`headlessLogin: no code in the authorization response ${redirectUrl}`)
  return { code, state: params.get("state"), redirectUrl, params }
}

function authorizationResponseParams(u: URL): URLSearchParams {
  // Fragment-encoded responses (implicit/hybrid) carry the parameters after '#'.
  return u.hash.length > 1 ? new URLSearchParams(u.hash.slice(1)) : new URLSearchParams(u.search)
}

function send(agent: https.Agent, jar: CookieJar, method: "GET" | "POST", url: URL, body?: string): Promise<Page> {
  const headers: http.OutgoingHttpHeaders = { accept: "text/html", "user-agent": "oxd-test-op-headless" }
  const cookie = jar.header(url)
  if (cookie) headers.cookie = cookie
  if (body !== undefined) {
    headers["content-type"] = "application/x-www-form-urlencoded"
    headers["content-length"] = Buffer.byteLength(body)
  }
  const lib = url.protocol === "http:" ? http : https
  return new Promise((resolve, reject) => {
    const req = lib.request(url, { method, headers, ...(url.protocol === "https:" ? { agent } : {}) }, (res) => {
      jar.store(url, res.headers["set-cookie"] ?? [])
      const chunks: Buffer[] = []
      res.on("data", (c: Buffer) => chunks.push(c))
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          location: res.headers.location,
          body: Buffer.concat(chunks).toString("utf8"),
          url,
        }),
      )
      res.on("error", reject)
    })
    req.on("error", reject)
    req.end(body)
  })
}

/** Just enough of RFC 6265 for one host: name, value, path, expiry. */
class CookieJar {
  readonly #cookies = new Map<string, { name: string; value: string; path: string; expires: number }>()

  store(url: URL, setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair = "", ...attrs] = line.split(";")
      const eq = pair.indexOf("=")
      if (eq <= 0) continue
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1).trim()
      let path = url.pathname.replace(/\/[^/]*$/, "") || "/"
      let expires = Infinity
      for (const attr of attrs) {
        const [k = "", v = ""] = attr.split("=").map((s) => s.trim())
        const key = k.toLowerCase()
        if (key === "path" && v.startsWith("/")) path = v
        else if (key === "max-age") expires = Date.now() + Number(v) * 1000
        else if (key === "expires" && expires === Infinity) expires = Date.parse(v)
      }
      const id = `${name};${path}`
      if (expires <= Date.now()) this.#cookies.delete(id)
      else this.#cookies.set(id, { name, value, path, expires })
    }
  }

  header(url: URL): string {
    const now = Date.now()
    return [...this.#cookies.values()]
      .filter((c) => c.expires > now && pathMatches(url.pathname, c.path))
      .sort((a, b) => b.path.length - a.path.length)
      .map((c) => `${c.name}=${c.value}`)
      .join("; ")
  }
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  return (
    requestPath === cookiePath ||
    (requestPath.startsWith(cookiePath) && (cookiePath.endsWith("/") || requestPath[cookiePath.length] === "/"))
  )
}

/**
 * Ends the OP session of `session` as a browser would: the end-session URL (e.g. get_logout_uri's), then "Yes, sign me
 * out" (oidc-provider's confirm form). The OP sends its back-channel logout tokens before it answers; this returns
 * where it sent the browser then (post_logout_redirect_uri, or its own success page), never requested.
 */
export async function headlessLogout(
  endSessionUrl: string,
  opts: { ca: string | Buffer; session: BrowserSession },
): Promise<string> {
  const agent = new https.Agent({ ca: opts.ca, keepAlive: false })
  const start = new URL(endSessionUrl)
  try {
    const page = await send(agent, opts.session.jar, "GET", start)
    const form = parseForms(page.body, page.url).find((f) => f.fields.some(([name]) => name === "xsrf"))
    if (!form) throw new Error(`headlessLogout: no logout form (${page.status} from ${page.url.pathname})`)
    const body = new URLSearchParams([...form.fields, ["logout", "yes"]]).toString()
    const done = await send(agent, opts.session.jar, "POST", form.action, body)
    if (done.status < 300 || done.status >= 400 || !done.location)
      throw new Error(`headlessLogout: the OP answered ${done.status} to the confirmation`)
    return new URL(done.location, done.url).href
  } finally {
    agent.destroy()
  }
}
