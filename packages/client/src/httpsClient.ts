/** "@oxd/client/https": the REST transport alone, for a page that needs no WebSocket (no tRPC in its bundle). */
import { httpsCaller, type HttpsOptions } from "./https.js"
import { makeClient } from "./makeClient.js"
import type { OxdClient } from "./types.js"

export * from "./common.js"
export type { HttpsOptions } from "./https.js"

/** A typed oxd client over the REST API (browsers and Node; on Node with a private CA see "@oxd/client/node"). */
export const createOxdClient = (options: HttpsOptions): OxdClient => makeClient(httpsCaller(options), {})
