import { Effect } from "effect"
import { OxdConfig } from "../../config/OxdConfig.js"
import { OpenIdProvider } from "../../services/OpenIdProvider.js"
import { opLocation } from "../_shared/opLocation.js"
import type { Params, Result } from "./schema.js"

/**
 * GetJwksOperation.java:35-63: the OP's discovery, then its jwks_uri. Read through the JWKS cache the ID token checks
 * use (one fetch per hour per OP, one more when a token names a kid it lacks), so this never drives the OP harder.
 */
export const handler = Effect.fnUntraced(function* (p: typeof Params.Type) {
  const { opHost, path } = yield* opLocation(p, yield* OxdConfig)
  const set = yield* (yield* OpenIdProvider).jwks(opHost, path)
  const keys = Array.isArray(set.keys) ? set.keys : []
  return { keys: keys as unknown as (typeof Result.Type)["keys"] }
})
