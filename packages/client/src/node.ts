/**
 * "@oxd/client/node": createOxdClient with all three transports (tcp, https, ws) and a `ca` option for https and
 * wss. Node only (node:net, node:https, the `ws` package); browsers import "@oxd/client".
 */
import { httpsCaller, type HttpsOptions } from "./https.js"
import { createOxdClient as createHttpsClient } from "./httpsClient.js"
import { makeClient } from "./makeClient.js"
import { postTrusting, readCa, webSocketTrusting } from "./nodeTls.js"
import { tcpCaller, type TcpOptions } from "./tcpCaller.js"
import type { OxdClient } from "./types.js"
import type { WsOptions } from "./ws.js"
import { createOxdClient as createWsClient, type OxdWsClient } from "./wsClient.js"

export * from "./index.js"
export { tcpCaller, encodeRequest, ReplyDecoder, MAX_REQUEST_BYTES, type TcpOptions } from "./tcpCaller.js"

export interface NodeTlsOptions {
  /**
   * The CA (or the self-signed certificate) to trust for the server's certificate, over https and wss: PEM text, or
   * the path of a PEM file. It replaces the default roots for this client's connections. Without it the default
   * roots apply, with NODE_EXTRA_CA_CERTS.
   */
  readonly ca?: string
}
export type NodeHttpsOptions = HttpsOptions & NodeTlsOptions
export type NodeWsOptions = WsOptions & NodeTlsOptions

const both = (a: string, b: string) => new Error(`give ${a} or ${b}, not both (${a} is for the client's own ${b})`)

const httpsClient = (options: NodeHttpsOptions): OxdClient => {
  if (options.ca === undefined) return createHttpsClient(options)
  if (options.fetch) throw both("ca", "fetch")
  // the CA is for TLS: a plain http:// base URL goes through the global fetch, as before
  if (new URL(options.baseUrl).protocol !== "https:") return createHttpsClient(options)
  const trusted = postTrusting(readCa(options.ca), options.baseUrl, options.headers)
  const caller = httpsCaller(options, trusted.post)
  return makeClient(
    {
      ...caller,
      close: async () => {
        await caller.close()
        await trusted.close()
      },
    },
    {},
  )
}

const wsClient = (options: NodeWsOptions): OxdWsClient => {
  if (options.ca !== undefined && options.WebSocket) throw both("ca", "WebSocket")
  return createWsClient({
    ...options,
    WebSocket: options.WebSocket ?? webSocketTrusting(options.ca === undefined ? undefined : readCa(options.ca)),
  })
}

export function createOxdClient(options: NodeWsOptions): OxdWsClient
export function createOxdClient(options: TcpOptions | NodeHttpsOptions): OxdClient
export function createOxdClient(options: TcpOptions | NodeHttpsOptions | NodeWsOptions): OxdClient | OxdWsClient
export function createOxdClient(options: TcpOptions | NodeHttpsOptions | NodeWsOptions): OxdClient | OxdWsClient {
  switch (options.transport) {
    case "tcp":
      return makeClient(tcpCaller(options), {})
    case "https":
      return httpsClient(options)
    case "ws":
      return wsClient(options)
    default:
      throw new Error(`unknown transport ${(options as { transport?: unknown }).transport as string}`)
  }
}
