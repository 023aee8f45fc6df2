import { readFileSync } from "node:fs"
import { Agent, request } from "node:https"
import { WebSocket } from "ws"
import type { WebSocketClass } from "./retryingSocket.js"

/** `ca` as given: PEM text, or the path of a PEM file. */
export const readCa = (ca: string): string => (ca.includes("-----BEGIN ") ? ca : readFileSync(ca, "utf8"))

/**
 * A fetch over node:https that trusts `ca`, for @oxd/client-rest: the request's method, headers, body and signal,
 * and the whole reply (oxd replies are small). node:https rejects with the TLS error itself (its message and code),
 * where the global fetch says "fetch failed". `close` ends its kept-alive connections, so the process can exit.
 */
export const fetchTrusting = (ca: string): { readonly fetch: (input: Request) => Promise<Response>; close(): void } => {
  const agent = new Agent({ ca, keepAlive: true })
  const fetch = async (input: Request): Promise<Response> => {
    if (new URL(input.url).protocol !== "https:") return globalThis.fetch(input)
    const body = input.method === "GET" || input.method === "HEAD" ? undefined : Buffer.from(await input.arrayBuffer())
    return new Promise<Response>((resolve, reject) => {
      const req = request(
        input.url,
        { method: input.method, headers: Object.fromEntries(input.headers), agent, signal: input.signal },
        (res) => {
          const chunks: Buffer[] = []
          res.on("data", (chunk: Buffer) => chunks.push(chunk))
          res.on("error", reject)
          res.on("end", () => {
            const headers = new Headers()
            for (let i = 0; i + 1 < res.rawHeaders.length; i += 2)
              headers.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!)
            const status = res.statusCode ?? 502
            const nullBody = status === 204 || status === 304 || input.method === "HEAD"
            resolve(
              new Response(nullBody ? null : Buffer.concat(chunks), {
                status,
                statusText: res.statusMessage ?? "",
                headers,
              }),
            )
          })
        },
      )
      req.on("error", reject)
      req.end(body)
    })
  }
  return { fetch, close: () => agent.destroy() }
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
