import { Effect } from "effect"
import { OpenIdProvider } from "../../services/OpenIdProvider.js"
import { SiteStore } from "../../services/SiteStore.js"
import { opClientOf } from "../_shared/siteClient.js"
import type { Params, Result } from "./schema.js"

export const handler = Effect.fnUntraced(function* (p: typeof Params.Type) {
  const site = yield* (yield* SiteStore).get(p.oxd_id)
  const r = yield* (yield* OpenIdProvider).introspect(opClientOf(site), p.access_token)
  const scope = typeof r["scope"] === "string" ? r["scope"] : undefined
  const result: typeof Result.Type = {
    ...r,
    active: r["active"] === true,
    ...(scope !== undefined ? { scopes: scope.split(" ").filter(Boolean) } : {}),
  }
  return result
})
