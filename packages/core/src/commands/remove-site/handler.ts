import { Effect } from "effect"
import { RemoveSiteFailed, UnknownOxdId } from "../../errors.js"
import { SiteStore } from "../../services/SiteStore.js"
import type { Params } from "./schema.js"

export const handler = Effect.fn("command.remove_site")(function* (p: typeof Params.Type) {
  const sites = yield* SiteStore
  yield* sites.get(p.oxd_id)
  const removed = yield* sites.remove(p.oxd_id).pipe(
    Effect.catchTag("StoreFailed", () => Effect.fail(new RemoveSiteFailed({ oxd_id: p.oxd_id }))),
  )
  if (!removed) return yield* new UnknownOxdId({ oxd_id: p.oxd_id })
  return { oxd_id: p.oxd_id }
})
