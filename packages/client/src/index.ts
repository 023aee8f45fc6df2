import { httpsCaller, type HttpsOptions } from "./https.js"
import { makeClient } from "./makeClient.js"
import type { OxdClient } from "./types.js"
import { wsCaller, type WsExtras, type WsOptions } from "./ws.js"

export { OxdError, OxdTransportError, type OxdErrorData } from "./OxdError.js"
export { procedureName, commandOfMethod, type CamelCase } from "./names.js"
export type { CallOptions, CommandName, OxdClient, OxdEvent, OxdMethods, ParamsOf, ResultOf, TokenSource } from "./types.js"
export type { HttpsOptions } from "./https.js"
export type { EventsHandlers, EventsInput, WsExtras, WsOptions } from "./ws.js"

/** A client of the WebSocket API: the common interface, plus `events` and the typed tRPC client. */
export type OxdWsClient = OxdClient & WsExtras

/**
 * One typed oxd client for browsers and Node: `transport: "https"` (the REST API) or `"ws"` (the WebSocket API).
 * The TCP transport is Node-only: import createOxdClient from "@oxd/client/tcp", which takes all three.
 */
export function createOxdClient(options: WsOptions): OxdWsClient
export function createOxdClient(options: HttpsOptions): OxdClient
export function createOxdClient(options: HttpsOptions | WsOptions): OxdClient | OxdWsClient
export function createOxdClient(options: HttpsOptions | WsOptions): OxdClient | OxdWsClient {
  switch (options.transport) {
    case "https":
      return makeClient(httpsCaller(options), {})
    case "ws": {
      const caller = wsCaller(options)
      return makeClient(caller, { events: caller.events, trpc: caller.trpc })
    }
    default:
      throw new Error(`unknown transport ${(options as { transport?: unknown }).transport as string}; "tcp" is in "@oxd/client/tcp" (Node only)`)
  }
}
