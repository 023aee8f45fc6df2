/**
 * UMA helpers for core's tests, over the real test OP's UMA 2 AS (never mocked): a site that may protect
 * resources and ask for RPTs, protection documents, and the check → ticket → RPT round trip.
 */
import type { TestOp } from "@oxd/test-op"
import type { Oxd } from "../src/makeOxd.js"
import { call, ok, registerSite, startOpOxdAndSite } from "./support.js"

export const CLAIMS_REDIRECT_URI = "https://client.example.org/claims-cb"
export const ID_TOKEN_FORMAT = "http://openid.net/specs/openid-connect-core-1_0.html#IDToken"

/** What a UMA site registers: a PAT (client_credentials + uma_protection) and the uma-ticket grant. */
export const UMA_SITE = {
  grant_types: ["authorization_code", "client_credentials", "urn:ietf:params:oauth:grant-type:uma-ticket"],
  scope: ["openid", "uma_protection"],
  claims_redirect_uri: [CLAIMS_REDIRECT_URI],
}

export const registerUmaSite = (oxd: Oxd, op: TestOp, extra: Record<string, unknown> = {}) =>
  registerSite(oxd, op, { ...UMA_SITE, ...extra })

/**
 * A test OP, a core on it and a UMA site protecting photoAndDocument() for the tests of one file: `use` gets them
 * and the AS's resource ids by name ("/photo GET", "/photo PUT POST", "/document GET").
 */
export const startProtectedUmaSite = (
  use: (op: TestOp, oxd: Oxd, oxdId: string, ids: Record<string, string>) => void,
) =>
  startOpOxdAndSite(async (op, oxd, oxdId) => {
    const before = resourceIds(op)
    await protect(oxd, oxdId)
    use(op, oxd, oxdId, Object.fromEntries(newResources(op, before).map((r) => [r.name, r._id])))
  }, registerUmaSite)

/** The documentation's example: GET /photo needs view; PUT/POST need all or add (tickets ask for add); GET /document needs view. */
export const photoAndDocument = () => [
  {
    path: "/photo",
    conditions: [
      { httpMethods: ["GET"], scopes: ["view"] },
      { httpMethods: ["PUT", "POST"], scopes: ["all", "add"], ticketScopes: ["add"] },
    ],
  },
  { path: "/document", conditions: [{ httpMethods: ["GET"], scopes: ["view"] }] },
]

export const protect = (oxd: Oxd, oxdId: string, resources: unknown = photoAndDocument(), overwrite?: boolean) =>
  ok<{ oxd_id: string }>(
    call(oxd, "uma_rs_protect", { oxd_id: oxdId, resources, ...(overwrite === undefined ? {} : { overwrite }) }),
  )

export interface CheckResult {
  access: "granted" | "denied"
  ticket: string | null
  "www-authenticate_header": string | null
}

export const check = (oxd: Oxd, oxdId: string, path: string, httpMethod: string, rpt = "") =>
  ok<CheckResult>(call(oxd, "uma_rs_check_access", { oxd_id: oxdId, path, http_method: httpMethod, rpt }))

/** A denied check's ticket. */
export const ticketFor = async (oxd: Oxd, oxdId: string, path: string, httpMethod: string) => {
  const r = await check(oxd, oxdId, path, httpMethod)
  if (r.access !== "denied" || !r.ticket)
    throw new Error(`expected a denied check with a ticket, got ${JSON.stringify(r)}`)
  return r.ticket
}

export interface RptResult {
  access_token: string
  token_type: string
  pct: string | null
  updated: boolean
}

/** check (denied) → ticket → uma_rp_get_rpt: an RPT for path + method. */
export const rptFor = async (
  oxd: Oxd,
  oxdId: string,
  path: string,
  httpMethod: string,
  extra: Record<string, unknown> = {},
) => {
  const ticket = await ticketFor(oxd, oxdId, path, httpMethod)
  return ok<RptResult>(call(oxd, "uma_rp_get_rpt", { oxd_id: oxdId, ticket, ...extra }))
}

/** How many requests the OP served on a route since `before` (a counters() snapshot). */
export const delta = (op: TestOp, before: Record<string, number>, name: string) =>
  (op.counters()[name] ?? 0) - (before[name] ?? 0)

/** AS resources registered since `beforeIds`. */
export const newResources = (op: TestOp, beforeIds: ReadonlySet<string>) =>
  op.uma.resources().filter((r) => !beforeIds.has(r._id))
export const resourceIds = (op: TestOp) => new Set(op.uma.resources().map((r) => r._id))

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
