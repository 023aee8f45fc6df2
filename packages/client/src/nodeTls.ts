import { readFileSync } from "node:fs"
import { Agent, request } from "node:https"
import { urlToHttpOptions } from "node:url"
import { WebSocket } from "ws"
import type { RestAnswer, RestPost } from "./https.js"
import type { WebSocketClass } from "./retryingSocket.js"

/** `ca` as given: PEM text, or the path of a PEM file. */
export const readCa = (ca: string): string => (ca.includes("-----BEGIN ") ? ca : readFileSync(ca, "utf8"))

/**
 * The REST API's POST over node:https, trusting `ca`: one keep-alive Agent per client, so calls reuse its TLS
 * connections, and no fetch objects per call (a Request, a Response and their streams made through fetch and
 * openapi-fetch were two thirds of a call's CPU). The answer is read as openapi-fetch reads it (https.ts's
 * RestAnswer). node:https rejects with the TLS error itself (its message and code), where the global fetch says
 * "fetch failed". `close` ends the kept-alive connections, so the process can exit.
 */
export const postTrusting = (
  ca: string,
  baseUrl: string,
  headers: Readonly<Record<string, string>> = {},
): { readonly post: RestPost; close(): void } => {
  const agent = new Agent({ ca, keepAlive: true })
  const url = new URL(baseUrl)
  // host and port as node:https takes them (an IPv6 host without its brackets)
  const base = urlToHttpOptions(url)
  // openapi-fetch's join: the base URL's path without its trailing slashes, then the command's
  const prefix = url.pathname.replace(/\/+$/, "")
  const post: RestPost = (path, body, callHeaders, signal) =>
    new Promise<RestAnswer>((resolve, reject) => {
      const payload = Buffer.from(JSON.stringify(body))
      const req = request(
        {
          protocol: base.protocol,
          hostname: base.hostname,
          port: base.port,
          path: `${prefix}${path}`,
          method: "POST",
          headers: {
            "Content-Type": "application/json",
            ...headers,
            ...callHeaders,
            "Content-Length": payload.length,
          },
          agent,
          signal,
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on("data", (chunk: Buffer) => chunks.push(chunk))
          res.on("error", reject)
          res.on("end", () => {
            const status = res.statusCode ?? 502
            const ok = status >= 200 && status < 300
            const text = Buffer.concat(chunks).toString("utf8")
            if (status === 204 || res.headers["content-length"] === "0") return resolve({ status, ok, body: undefined })
            if (ok) {
              try {
                resolve({ status, ok, body: JSON.parse(text) })
              } catch (e) {
                reject(e)
              }
              return
            }
            let parsed: unknown = text
            try {
              parsed = JSON.parse(text)
            } catch {
              // not JSON: a proxy's page, kept as text
            }
            resolve({ status, ok, body: parsed })
          })
        },
      )
      req.on("error", reject)
      req.end(payload)
    })
  return { post, close: () => agent.destroy() }
}

/** The `ws` package's WebSocket, trusting `ca` when given (else the default roots, NODE_EXTRA_CA_CERTS included). */
export const webSocketTrusting = (ca: string | undefined): WebSocketClass =>
  ca === undefined
    ? WebSocket
    : class extends WebSocket {
        constructor(url: string, protocols?: string | string[]) {
          super(url, protocols, { ca })
        }
      }
