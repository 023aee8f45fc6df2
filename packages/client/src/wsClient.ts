/** "@oxd/client/ws": the WebSocket transport alone (no openapi-fetch in the bundle). */
import { makeClient } from "./makeClient.js"
import type { OxdClient } from "./types.js"
import { wsCaller, type WsExtras, type WsOptions } from "./ws.js"

export * from "./common.js"
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

/** A client of the WebSocket API: the common interface, plus `events` and the procedures as tRPC mutations. */
export type OxdWsClient = OxdClient & WsExtras

/** A typed oxd client over the WebSocket API (browsers; on Node see "@oxd/client/node"). */
export const createOxdClient = (options: WsOptions): OxdWsClient => {
  const caller = wsCaller(options)
  return makeClient(caller, { events: caller.events, trpc: caller.trpc })
}
