import type { IncomingMessage, ServerResponse } from "node:http"
import { esc, page } from "../html.js"
import { sendHtml } from "../http.js"
import type { UmaContext } from "./context.js"
import { UmaHttpError, readForm } from "./errors.js"
import { UMA_PATHS } from "./paths.js"

const PARAMS = ["client_id", "ticket", "claims_redirect_uri", "state"] as const
type Params = Partial<Record<(typeof PARAMS)[number], string>>

/**
 * Claims interaction endpoint (UMA 2.0 Grant §3.3.2). GET `?client_id&ticket&claims_redirect_uri&state`
 * shows a form with one field per claim the policies still need (field name = claim name); POST (same
 * query, form body) binds the entered claims to a NEW ticket and redirects 302 to
 * `claims_redirect_uri?ticket=<new>&state=<state>`. The old ticket is spent. claims_redirect_uri must
 * be in the client's `claims_redirect_uri` metadata (it may be omitted when exactly one is registered).
 */
export async function handleClaimsGathering(uma: UmaContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  res.setHeader("Cache-Control", "no-store")
  try {
    const params = readParams(new URL(req.url ?? "/", uma.issuer).searchParams)
    const { clientId, redirectUri, ticketValue } = await validate(uma, params)
    const ticket = uma.store.tickets.get(ticketValue)
    if (!ticket || (ticket.clientId !== undefined && ticket.clientId !== clientId)) {
      return fail(res, 400, "The permission ticket is unknown, expired, already used or belongs to another client.")
    }

    if (req.method === "GET") {
      const scopes = ticket.permissions.flatMap((p) => p.resource_scopes)
      const action = new URL(`${uma.issuer}${UMA_PATHS.claimsInteraction}`)
      for (const [k, v] of Object.entries({ ...params, claims_redirect_uri: redirectUri }))
        if (v !== undefined) action.searchParams.set(k, v)
      return sendHtml(res, 200, formPage(clientId, action, uma.policies.missingClaims(scopes, ticket.claims)))
    }
    if (req.method === "POST") {
      const gathered = Object.fromEntries([...(await readForm(req))].filter(([, v]) => v !== ""))
      if (uma.store.tickets.take(ticketValue) !== ticket)
        return fail(res, 400, "The permission ticket was already used.")
      const next = uma.store.issueTicket({ ...ticket, clientId, claims: { ...ticket.claims, ...gathered } })
      const location = new URL(redirectUri)
      location.searchParams.set("ticket", next)
      if (params.state !== undefined) location.searchParams.set("state", params.state)
      res.statusCode = 302
      res.setHeader("Location", location.href)
      return void res.end()
    }
    res.setHeader("Allow", "GET, POST")
    return fail(res, 405, "Method not allowed.")
  } catch (err) {
    if (err instanceof UmaHttpError) return fail(res, err.status, err.message)
    throw err
  }
}

/** Each parameter once (repeats allowed only with the same value: redirect_user already carries some). */
function readParams(search: URLSearchParams): Params {
  const out: Params = {}
  for (const name of PARAMS) {
    const values = new Set(search.getAll(name))
    if (values.size > 1) throw new UmaHttpError(400, "invalid_request", `conflicting values for ${name}`)
    const [value] = values
    if (value !== undefined) out[name] = value
  }
  return out
}

async function validate(
  uma: UmaContext,
  params: Params,
): Promise<{ clientId: string; redirectUri: string; ticketValue: string }> {
  const { client_id: clientId, ticket: ticketValue } = params
  if (!clientId || !ticketValue) throw new UmaHttpError(400, "invalid_request", "client_id and ticket are required.")
  const client = await uma.provider().Client.find(clientId)
  if (!client) throw new UmaHttpError(400, "invalid_request", "Unknown client_id.")
  const registered = claimsRedirectUris(client.metadata())
  const redirectUri = params.claims_redirect_uri ?? (registered.length === 1 ? registered[0] : undefined)
  if (!redirectUri || !registered.includes(redirectUri)) {
    throw new UmaHttpError(400, "invalid_request", "claims_redirect_uri is missing or not registered for this client.")
  }
  return { clientId, redirectUri, ticketValue }
}

function claimsRedirectUris(metadata: Record<string, unknown>): string[] {
  const value = metadata.claims_redirect_uri
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []
}

function formPage(clientId: string, action: URL, claims: string[]): string {
  const fields = claims
    .map(
      (name, i) => `<label for="claim-${i}">${esc(name)}</label>\n<input id="claim-${i}" name="${esc(name)}" required>`,
    )
    .join("\n")
  return page(
    "Provide information",
    `<h1>Provide information</h1>
<p><strong>${esc(clientId)}</strong> asks for access on your behalf.${claims.length ? " The resource owner's policy needs:" : " Nothing more is needed."}</p>
<form method="post" action="${esc(action.href)}" autocomplete="off">
${fields}
<button type="submit">Continue</button>
</form>`,
  )
}

function fail(res: ServerResponse, status: number, message: string): void {
  sendHtml(
    res,
    status,
    page(
      "Claims gathering error",
      `<h1>Claims gathering error</h1><p class="error" id="claims-error">${esc(message)}</p>`,
    ),
  )
}
