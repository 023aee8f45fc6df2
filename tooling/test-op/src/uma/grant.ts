import type Provider from "oidc-provider"
import { errors, type TokenEndpointGrantContext } from "oidc-provider"
import { CLAIM_TOKEN_FORMATS, ClaimTokenError, claimsOnly, verifyClaimToken } from "./claimTokens.js"
import { endpoint, type UmaContext } from "./context.js"
import { UMA_PATHS, UMA_TICKET_GRANT } from "./paths.js"
import type { Claims, Permission, Ticket } from "./store.js"

interface UmaGrantParams {
  ticket?: string
  claim_token?: string
  claim_token_format?: string
  pct?: string
  rpt?: string
}

const PARAMS = ["ticket", "claim_token", "claim_token_format", "pct", "rpt", "scope"]

/**
 * The UMA grant (UMA 2.0 Grant §3.3) at the OP's own token endpoint. oidc-provider authenticates the
 * client and checks that its grant_types include the UMA grant; this handler does the rest. Call it for
 * every Provider instance (rotateKeys builds a new one).
 */
export function registerUmaGrant(provider: Provider, uma: UmaContext): void {
  provider.registerGrantType<UmaGrantParams>(UMA_TICKET_GRANT, (ctx) => umaGrant(uma, ctx), PARAMS)
}

async function umaGrant(uma: UmaContext, ctx: TokenEndpointGrantContext<UmaGrantParams>): Promise<void> {
  const { client, params } = ctx.oidc
  const { store, policies } = uma
  const clientId = client.clientId
  if (!params.ticket) throw new errors.InvalidRequest("missing required parameter 'ticket'")

  const peeked = store.tickets.get(params.ticket)
  if (!peeked || (peeked.clientId !== undefined && peeked.clientId !== clientId)) {
    throw new errors.InvalidGrant("permission ticket unknown, expired, already used or bound to another client")
  }
  const permissions = requestedPermissions(uma, peeked, params.scope)

  let pushed: Claims = {}
  if (params.claim_token) {
    try {
      pushed = await verifyClaimToken(uma, params.claim_token, params.claim_token_format)
    } catch (err) {
      if (!(err instanceof ClaimTokenError)) throw err
      throw err.error === "invalid_request"
        ? new errors.InvalidRequest(err.message)
        : new errors.InvalidGrant(err.message)
    }
  }
  const pct = params.pct ? store.pcts.get(params.pct) : undefined
  const pctClaims = pct?.clientId === clientId ? pct.claims : undefined // unknown or foreign PCTs are ignored

  // Single use: taken only now, after every await, so two concurrent requests can't both redeem it.
  const ticket = store.tickets.take(params.ticket)
  if (ticket !== peeked) throw new errors.InvalidGrant("permission ticket already used")
  if (permissions.length === 0) throw new errors.InvalidGrant("the ticket's resources are no longer registered")

  const claims: Claims = { ...pctClaims, ...ticket.claims, ...pushed }
  const decision = policies.decide(
    permissions.flatMap((p) => p.resource_scopes),
    claims,
  )

  if (decision.kind === "deny") {
    ctx.status = 403
    ctx.body = {
      error: "request_denied",
      error_description: `denied by policy for scope(s) ${decision.scopes.join(" ")}`,
    }
    return
  }

  if (decision.kind === "need_info") {
    const next = store.issueTicket({
      permissions: ticket.permissions,
      owner: ticket.owner,
      clientId,
      claims: { ...ticket.claims, ...pushed },
    })
    const redirectUser = new URL(endpoint(uma, UMA_PATHS.claimsInteraction))
    redirectUser.searchParams.set("client_id", clientId)
    redirectUser.searchParams.set("ticket", next)
    ctx.status = 403
    ctx.body = {
      error: "need_info",
      error_description: "the requesting party must provide more claims",
      ticket: next,
      required_claims: decision.missing.map(({ name }) => ({
        claim_token_format: [...CLAIM_TOKEN_FORMATS],
        claim_type: "string",
        friendly_name: name,
        issuer: [uma.issuer],
        name,
      })),
      redirect_user: redirectUser.href,
    }
    return
  }

  const previous = params.rpt ? store.rpts.get(params.rpt) : undefined
  const upgradeFrom = previous?.clientId === clientId ? previous : undefined // unknown/foreign RPTs: upgraded false
  const { value, rpt } = store.issueRpt(clientId, permissions, upgradeFrom?.permissions)
  const nothingNew = Object.keys(ticket.claims).length === 0 && Object.keys(pushed).length === 0
  const pctValue = pctClaims && nothingNew && params.pct ? params.pct : store.issuePct(clientId, claimsOnly(claims))

  ctx.body = {
    access_token: value,
    token_type: "Bearer",
    expires_in: Math.round((rpt.expiresAt - Date.now()) / 1000),
    pct: pctValue,
    upgraded: upgradeFrom !== undefined,
  }
}

/**
 * The ticket's permissions for resources that still exist. `scope` (space-separated) adds scopes to the
 * ticket's resources that registered them; a scope no such resource has is invalid_scope.
 */
function requestedPermissions(uma: UmaContext, ticket: Ticket, scope: string | undefined): Permission[] {
  const extra = (scope ?? "").split(" ").filter(Boolean)
  const out: Permission[] = []
  const matched = new Set<string>()
  for (const p of ticket.permissions) {
    const resource = uma.store.resources.get(p.resource_id)
    if (!resource) continue
    const added = extra.filter((s) => resource.resource_scopes.includes(s))
    added.forEach((s) => matched.add(s))
    out.push({ resource_id: p.resource_id, resource_scopes: [...new Set([...p.resource_scopes, ...added])] })
  }
  const unmatched = extra.filter((s) => !matched.has(s))
  if (unmatched.length)
    throw new errors.InvalidScope("requested scope not registered for the ticket's resources", unmatched.join(" "))
  return out
}
