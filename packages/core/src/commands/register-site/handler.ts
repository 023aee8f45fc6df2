import { Effect } from "effect"
import type { CallContext } from "../../CallContext.js"
import { OxdConfig } from "../../config/OxdConfig.js"
import { Events } from "../../services/Events.js"
import { Ids } from "../../services/Ids.js"
import { OpenIdProvider } from "../../services/OpenIdProvider.js"
import { SiteStore } from "../../services/SiteStore.js"
import { existingClient, planRegistration, registrationBody, siteFromRegistration, withLocales } from "../_shared/registration.js"
import type { Params } from "./schema.js"

export const handler = Effect.fnUntraced(function* (p: typeof Params.Type, ctx: CallContext) {
  const config = yield* OxdConfig
  const ids = yield* Ids
  const op = yield* OpenIdProvider
  const sites = yield* SiteStore
  const plan = yield* planRegistration(p, config)
  const oxdId = ids.oxdId()
  const reg = (yield* existingClient(p)) ?? (yield* op.register(plan.opHost, plan.opDiscoveryPath, registrationBody(plan, `oxd-${oxdId.slice(0, 8)}`)))
  yield* sites.insert(siteFromRegistration(oxdId, "site", plan, withLocales(plan, p), reg, ctx.setupClientId ?? null))
  yield* Events.publish({ type: "site_registered", oxd_id: oxdId, setup_client_id: ctx.setupClientId ?? null })
  return { oxd_id: oxdId }
})
