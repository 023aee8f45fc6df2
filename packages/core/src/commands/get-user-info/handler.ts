import { Effect } from "effect"
import { OpenIdProvider } from "../../services/OpenIdProvider.js"
import { SiteStore } from "../../services/SiteStore.js"
import { TokenSubjects } from "../../services/TokenSubjects.js"
import { toClaimLists } from "../_shared/claims.js"
import { opClientOf } from "../_shared/siteClient.js"
import type { Params } from "./schema.js"

export const handler = Effect.fnUntraced(function* (p: typeof Params.Type) {
  const site = yield* (yield* SiteStore).get(p.oxd_id)
  const claims = yield* (yield* OpenIdProvider).userInfo(opClientOf(site), p.access_token)
  yield* (yield* TokenSubjects).checkUserInfo(site.oxdId, p.access_token, claims)
  return { claims: toClaimLists(claims) }
})
