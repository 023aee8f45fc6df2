import type { IncomingMessage, ServerResponse } from "node:http"
import type Provider from "oidc-provider"
import type { InteractionResults } from "oidc-provider"
import { TEST_USERS, authenticate } from "./accounts.js"
import { esc, page } from "./html.js"
import { readBody, sendHtml } from "./http.js"

/**
 * Our own interaction pages (devInteractions is off): a plain HTML login form with fields
 * `username` and `password`, and automatic consent — after login, every requested scope and claim
 * is granted, so headless clients only ever see one form.
 */
const ROUTE = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login|abort))?$/

export function isInteractionPath(pathname: string): boolean {
  return ROUTE.test(pathname)
}

export async function handleInteraction(provider: Provider, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "https://op.invalid")
  const [, uid = "", action] = ROUTE.exec(url.pathname) ?? []
  res.setHeader("Cache-Control", "no-store")
  try {
    const details = await provider.interactionDetails(req, res)
    if (details.uid !== uid)
      return sendHtml(res, 400, errorPage("This sign-in link does not match your browser session."))

    if (action === "abort" && req.method === "GET") {
      const result: InteractionResults = { error: "access_denied", error_description: "End-User aborted interaction" }
      return await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false })
    }

    if (action === "login" && req.method === "POST") {
      const form = new URLSearchParams(await readBody(req))
      const user = authenticate(form.get("username") ?? "", form.get("password") ?? "")
      if (!user)
        return sendHtml(
          res,
          200,
          loginPage(uid, details.params, form.get("username") ?? "", "Invalid username or password."),
        )
      const result: InteractionResults = { login: { accountId: user.sub, amr: ["pwd"], remember: true } }
      return await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false })
    }

    if (action === undefined && req.method === "GET") {
      if (details.prompt.name === "login") {
        return sendHtml(res, 200, loginPage(uid, details.params, String(details.params.login_hint ?? ""), undefined))
      }
      if (details.prompt.name === "consent") {
        return await provider.interactionFinished(
          req,
          res,
          { consent: { grantId: await grantAll(provider, details) } },
          { mergeWithLastSubmission: true },
        )
      }
      return sendHtml(res, 400, errorPage(`Unsupported interaction prompt "${details.prompt.name}".`))
    }

    res.setHeader("Allow", action === "login" ? "POST" : "GET")
    return sendHtml(res, 405, errorPage("Method not allowed."))
  } catch (err) {
    // Typically SessionNotFound: the interaction cookie is missing or the interaction expired.
    const message = err instanceof Error ? err.message : String(err)
    return sendHtml(res, 400, errorPage(`Cannot continue this sign-in: ${message}`))
  }
}

type Details = Awaited<ReturnType<Provider["interactionDetails"]>>

/** Grants exactly what the consent prompt reports missing (scopes, claims, resource scopes). */
async function grantAll(provider: Provider, details: Details): Promise<string> {
  const { prompt, params, session, grantId } = details
  const accountId = session?.accountId
  if (!accountId) throw new Error("consent without a logged-in session")
  const grant = grantId
    ? await provider.Grant.find(grantId)
    : new provider.Grant({ accountId, clientId: String(params.client_id) })
  if (!grant) throw new Error(`grant ${grantId} not found`)

  const missing = prompt.details as {
    missingOIDCScope?: string[]
    missingOIDCClaims?: string[]
    missingResourceScopes?: Record<string, string[]>
  }
  if (missing.missingOIDCScope?.length) grant.addOIDCScope(missing.missingOIDCScope.join(" "))
  if (missing.missingOIDCClaims?.length) grant.addOIDCClaims(missing.missingOIDCClaims)
  for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(" "))
  }
  return grant.save()
}

function loginPage(uid: string, params: Record<string, unknown>, username: string, error: string | undefined): string {
  const users = TEST_USERS.map((u) => `<code>${esc(u.username)}</code> / <code>${esc(u.password)}</code>`).join(", ")
  return page(
    "Sign in",
    `<h1>Sign in</h1>
<p>to <strong>${esc(params.client_id)}</strong>${params.scope ? ` (scope: <code>${esc(params.scope)}</code>)` : ""}</p>
${error ? `<p class="error" id="login-error">${esc(error)}</p>` : ""}
<form method="post" action="/interaction/${esc(uid)}/login" autocomplete="off">
<label for="username">Username</label>
<input id="username" name="username" value="${esc(username)}" required autofocus>
<label for="password">Password</label>
<input id="password" name="password" type="password" required>
<button type="submit">Sign in</button>
</form>
<p><a href="/interaction/${esc(uid)}/abort">Cancel</a></p>
<p class="hint">Test users: ${users}</p>`,
  )
}

function errorPage(message: string): string {
  return page("Sign-in error", `<h1>Sign-in error</h1><p class="error" id="interaction-error">${esc(message)}</p>`)
}
