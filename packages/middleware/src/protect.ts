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

/** @oxd/client/in-process's CALL_NOW (Symbol.for: no import of the client needed to look for it). */
const CALL_NOW = Symbol.for("@oxd/client/callNow")
type CallNow = (command: string, params: Record<string, unknown>) => unknown

const isPromise = (v: unknown): v is PromiseLike<unknown> =>
  typeof (v as PromiseLike<unknown> | undefined)?.then === "function"

/** A fetch Request (without touching the global Request: on Node 20 each read of it goes through a lazy getter). */
const isFetchRequest = (input: Request | AccessRequest): input is Request =>
  "headers" in input && typeof (input as Request).headers?.get === "function"

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

  const answered = (answer: unknown, req: AccessRequest, path: string, method: string, rpt: string): Verdict => {
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

  // an in-process client answers at once what its core answers from warm state (CALL_NOW in @oxd/client/in-process)
  const callNow = (options.client as { [CALL_NOW]?: CallNow })[CALL_NOW]
  const client = options.client

  const decide = (input: Request | AccessRequest): Verdict | Promise<Verdict> => {
    const req = isFetchRequest(input) ? accessRequestOf(input) : input
    const path = pathOf(req.path)
    const method = req.method.toUpperCase()
    const rpt = bearerRpt(req.authorization)
    const params = { oxd_id: options.oxdId, rpt, path, http_method: method }
    let answer: unknown
    try {
      answer = callNow ? callNow("uma_rs_check_access", params) : client.call("uma_rs_check_access", params)
    } catch (e) {
      return failure(e, req, path, method)
    }
    if (isPromise(answer))
      return Promise.resolve(answer).then(
        (a) => answered(a, req, path, method, rpt),
        (e: unknown) => failure(e, req, path, method),
      )
    return answered(answer, req, path, method, rpt)
  }

  const check = async (input: Request | AccessRequest): Promise<Verdict> => decide(input)

  return {
    /** The verdict on one request: pass with its decision, or the reply to send (reply, or response() for fetch). */
    check,
    /**
     * check's verdict, given at once when the client answered at once (an in-process core from its warm state: a
     * cached granted check), else as a promise, so a handler can answer in the same turn. Fails only as check does (onError throwing).
     */
    decide,
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
