import { Effect } from "effect"
import { SiteStore } from "../../services/SiteStore.js"
import { UmaAuthorizationServer } from "../../services/UmaAuthorizationServer.js"
import type { Params, Result } from "./schema.js"

export const handler = Effect.fnUntraced(function* (p: typeof Params.Type) {
  const site = yield* (yield* SiteStore).get(p.oxd_id)
  const r = yield* (yield* UmaAuthorizationServer).introspectRpt(site, p.rpt)
  return r as typeof Result.Type
})
