/**
 * "@oxd/client": one typed oxd client for browsers and Node, `transport: "https"` (the REST API) or `"ws"` (the
 * WebSocket API). "@oxd/client/https" and "@oxd/client/ws" hold one transport each (smaller bundles);
 * "@oxd/client/node" adds tcp and a `ca` option (Node only).
 */
import type { HttpsOptions } from "./https.js"
import { createOxdClient as createHttpsClient } from "./httpsClient.js"
import type { OxdClient } from "./types.js"
import type { WsOptions } from "./ws.js"
import { createOxdClient as createWsClient, type OxdWsClient } from "./wsClient.js"

export * from "./common.js"
export type { HttpsOptions } from "./https.js"
export { DEFAULT_CONNECT_TIMEOUT_MS } from "./ws.js"
export type {
  EventsHandlers,
  EventsInput,
  OxdTrpcClient,
  WebSocketClass,
  WebSocketLike,
  WsExtras,
  WsOptions,
} from "./ws.js"
export type { OxdWsClient } from "./wsClient.js"

export function createOxdClient(options: WsOptions): OxdWsClient
export function createOxdClient(options: HttpsOptions): OxdClient
export function createOxdClient(options: HttpsOptions | WsOptions): OxdClient | OxdWsClient
export function createOxdClient(options: HttpsOptions | WsOptions): OxdClient | OxdWsClient {
  switch (options.transport) {
    case "https":
      return createHttpsClient(options)
    case "ws":
      return createWsClient(options)
    default:
      throw new Error(
        `unknown transport ${(options as { transport?: unknown }).transport as string}; "tcp" is in "@oxd/client/node" (Node only)`,
      )
  }
}
