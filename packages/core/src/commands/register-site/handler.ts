import { Effect } from "effect"
import type { CallContext } from "../../CallContext.js"
import { OxdConfig } from "../../config/OxdConfig.js"
import { ProtectionTokenInvalid } from "../../errors.js"
import { Events } from "../../services/Events.js"
import { Ids } from "../../services/Ids.js"
import { OpenIdProvider } from "../../services/OpenIdProvider.js"
import { SiteStore } from "../../services/SiteStore.js"
import {
  checkRegisteredClient,
  defaultClientName,
  existingClient,
  planRegistration,
  registrationBody,
  siteFromRegistration,
  withLocalFields,
} from "../_shared/registration.js"
import type { Params } from "./schema.js"

export const handler = Effect.fnUntraced(function* (p: typeof Params.Type, ctx: CallContext) {
  const config = yield* OxdConfig
  const ids = yield* Ids
  const op = yield* OpenIdProvider
  const sites = yield* SiteStore
  const plan = yield* planRegistration(p, config)
  const owner = ctx.setupClient
  // the guard found the owner at the OP that vouched for the token; a site of another OP is never bound to it
  if (owner && owner.opHost !== plan.opHost) {
    return yield* new ProtectionTokenInvalid({
      detail: "the token's setup client is registered at another OP than this site's op_host",
    })
  }
  const oxdId = ids.oxdId()
  const reg =
    (yield* existingClient(p)) ??
    (yield* op
      .register(plan.opHost, plan.opDiscoveryPath, registrationBody(plan, defaultClientName(oxdId)))
      .pipe(Effect.tap((registered) => checkRegisteredClient(registered, plan.metadata))))
  yield* sites.insert(siteFromRegistration(oxdId, "site", plan, withLocalFields(plan, p), reg, owner?.clientId ?? null))
  yield* Events.publish({
    type: "site_registered",
    oxd_id: oxdId,
    op_host: plan.opHost,
    setup_client_id: owner?.clientId ?? null,
  })
  // the reference answers op_host as the caller gave it (RegisterSiteResponse.java:12-15, RegisterSiteOperation.java:72-75)
  return { oxd_id: oxdId, op_host: plan.opHostAsGiven }
})
