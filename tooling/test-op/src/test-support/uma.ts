import * as client from "openid-client"
import type { TestOp } from "../server.js"
import { UMA_PATHS, UMA_TICKET_GRANT } from "../uma/paths.js"
import { getJson, register } from "./helpers.js"

export const CLAIMS_REDIRECT_URI = "https://client.example.org/claims-cb"

export interface Reply {
  status: number
  body: any
  headers: Headers
}

async function reply(res: Response): Promise<Reply> {
  const text = await res.text()
  let body: unknown = text
  try {
    body = text ? JSON.parse(text) : undefined
  } catch {
    // HTML or empty
  }
  return { status: res.status, body, headers: res.headers }
}

/** A resource server: a confidential client with the client_credentials grant. */
export function registerRs(op: TestOp): Promise<client.Configuration> {
  return register(op, { grant_types: ["client_credentials"], response_types: [], redirect_uris: [] })
}

/** A requesting party's client: code flow (for ID tokens) + the UMA grant + a claims redirect URI. */
export function registerRequester(
  op: TestOp,
  metadata: Partial<client.ClientMetadata> = {},
): Promise<client.Configuration> {
  return register(op, {
    grant_types: ["authorization_code", "refresh_token", UMA_TICKET_GRANT],
    claims_redirect_uri: [CLAIMS_REDIRECT_URI],
    ...metadata,
  })
}

export async function getPat(rs: client.Configuration, scope = "uma_protection"): Promise<string> {
  return (await client.clientCredentialsGrant(rs, { scope })).access_token
}

/** A protection API call with `Authorization: Bearer <pat>` (JSON body). */
export async function protectionApi(
  op: TestOp,
  pat: string | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<Reply> {
  const headers: Record<string, string> = {}
  if (pat !== undefined) headers.authorization = `Bearer ${pat}`
  if (body !== undefined) headers["content-type"] = "application/json"
  return reply(
    await fetch(`${op.issuer}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
  )
}

export async function registerResource(
  op: TestOp,
  pat: string,
  description: Record<string, unknown> = { resource_scopes: ["read", "write"], name: "photo album" },
): Promise<string> {
  const r = await protectionApi(op, pat, "POST", UMA_PATHS.resourceRegistration, description)
  if (r.status !== 201) throw new Error(`resource registration failed: ${r.status} ${JSON.stringify(r.body)}`)
  return r.body._id
}

export async function requestTicket(op: TestOp, pat: string, permissions: unknown): Promise<string> {
  const r = await protectionApi(op, pat, "POST", UMA_PATHS.permission, permissions)
  if (r.status !== 201) throw new Error(`permission request failed: ${r.status} ${JSON.stringify(r.body)}`)
  return r.body.ticket
}

/** The UMA grant at the token endpoint with client_secret_basic, raw, so error bodies can be inspected. */
export async function umaGrant(
  op: TestOp,
  requester: client.Configuration,
  params: Record<string, string>,
): Promise<Reply> {
  const meta = requester.clientMetadata()
  const basic = Buffer.from(
    `${encodeURIComponent(meta.client_id)}:${encodeURIComponent(String(meta.client_secret))}`,
  ).toString("base64")
  return reply(
    await fetch(`${op.issuer}/token`, {
      method: "POST",
      headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: UMA_TICKET_GRANT, ...params }).toString(),
    }),
  )
}

export async function introspectRpt(op: TestOp, pat: string, token: string): Promise<Reply> {
  return reply(
    await fetch(`${op.issuer}${UMA_PATHS.introspection}`, {
      method: "POST",
      headers: { authorization: `Bearer ${pat}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token }).toString(),
    }),
  )
}

/** A resource server with a PAT and one registered resource. */
export async function resourceServer(
  op: TestOp,
  description?: Record<string, unknown>,
): Promise<{ rs: client.Configuration; pat: string; resourceId: string }> {
  const rs = await registerRs(op)
  const pat = await getPat(rs)
  return { rs, pat, resourceId: await registerResource(op, pat, description) }
}

export const umaConfiguration = async (op: TestOp) => (await getJson(`${op.issuer}${UMA_PATHS.configuration}`)).body

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
