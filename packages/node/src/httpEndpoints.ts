import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { bearerToken, edgeRefusal, errorEnvelope, sameSecret, type Oxd, type WireError } from "@oxd/core"
import { serveSiteAdmin, SITES_PATH } from "./siteAdminEndpoints.js"

export const METRICS_PATH = "/metrics"
export const LIVE_PATH = "/health/live"
export const READY_PATH = "/health/ready"

const send = (res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string>) => {
  res.writeHead(status, {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    ...headers,
    "Content-Type": type,
    "Content-Length": String(Buffer.byteLength(body)),
  })
  res.end(body)
}
const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string>) =>
  send(res, status, "application/json; charset=utf-8", JSON.stringify(body), headers)
const sendError = (res: ServerResponse, wire: WireError, headers: Record<string, string>) =>
  sendJson(res, wire.http, errorEnvelope(wire), headers)

/** With metrics_token set, /metrics answers only a request bearing it. */
const metricsAllowed = (token: string | undefined, authorization: string | undefined): boolean => {
  if (token === undefined) return true
  const given = bearerToken(authorization)
  return given !== undefined && sameSecret(given, token)
}

/**
 * GET /metrics (Prometheus text; when metrics_enabled, and with `Authorization: Bearer <metrics_token>` when that is
 * set), /health/live (the process answers) and /health/ready (503 until the database answers with current
 * migrations, and while stopping). Returns false for any other path, for the caller to answer. Health asks no token:
 * it says nothing about sites or users.
 */
export const serveObservability = async (
  oxd: Oxd,
  req: IncomingMessage,
  res: ServerResponse,
  headers: Record<string, string> = {},
): Promise<boolean> => {
  const path = (req.url ?? "/").split("?")[0]
  const isMetrics = path === METRICS_PATH && oxd.config.metrics_enabled
  if (!isMetrics && path !== LIVE_PATH && path !== READY_PATH) return false
  if (req.method !== "GET" && req.method !== "HEAD") {
    sendError(res, edgeRefusal("bad_request", `${path} answers GET and HEAD only.`, 405), {
      ...headers,
      Allow: "GET, HEAD",
    })
    return true
  }
  if (isMetrics && !metricsAllowed(oxd.config.metrics_token, req.headers.authorization)) {
    sendError(res, edgeRefusal("unauthorized", `${METRICS_PATH} needs Authorization: Bearer <metrics_token>.`), {
      ...headers,
      "WWW-Authenticate": 'Bearer realm="metrics"',
    })
  } else if (isMetrics) {
    send(res, 200, "text/plain; version=0.0.4; charset=utf-8", await oxd.metricsText(), headers)
  } else if (path === LIVE_PATH) {
    sendJson(res, 200, { status: "ok" }, headers)
  } else {
    const { ready, checks } = await oxd.readiness()
    sendJson(
      res,
      ready ? 200 : 503,
      {
        status: ready ? "ready" : "not_ready",
        checks: {
          database: checks.database ? "ok" : "unreachable",
          migrations: checks.migrations ? "current" : checks.database ? "not_current" : "unknown",
          accepting: checks.accepting ? "yes" : "stopping",
        },
      },
      headers,
    )
  }
  return true
}

export interface AdminServer {
  readonly url: string
  readonly port: number
  close(): Promise<void>
}

/**
 * The admin port (admin_port, plain HTTP on admin_bind_address): metrics and health for TCP-only deployments, and
 * site administration when admin_token is set (siteAdminEndpoints.ts).
 */
export const startAdminServer = async (
  oxd: Oxd,
  opts: { readonly host?: string; readonly port?: number } = {},
): Promise<AdminServer> => {
  const host = opts.host ?? oxd.config.admin_bind_address
  const server: Server = createServer({ requestTimeout: 10_000, headersTimeout: 10_000 }, (req, res) => {
    serveObservability(oxd, req, res)
      .then((served) => served || serveSiteAdmin(oxd, req, res))
      .then((served) => {
        if (!served)
          sendError(
            res,
            edgeRefusal(
              "no_such_endpoint",
              `The admin port serves GET ${METRICS_PATH}, ${LIVE_PATH}, ${READY_PATH} and (with admin_token) ${SITES_PATH}.`,
            ),
            {},
          )
      })
      .catch(() => {
        if (!res.headersSent) sendError(res, edgeRefusal("failed", "The admin port failed to answer."), {})
        else res.destroy()
      })
  })
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(opts.port ?? oxd.config.admin_port, host, () => {
      server.off("error", reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
