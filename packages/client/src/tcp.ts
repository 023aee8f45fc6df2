/**
 * The Node entry point: createOxdClient with all three transports (tcp, https, ws). Browsers import "@oxd/client",
 * which has no node: modules.
 */
import { createOxdClient as createWebClient, type OxdWsClient } from "./index.js"
import type { HttpsOptions } from "./https.js"
import { makeClient } from "./makeClient.js"
import { tcpCaller, type TcpOptions } from "./tcpCaller.js"
import type { OxdClient } from "./types.js"
import type { WsOptions } from "./ws.js"

export * from "./index.js"
export { tcpCaller, encodeRequest, ReplyDecoder, MAX_REQUEST_BYTES, type TcpOptions } from "./tcpCaller.js"

export function createOxdClient(options: WsOptions): OxdWsClient
export function createOxdClient(options: TcpOptions | HttpsOptions): OxdClient
export function createOxdClient(options: TcpOptions | HttpsOptions | WsOptions): OxdClient | OxdWsClient
export function createOxdClient(options: TcpOptions | HttpsOptions | WsOptions): OxdClient | OxdWsClient {
  return options.transport === "tcp" ? makeClient(tcpCaller(options), {}) : createWebClient(options)
}
