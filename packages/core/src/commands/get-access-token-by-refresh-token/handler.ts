import { Effect } from "effect"
import { Events } from "../../services/Events.js"
import { OpenIdProvider } from "../../services/OpenIdProvider.js"
import { SiteStore } from "../../services/SiteStore.js"
import { list } from "../_shared/fields.js"
import { opClientOf } from "../_shared/siteClient.js"
import type { Params } from "./schema.js"

export const handler = Effect.fnUntraced(function* (p: typeof Params.Type) {
  const sites = yield* SiteStore
  const site = yield* sites.get(p.oxd_id)
  const tokens = yield* (yield* OpenIdProvider).refresh(opClientOf(site), p.refresh_token, list(p.scope))
  if (tokens.id_token) yield* sites.update(site.oxdId, { lastIdToken: tokens.id_token })
  yield* Events.publish({ type: "tokens_refreshed", oxd_id: site.oxdId, op_host: site.opHost, setup_client_id: site.setupClientId, expires_in: tokens.expires_in ?? null })
  return {
    access_token: tokens.access_token,
    expires_in: tokens.expires_in ?? null,
    // an OP that does not rotate refresh tokens keeps the old one valid
    refresh_token: tokens.refresh_token ?? p.refresh_token,
  }
})
