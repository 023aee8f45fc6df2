import { Effect } from "effect"
import { OxdConfig } from "../../config/OxdConfig.js"
import { Events } from "../../services/Events.js"
import { OpenIdProvider } from "../../services/OpenIdProvider.js"
import { SiteStore } from "../../services/SiteStore.js"
import { present } from "../_shared/fields.js"
import { opClientOf } from "../_shared/siteClient.js"
import { googleLogoutUri } from "./googleLogout.js"
import type { Params } from "./schema.js"

export const handler = Effect.fnUntraced(function* (p: typeof Params.Type) {
  const site = yield* (yield* SiteStore).get(p.oxd_id)
  const { support_google_logout } = yield* OxdConfig
  // the reference stopped sending id_token_hint; it is sent here (docs/compatibility.md): the OP can then tell
  // whose session ends and skip asking the user, as RP-Initiated Logout recommends
  const idToken = present(p.id_token_hint) ? p.id_token_hint : site.lastIdToken
  const postLogout = present(p.post_logout_redirect_uri) ? p.post_logout_redirect_uri : site.postLogoutRedirectUri
  const uri = yield* (yield* OpenIdProvider)
    .endSessionUrl(opClientOf(site), {
      ...(idToken ? { id_token_hint: idToken } : {}),
      ...(postLogout ? { post_logout_redirect_uri: postLogout } : {}),
      ...(present(p.state) ? { state: p.state } : {}),
      ...(present(p.session_state) ? { session_state: p.session_state } : {}),
    })
    .pipe(
      Effect.catchTag("NoEndSessionEndpoint", (e) => {
        const google = googleLogoutUri(site.opHost, postLogout, support_google_logout)
        return google ? Effect.succeed(google) : Effect.fail(e)
      }),
    )
  yield* Events.publish({
    type: "logout_uri_issued",
    oxd_id: site.oxdId,
    op_host: site.opHost,
    setup_client_id: site.setupClientId,
  })
  return { uri }
})
