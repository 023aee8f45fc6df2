import { randomUUID } from "node:crypto"
import type { IncomingMessage, ServerResponse } from "node:http"
import { defectError, edgeRefusal, redactSecrets, requestIdFrom, type Oxd, type Reply, type WireError } from "@oxd/core"
import { serveObservability } from "@oxd/node"
import type { Cors } from "./cors.js"
import { replyStatus, type RestErrorStatus } from "./errorStatus.js"
import { readJsonBody } from "./readJsonBody.js"
import { forbiddenAccess, referenceBearer } from "./referenceBearer.js"
import { docsAssets } from "./docsAssets.js"
import { sendAsset, sendEmpty, sendError, sendHtml, sendJson, sendText } from "./replies.js"
import { allowedMethods, matchRoute, type Route } from "./routes.js"
import { backchannelLogout, frontchannelLogout } from "./logoutReceivers.js"

export type CommandRoute = Extract<Route, { kind: "command" }>

/**
 * What differs between the API generations served by this handler: how replies and refusals are written, the answer
 * to a protected command without a token, the health check, and the headers checked before core. 3.1 (the default):
 * the oxd envelope; 4.x: v4/dialect.ts.
 */
export interface RestDialect {
  /** Which API generation calls come through (core's CallContext.api); undefined: 3.1. */
  readonly api: "4" | undefined
  /** An answer of the edge itself (bad body, unknown path, missing token, a failure of this code). */
  sendRefusal(res: ServerResponse, wire: WireError, headers: Record<string, string>): void
  /** Core's reply to a command. */
  sendReply(res: ServerResponse, route: CommandRoute, reply: Reply, headers: Record<string, string>): void
  /** The refusal of a protected command without "Authorization: Bearer <token>". */
  readonly missingToken: WireError
  /** For a protected command: a refusal from the request's headers and params before core runs, or undefined. */
  checkRequest?(req: IncomingMessage, params: unknown): WireError | undefined
  /** GET /health-check. */
  sendHealth(res: ServerResponse, headers: Record<string, string>): void
}

/** oxd-https-extension 3.1: the oxd envelope, with the status rest_error_status gives an error. */
export const dialect31 = (errorStatus: RestErrorStatus): RestDialect => ({
  api: undefined,
  sendRefusal: sendError,
  sendReply: (res, _route, reply, headers) => sendJson(res, replyStatus(errorStatus, reply), reply.envelope, headers),
  missingToken: forbiddenAccess,
  // the reference's liveness answer, whatever the database (RestResource.java:29-34); the database's state is
  // GET /health/ready's
  sendHealth: (res, headers) => sendText(res, 200, "running", headers),
})

export interface HandlerOptions {
  readonly routes: ReadonlyMap<string, Route>
  readonly cors: Cors
  readonly maxBodyBytes: number
  /** rest_error_status: the HTTP status of a command's oxd error reply (200 by the reference, or the code's own). */
  readonly errorStatus: RestErrorStatus
  /** The OpenAPI document as served (JSON text) and the docs page generated from it. */
  readonly openApiText: string
  readonly docsHtml: string
  /** The API generation's writing of replies (default: 3.1's, with errorStatus). */
  readonly dialect?: RestDialect
}

/**
 * One HTTP request: route by path, check the method, read the JSON body, dispatch the command into core, send
 * the oxd envelope with the reply's HTTP status. Every outcome, including a failure of this code, is an answer.
 */
export const makeRequestHandler = (oxd: Oxd, opts: HandlerOptions) => {
  const dialect = opts.dialect ?? dialect31(opts.errorStatus)
  /**
   * A command, in the reference's order (RestResource.java:76-79): the body read as its params (400 when it is none),
   * then, for a protected command, the Bearer header (403 without one), then core's reply as the oxd envelope with
   * the status rest_error_status gives it. Callbacks rather than awaits: a reply core gives at once (a cached check)
   * is sent from the body's end event, with no promise between. `fail` answers anything thrown here, as a rejection
   * of `handle` is answered.
   */
  const answerCommand = (
    req: IncomingMessage,
    res: ServerResponse,
    route: CommandRoute,
    headers: Record<string, string>,
    requestId: string,
    fail: (e: unknown) => void,
    getParams?: Record<string, unknown>,
  ) => {
    const run = (params: unknown) => {
      // only the header carries the token (a protection_access_token in the body is not one), as in the reference
      const token = route.protected ? referenceBearer(req.headers.authorization) : undefined
      if (route.protected && token === undefined) {
        return void (res.destroyed || dialect.sendRefusal(res, dialect.missingToken, headers))
      }
      // as 4.x checks AuthorizationOxdId only for commands that need a token (RestResource.java:341-344)
      const refusal = route.protected ? dialect.checkRequest?.(req, params) : undefined
      if (refusal) return void (res.destroyed || dialect.sendRefusal(res, refusal, headers))
      // whether the token is required and where it comes from: core's transportProtection table (https)
      const reply = oxd.call(route.command, params, {
        transport: "https",
        protectionToken: token,
        requestId,
        remoteAddress: req.socket.remoteAddress,
        api: dialect.api,
      })
      if (!(reply instanceof Promise)) return void (res.destroyed || dialect.sendReply(res, route, reply, headers))
      reply.then((r) => void (res.destroyed || dialect.sendReply(res, route, r, headers))).catch(fail)
    }
    // a GET command (4.x) has no body: its params are the path's and the query's
    if (getParams) {
      try {
        return run(getParams)
      } catch (e) {
        return fail(e)
      }
    }
    readJsonBody(req, opts.maxBodyBytes, (body) => {
      try {
        if (!body.ok) {
          if (res.destroyed) return
          // a body left unread cannot be skipped on a kept-alive connection: close it after the answer
          return dialect.sendRefusal(
            res,
            edgeRefusal("bad_request", body.description, body.status),
            body.unread ? { ...headers, Connection: "close" } : headers,
          )
        }
        run(body.params)
      } catch (e) {
        fail(e)
      }
    })
  }

  /** Routes a request; a command, the common case, without a promise. */
  const handle = (req: IncomingMessage, res: ServerResponse, requestId: string, fail: (e: unknown) => void): void => {
    const path = (req.url ?? "/").split("?")[0] ?? "/"
    const origin = req.headers.origin
    const cors = opts.cors.responseHeaders(origin)
    const headers = { ...cors, "X-Request-Id": requestId }
    if (req.httpVersionMajor === 1 && req.httpVersionMinor === 1 && req.headers.host === undefined) {
      // RFC 9112 §3.2: an HTTP/1.1 request without Host is refused
      return dialect.sendRefusal(res, edgeRefusal("bad_request", "An HTTP/1.1 request needs a Host header."), {
        ...headers,
        Connection: "close",
      })
    }
    const matched = matchRoute(opts.routes, path)
    const route = matched?.route
    // a command, the common case, goes straight in (no command path is an observability path)
    if (route?.kind === "command" && req.method === "POST" && route.method === undefined)
      return answerCommand(req, res, route, headers, requestId, fail)
    handleOther(req, res, path, route, matched?.pathValue, origin, cors, headers, requestId, fail).catch(fail)
  }

  /** Everything but a command POSTed to its path: observability, 404, preflight, 405, health, the docs. */
  const handleOther = async (
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    route: Route | undefined,
    pathValue: string | undefined,
    origin: string | undefined,
    cors: Record<string, string>,
    headers: Record<string, string>,
    requestId: string,
    fail: (e: unknown) => void,
  ) => {
    // GET /metrics, /health/live, /health/ready: for scrapers and orchestrators (metrics: metrics_token when set)
    if (await serveObservability(oxd, req, res, headers)) return
    if (!route) {
      return dialect.sendRefusal(
        res,
        edgeRefusal(
          "no_such_endpoint",
          `No such endpoint: ${req.method ?? ""} ${path.slice(0, 200)}. Commands are POST /<command-with-dashes> (e.g. POST /get-authorization-url); GET /docs lists them.`,
        ),
        headers,
      )
    }
    const methods = allowedMethods(route)
    if (req.method === "OPTIONS") {
      const preflight = opts.cors.preflightHeaders(origin, methods.join(", "))
      // an origin that is not allowed gets no CORS header: the browser refuses to send the request
      return sendEmpty(res, 204, { ...(preflight ?? cors), Allow: [...methods, "OPTIONS"].join(", ") })
    }
    if (!methods.includes(req.method ?? "")) {
      return dialect.sendRefusal(
        res,
        edgeRefusal(
          "bad_request",
          `${path} answers ${methods.join(" and ")} only, not ${String(req.method).slice(0, 20)}.`,
          405,
        ),
        { ...headers, Allow: methods.join(", ") },
      )
    }
    switch (route.kind) {
      case "health":
        return dialect.sendHealth(res, headers)
      case "openapi":
        return sendJson(res, 200, opts.openApiText, headers)
      case "docs":
        return sendHtml(res, 200, opts.docsHtml, headers)
      case "docsAsset": {
        const asset = (await docsAssets()).get(path)
        if (asset) return sendAsset(res, asset.type, asset.body, headers)
        return sendError(res, edgeRefusal("no_such_endpoint", `No such endpoint: GET ${path}.`), headers)
      }
      case "command":
        return answerCommand(
          req,
          res,
          route,
          headers,
          requestId,
          fail,
          route.method ? getParams(req, route, pathValue) : undefined,
        )
      case "backchannel_logout":
        return backchannelLogout(oxd, req, res, opts.maxBodyBytes, headers)
      case "frontchannel_logout":
        return frontchannelLogout(oxd, req, res, headers)
    }
  }

  return (req: IncomingMessage, res: ServerResponse) => {
    // a caller's own X-Request-Id (short, safe characters) is kept, to follow one request across its logs and ours
    const requestId = requestIdFrom(req.headers["x-request-id"]) ?? randomUUID()
    const fail = (e: unknown) => {
      // the error's name and a redacted message: an edge failure's text could quote the request
      oxd.log("error", "REST request failed", {
        request_id: requestId,
        error: e instanceof Error ? e.name : typeof e,
        detail: e instanceof Error ? redactSecrets(e.message).slice(0, 300) : "",
      })
      if (res.headersSent || res.destroyed) return void res.destroy()
      dialect.sendRefusal(res, defectError(requestId), { "X-Request-Id": requestId, Connection: "close" })
    }
    try {
      handle(req, res, requestId, fail)
    } catch (e) {
      fail(e)
    }
  }
}

/** A GET command's params: its path param and the query params it names (a param given twice: the first). */
const getParams = (
  req: IncomingMessage,
  route: CommandRoute,
  pathValue: string | undefined,
): Record<string, unknown> => {
  const params: Record<string, unknown> = {}
  if (route.pathParam && pathValue !== undefined) params[route.pathParam] = pathValue
  if (route.queryParams) {
    const query = new URL(req.url ?? "/", "http://localhost").searchParams
    for (const name of route.queryParams) {
      const value = query.get(name)
      if (value !== null) params[name] = value
    }
  }
  return params
}
