import { readFileSync } from "node:fs"
import { Pool } from "undici"
import { WebSocket } from "ws"
import type { RestPost } from "./https.js"
import type { WebSocketClass } from "./retryingSocket.js"

/** `ca` as given: PEM text, or the path of a PEM file. */
export const readCa = (ca: string): string => (ca.includes("-----BEGIN ") ? ca : readFileSync(ca, "utf8"))

/**
 * The REST API's POST over an undici Pool trusting `ca`: one per client, its kept-alive TLS connections reused by
 * every call, and no fetch objects per call (a Request, a Response and their streams made through fetch and
 * openapi-fetch were two thirds of a call's CPU; undici's own request costs half of node:https's). The answer is read
 * as openapi-fetch reads it (https.ts's RestAnswer). A TLS failure rejects with the TLS error itself (its message and
 * code), where the global fetch says "fetch failed". `close` ends the connections, so the process can exit.
 */
export const postTrusting = (
  ca: string,
  baseUrl: string,
  headers: Readonly<Record<string, string>> = {},
): { readonly post: RestPost; close(): Promise<void> } => {
  const url = new URL(baseUrl)
  const pool = new Pool(url.origin, { connect: { ca } })
  // openapi-fetch's join: the base URL's path without its trailing slashes, then the command's
  const prefix = url.pathname.replace(/\/+$/, "")
  const post: RestPost = async (path, body, callHeaders, signal) => {
    const payload = JSON.stringify(body)
    const res = await pool.request({
      path: `${prefix}${path}`,
      method: "POST",
      headers: { "content-type": "application/json", ...headers, ...callHeaders },
      body: payload,
      signal,
    })
    const status = res.statusCode
    const ok = status >= 200 && status < 300
    const text = await res.body.text()
    if (status === 204 || res.headers["content-length"] === "0") return { status, ok, body: undefined }
    // ok: JSON or a failure (as openapi-fetch's response.json()); otherwise JSON, else the text (a proxy's page)
    if (ok) return { status, ok, body: JSON.parse(text) as unknown }
    try {
      return { status, ok, body: JSON.parse(text) as unknown }
    } catch {
      return { status, ok, body: text }
    }
  }
  return { post, close: () => pool.destroy() }
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
