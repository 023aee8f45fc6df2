import type { OxdCaller } from "./OxdCaller.js"
import { oxdErrorOf } from "./oxdError.js"
import { jsonReply, toResponse, type Reply } from "./reply.js"

/** What protect() reads of a request: any framework's request reduces to this (a fetch Request does itself). */
export interface AccessRequest {
  readonly method: string
  /** The path, without the query (`/photos/1`); a full URL is read for its path. */
  readonly path: string
  /** The Authorization header, where the RPT comes as `Bearer <rpt>`. */
  readonly authorization?: string | null | undefined
}

/** The decision a granted request carries to its handler. */
export type AccessDecision =
  | { readonly access: "granted"; readonly path: string; readonly method: string; readonly rpt: string }
  /** The site protects no resource at this path and method, and onUnprotected is "pass". */
  | { readonly access: "unprotected"; readonly path: string; readonly method: string }

export type Verdict =
  | { readonly ok: true; readonly decision: AccessDecision }
  | { readonly ok: false; readonly reply: Reply; readonly response: () => Response }

export interface ProtectOptions {
  /** Any @oxd/client (tcp, https, ws, in-process) whose protection token may call the site. */
  readonly client: OxdCaller
  /** The site (register_site's oxd_id) whose resources (uma_rs_protect) are checked. */
  readonly oxdId: string
  /**
   * A path and method the site does not protect (oxd answers invalid_request): "pass" lets it through (the
   * decision says "unprotected"), "refuse" answers 403. Default "refuse": a resource forgotten in uma_rs_protect
   * stays closed.
   */
  readonly onUnprotected?: "pass" | "refuse"
  /** Told of every failure of oxd itself (the client's error, unreachable server…) before the 503: log it here. */
  readonly onError?: (error: unknown, request: AccessRequest) => void
}

const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i

/** The RPT of an Authorization header; "" when there is none (oxd then answers denied, with a ticket). */
export const bearerRpt = (authorization: string | null | undefined): string =>
  (authorization && BEARER.exec(authorization)?.[1]) ?? ""

const pathOf = (path: string): string => {
  if (path.startsWith("/")) {
    const q = path.search(/[?#]/)
    return q < 0 ? path : path.slice(0, q)
  }
  return new URL(path).pathname
}

/** Reads the three fields of a fetch Request. */
export const accessRequestOf = (request: Request): AccessRequest => ({
  method: request.method,
  path: new URL(request.url).pathname,
  authorization: request.headers.get("authorization"),
})

/**
 * Maps oxd's answers to HTTP: granted passes; denied is 401 with the WWW-Authenticate header oxd built
 * (`UMA realm=…,as_uri=…,error="insufficient_scope",ticket=…`), so the client can get an RPT for the ticket;
 * request_denied (the AS refused the request for good) is 403; a path the site does not protect is as configured;
 * any other failure of oxd is 503, with nothing of the failure in the body.
 */
export const protect = (options: ProtectOptions) => {
  const onUnprotected = options.onUnprotected ?? "refuse"
  const refused = (reply: Reply): Verdict => ({ ok: false, reply, response: () => toResponse(reply) })

  // the reference's text for a path and method no resource of the site covers (RsCheckAccessOperation)
  const NOT_PROTECTED = /^Resource is not protected/

  const failure = (e: unknown, req: AccessRequest, path: string, method: string): Verdict => {
    const oxd = oxdErrorOf(e)
    if (oxd?.error === "invalid_request" && NOT_PROTECTED.test(oxd.description))
      return onUnprotected === "pass"
        ? { ok: true, decision: { access: "unprotected", path, method } }
        : refused(jsonReply(403, "forbidden", "This resource is not available."))
    if (oxd?.error === "request_denied")
      return refused(jsonReply(403, "request_denied", "The authorization server denied this request."))
    options.onError?.(e, req)
    return refused(
      jsonReply(503, "service_unavailable", "Authorization is unavailable; try again later.", [["retry-after", "5"]]),
    )
  }

  const check = async (input: Request | AccessRequest): Promise<Verdict> => {
    const req = input instanceof Request ? accessRequestOf(input) : input
    const path = pathOf(req.path)
    const method = req.method.toUpperCase()
    const rpt = bearerRpt(req.authorization)
    let answer: unknown
    try {
      answer = await options.client.call("uma_rs_check_access", {
        oxd_id: options.oxdId,
        rpt,
        path,
        http_method: method,
      })
    } catch (e) {
      return failure(e, req, path, method)
    }
    const a = answer as { access?: unknown; "www-authenticate_header"?: unknown }
    if (a.access === "granted") return { ok: true, decision: { access: "granted", path, method, rpt } }
    if (a.access === "denied" && typeof a["www-authenticate_header"] === "string")
      return refused(
        jsonReply(401, "unauthorized", "An RPT with the permission is required for this resource.", [
          ["www-authenticate", a["www-authenticate_header"]],
        ]),
      )
    return failure(new Error("unexpected uma_rs_check_access answer"), req, path, method)
  }

  return {
    /** The verdict on one request: pass with its decision, or the reply to send (reply, or response() for fetch). */
    check,
    /** A fetch handler behind the check: `guard.fetch((request, decision) => new Response(…))`. */
    fetch:
      (handler: (request: Request, decision: AccessDecision) => Response | Promise<Response>) =>
      async (request: Request): Promise<Response> => {
        const v = await check(request)
        return v.ok ? handler(request, v.decision) : v.response()
      },
  }
}

export type Protection = ReturnType<typeof protect>
