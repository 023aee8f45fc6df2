import { Effect } from "effect"
import { RemoveSiteFailed } from "../../errors.js"
import { Events } from "../../services/Events.js"
import { SiteStore } from "../../services/SiteStore.js"
import type { Params } from "./schema.js"

export const handler = Effect.fnUntraced(function* (p: typeof Params.Type) {
  const sites = yield* SiteStore
  const site = yield* sites.get(p.oxd_id)
  const removed = yield* sites
    .remove(p.oxd_id)
    .pipe(Effect.catchTag("StoreFailed", () => Effect.fail(new RemoveSiteFailed({ oxd_id: p.oxd_id }))))
  // gone between the lookup and the delete (another instance removed it): the reference's remove_site_failed
  // (RemoveSiteOperation.java:30-33, RpService.remove false; audit RM3)
  if (!removed) return yield* new RemoveSiteFailed({ oxd_id: p.oxd_id })
  yield* Events.publish({
    type: "site_removed",
    oxd_id: site.oxdId,
    op_host: site.opHost,
    setup_client_id: site.setupClientId,
  })
  return { oxd_id: p.oxd_id }
})
