import { Effect } from "effect"
import { OxdConfig } from "../../config/OxdConfig.js"
import { OpenIdProvider } from "../../services/OpenIdProvider.js"
import { opLocation } from "../_shared/opLocation.js"
import { DISCOVERY_FIELDS, type Params, type Result } from "./schema.js"

const fits = (kind: string, v: unknown): boolean => {
  switch (kind) {
    case "string":
      return typeof v === "string"
    case "boolean":
      return typeof v === "boolean"
    case "list":
      return Array.isArray(v) && v.every((x) => typeof x === "string")
    default:
      return (
        typeof v === "object" &&
        v !== null &&
        !Array.isArray(v) &&
        Object.values(v).every((l) => Array.isArray(l) && l.every((x) => typeof x === "string"))
      )
  }
}

/** The reference's reply from a discovery document: its named fields, of the right type, nothing else. */
export const discoveryReply = (meta: Record<string, unknown>): typeof Result.Type => {
  const out: Record<string, unknown> = {}
  for (const [name, [from, kind]] of Object.entries(DISCOVERY_FIELDS)) {
    const v = meta[from]
    if (v !== undefined && fits(kind, v)) out[name] = v
  }
  return out as typeof Result.Type
}

/** GetDiscoveryOperation.java:35-46: the discovery cache's document, copied into GetDiscoveryResponse. */
export const handler = Effect.fnUntraced(function* (p: typeof Params.Type) {
  const { opHost, path } = yield* opLocation(p, yield* OxdConfig)
  const meta = yield* (yield* OpenIdProvider).discover(opHost, path)
  return discoveryReply(meta as Record<string, unknown>)
})
