import type { IncomingMessage, ServerResponse } from "node:http"
import { readBody, sendJson } from "./http.js"
import { parseDiscoveryRewrite } from "./discovery.js"
import { parseFault } from "./fault.js"
import { MISBEHAVIOUR_KINDS, isMisbehaviourKind } from "./misbehave.js"
import type { TestOp } from "./server.js"
import { parsePolicy } from "./uma/policies.js"

/** Prefix of the control API; not an OIDC path, so it can't clash with provider routes. */
export const ADMIN_PREFIX = "/__test/"

/**
 * HTTP twin of the TestOp JS API, for driving the OP from another process:
 *   GET  /__test/info           issuer, CA file, users
 *   POST /__test/misbehave      {"kind": "...", "client_id"?: "...", "once"?: true}
 *   GET  /__test/misbehave      pending misbehaviours
 *   POST /__test/rotate-keys    {"keep_old"?: true}  -> {"kid": "...", "kids": {...}}
 *   GET  /__test/counters       {"jwks": 2, "token": 1, "token.authorization_code": 1, ...}
 *   POST /__test/reset          clears misbehaviours, faults, the clock skew, discovery rewrites, counters and UMA policies/RPT lifetime
 *   POST /__test/uma/policy     {"scope": "...", "kind": "grant"|"deny"|"require_claim", "name"?, "value"?}
 *   GET  /__test/uma/policy     {"<scope>": policy, ...}
 *   POST /__test/uma/reset      clears UMA policies, restores the RPT lifetime
 *   POST /__test/uma/rpt-ttl    {"seconds": 2}
 *   GET  /__test/uma/resources  every registered resource (with owner and scope_expression)
 *   POST /__test/fault          {"mode": "down"|"slow"|"garbage"|"http500"|"none", "delay_ms"?, "paths"?, "times"?}
 *   GET  /__test/fault          the fault in force (and how many requests it hit)
 *   POST /__test/clock          {"skew_seconds": 600}  the Date header of every answer that far off; 0 puts it right
 *   GET  /__test/clock          {"skew_seconds": …}
 *   POST /__test/discovery      {"openid"?: {field: value|null}, "uma"?: {…}}  rewrites the discovery documents; {} lifts
 *   GET  /__test/discovery      the rewrite in force
 * POSTs must send Content-Type: application/json (a browser can't do that cross-origin without a
 * CORS preflight, which we never grant — so web pages can't poke the OP).
 */
export async function handleAdmin(op: TestOp, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? "/", "https://op.invalid").pathname.slice(ADMIN_PREFIX.length)
  const route = `${req.method ?? "GET"} ${path}`
  try {
    let body: Record<string, unknown> = {}
    if (req.method === "POST") {
      if (!/^application\/json\b/i.test(req.headers["content-type"] ?? "")) {
        return sendJson(res, 415, {
          error: "unsupported_media_type",
          error_description: "send Content-Type: application/json",
        })
      }
      const raw = await readBody(req)
      const parsed: unknown = raw.trim() ? JSON.parse(raw) : {}
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
        throw new TypeError("body must be a JSON object")
      body = parsed as Record<string, unknown>
    }

    switch (route) {
      case "GET info":
        return sendJson(res, 200, { issuer: op.issuer, port: op.port, ca_file: op.caFile, users: op.users })
      case "GET misbehave":
        return sendJson(res, 200, { pending: op.pendingMisbehaviours() })
      case "POST misbehave": {
        const kind = body.kind
        if (!isMisbehaviourKind(kind)) {
          return sendJson(res, 400, {
            error: "invalid_request",
            error_description: `kind must be one of ${MISBEHAVIOUR_KINDS.join(", ")}`,
          })
        }
        const clientId = body.client_id ?? body.clientId
        if (clientId !== undefined && typeof clientId !== "string") throw new TypeError("client_id must be a string")
        if (body.once !== undefined && typeof body.once !== "boolean") throw new TypeError("once must be a boolean")
        if (body.seconds !== undefined && typeof body.seconds !== "number")
          throw new TypeError("seconds must be a number")
        op.misbehave({
          kind,
          ...(clientId !== undefined ? { clientId } : {}),
          ...(body.once !== undefined ? { once: body.once } : {}),
          ...(body.seconds !== undefined ? { seconds: body.seconds } : {}),
        })
        return sendJson(res, 200, { pending: op.pendingMisbehaviours() })
      }
      case "POST rotate-keys": {
        const keepOld = body.keep_old ?? body.keepOld
        if (keepOld !== undefined && typeof keepOld !== "boolean") throw new TypeError("keep_old must be a boolean")
        return sendJson(res, 200, await op.rotateKeys(keepOld === undefined ? {} : { keepOld }))
      }
      case "GET counters":
        return sendJson(res, 200, op.counters())
      case "POST reset":
        op.reset()
        return sendJson(res, 200, { ok: true })
      case "POST uma/policy": {
        if (typeof body.scope !== "string" || !body.scope) throw new TypeError("scope must be a non-empty string")
        op.uma.setPolicy(body.scope, parsePolicy(body))
        return sendJson(res, 200, { policies: op.uma.policies() })
      }
      case "GET uma/policy":
        return sendJson(res, 200, op.uma.policies())
      case "POST uma/reset":
        op.uma.reset()
        return sendJson(res, 200, { ok: true })
      case "POST uma/rpt-ttl":
        if (typeof body.seconds !== "number") throw new TypeError("seconds must be a number")
        op.uma.setRptTtl(body.seconds)
        return sendJson(res, 200, { ok: true, seconds: body.seconds })
      case "GET fault":
        return sendJson(res, 200, { fault: op.currentFault() })
      case "POST fault":
        op.fault(body.mode === "none" || body.mode === null ? null : parseFault(body))
        return sendJson(res, 200, { fault: op.currentFault() })
      case "GET clock":
        return sendJson(res, 200, { skew_seconds: op.currentClockSkew() })
      case "POST clock":
        if (typeof body.skew_seconds !== "number") throw new TypeError("skew_seconds must be a number")
        op.skewClock(body.skew_seconds)
        return sendJson(res, 200, { skew_seconds: op.currentClockSkew() })
      case "GET quirks":
        return sendJson(res, 200, { quirks: op.currentQuirks() })
      case "POST quirks":
        if (!Array.isArray(body.quirks)) throw new TypeError("quirks must be a list")
        op.quirks(body.quirks)
        return sendJson(res, 200, { quirks: op.currentQuirks() })
      case "GET discovery":
        return sendJson(res, 200, { rewrite: op.currentDiscoveryRewrite() })
      case "POST discovery":
        op.rewriteDiscovery(parseDiscoveryRewrite(body))
        return sendJson(res, 200, { rewrite: op.currentDiscoveryRewrite() })
      case "GET uma/resources":
        return sendJson(res, 200, op.uma.resources())
      default:
        return sendJson(res, 404, { error: "not_found", error_description: `no admin route ${route}` })
    }
  } catch (err) {
    const description = err instanceof Error ? err.message : String(err)
    return sendJson(res, err instanceof TypeError || err instanceof SyntaxError ? 400 : 500, {
      error: "invalid_request",
      error_description: description,
    })
  }
}
