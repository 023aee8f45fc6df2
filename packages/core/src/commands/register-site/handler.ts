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
import type { Params, Result4 } from "./schema.js"

export const handler = Effect.fnUntraced(function* (p: typeof Params.Type, ctx: CallContext) {
  const config = yield* OxdConfig
  const ids = yield* Ids
  const op = yield* OpenIdProvider
  const sites = yield* SiteStore
  // oxd 4.x adds client_credentials to every registration (RegisterSiteOperation.java:133, the shipped
  // add_client_credentials_grant_type_automatically_during_client_registration: true): the site gets its own
  // protection tokens with it (get_client_token)
  const ownProtection = ctx.api === "4"
  const plan = yield* planRegistration(p, config, ownProtection ? { grantTypes: ["client_credentials"] } : undefined)
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
  // a 4.x site is its own protection client (protectionRules.ts, isOwnProtectionClient)
  const setupClientId = ownProtection ? reg.client_id : (owner?.clientId ?? null)
  const site = yield* sites.insert(
    siteFromRegistration(oxdId, "site", plan, withLocalFields(plan, p), reg, setupClientId),
  )
  yield* Events.publish({
    type: "site_registered",
    oxd_id: oxdId,
    op_host: plan.opHost,
    setup_client_id: setupClientId,
  })
  // the reference answers op_host as the caller gave it (RegisterSiteResponse.java:12-15, RegisterSiteOperation.java:72-75)
  if (!ownProtection) return { oxd_id: oxdId, op_host: plan.opHostAsGiven }
  // oxd 4.x answers the client too: the caller gets its protection tokens with it (4.x RegisterSiteOperation.java:68-79)
  // Result4's fields (dispatch encodes them on the 4.x API)
  const result4: typeof Result4.Type = {
    oxd_id: oxdId,
    op_host: plan.opHostAsGiven,
    client_id: site.clientId,
    client_name: typeof reg["client_name"] === "string" ? reg["client_name"] : null,
    client_secret: site.clientSecret,
    client_registration_access_token: site.registrationAccessToken,
    client_registration_client_uri: site.registrationClientUri,
    client_id_issued_at: site.clientIdIssuedAt ?? 0,
    client_secret_expires_at: site.clientSecretExpiresAt ?? 0,
  }
  return result4
})
