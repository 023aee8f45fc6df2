import type { IncomingMessage, ServerResponse } from "node:http"
import type { Counters } from "./counters.js"
import { AuthorizationResponseError, headlessLogin } from "./headlessLogin.js"

/** The authorization endpoint's path under the issuer (oidc-provider's default route). */
export const AUTHORIZATION_PATH = "/auth"

/**
 * Gluu oxAuth's password login at the authorization endpoint: the user's credentials as `Authorization: Basic` on the
 * authorization request, with prompt=none (what oxd 4.x's test helpers send: AuthorizeClient with authUsername and
 * authPassword). oidc-provider has no such login, so this OP runs its own login form for those credentials and answers
 * with the redirect to the client (code and state), or with login_required for credentials it refuses.
 */
export const isBasicAuthorize = (req: IncomingMessage, path: string): boolean =>
  path === AUTHORIZATION_PATH && req.method === "GET" && /^Basic /i.test(req.headers.authorization ?? "")

export async function handleBasicAuthorize(
  issuer: string,
  ca: string,
  counters: Counters,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  counters.inc("authorization.basic")
  const [username = "", password = ""] = Buffer.from((req.headers.authorization ?? "").slice(6).trim(), "base64")
    .toString("utf8")
    .split(/:(.*)/s)
  const url = new URL(`${issuer.replace(/\/$/, "")}${req.url?.slice(req.url.indexOf(AUTHORIZATION_PATH)) ?? ""}`)
  url.searchParams.delete("prompt")
  const redirectUri = url.searchParams.get("redirect_uri")
  const refuse = (error: string, description: string) => {
    if (!redirectUri) {
      res.statusCode = 400
      res.end(error)
      return
    }
    const to = new URL(redirectUri)
    to.searchParams.set("error", error)
    to.searchParams.set("error_description", description)
    const state = url.searchParams.get("state")
    if (state) to.searchParams.set("state", state)
    res.statusCode = 302
    res.setHeader("Location", to.href)
    res.end()
  }
  try {
    const { redirectUrl } = await headlessLogin(url.href, { ca, username, password })
    res.statusCode = 302
    res.setHeader("Location", redirectUrl)
    res.end()
  } catch (e) {
    if (e instanceof AuthorizationResponseError) return refuse(e.error, e.errorDescription ?? "")
    refuse("login_required", "the credentials were refused")
  }
}
