import { Effect } from "effect"
import { Events } from "../../services/Events.js"
import { OpenIdProvider } from "../../services/OpenIdProvider.js"
import { SiteStore } from "../../services/SiteStore.js"
import { present } from "../_shared/fields.js"
import { opClientOf } from "../_shared/siteClient.js"
import type { Params } from "./schema.js"

export const handler = Effect.fnUntraced(function* (p: typeof Params.Type) {
  const site = yield* (yield* SiteStore).get(p.oxd_id)
  const idToken = present(p.id_token_hint) ? p.id_token_hint : site.lastIdToken
  const postLogout = present(p.post_logout_redirect_uri) ? p.post_logout_redirect_uri : site.postLogoutRedirectUri
  const uri = yield* (yield* OpenIdProvider).endSessionUrl(opClientOf(site), {
    ...(idToken ? { id_token_hint: idToken } : {}),
    ...(postLogout ? { post_logout_redirect_uri: postLogout } : {}),
    ...(present(p.state) ? { state: p.state } : {}),
    ...(present(p.session_state) ? { session_state: p.session_state } : {}),
  })
  yield* Events.publish({ type: "logout_uri_issued", oxd_id: site.oxdId, op_host: site.opHost, setup_client_id: site.setupClientId })
  return { uri }
})
