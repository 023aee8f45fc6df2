import { Effect } from "effect"
import { OxdConfig } from "../../config/OxdConfig.js"
import { Ids } from "../../services/Ids.js"
import { OpenIdProvider } from "../../services/OpenIdProvider.js"
import { SiteStore } from "../../services/SiteStore.js"
import { list } from "../_shared/fields.js"
import { defaultClientName, existingClient, planRegistration, registrationBody, siteFromRegistration, withLocalFields } from "../_shared/registration.js"
import type { Params } from "./schema.js"

/** The reference answers an unknown timestamp as 0 (Utils.date, oxd 3.1.4 Utils.java:71-73). */
const seconds = (t: number | null) => t ?? 0

/**
 * As oxd 3.1.4's SetupClientOperation (java:39-103): the setup client is registered with the caller's scope plus the
 * protection scopes (the reference: uma_protection and oxd; here protection_scope, by default the same two), the
 * caller's grant types plus client_credentials, and setup_client_name as its name. The ordinary site registered
 * alongside gets the same scope, and client_credentials too when the caller gave grant_types: the reference adds
 * them to the caller's lists in place, so its site gets them as well.
 */
export const handler = Effect.fnUntraced(function* (p: typeof Params.Type) {
  const config = yield* OxdConfig
  const ids = yield* Ids
  const op = yield* OpenIdProvider
  const sites = yield* SiteStore
  const protection = { scope: config.protection_scope }
  const setupPlan = yield* planRegistration({ ...p, client_name: p.setup_client_name ?? null }, config, { ...protection, grantTypes: ["client_credentials"] })
  const sitePlan = yield* planRegistration(p, config, list(p.grant_types) ? { ...protection, grantTypes: ["client_credentials"] } : protection)
  const setupOxdId = ids.oxdId()
  const siteOxdId = ids.oxdId()
  const existing = yield* existingClient(p)
  const setupReg = existing ?? (yield* op.register(setupPlan.opHost, setupPlan.opDiscoveryPath, registrationBody(setupPlan, defaultClientName(setupOxdId))))
  const siteReg = existing ?? (yield* op.register(sitePlan.opHost, sitePlan.opDiscoveryPath, registrationBody(sitePlan, defaultClientName(siteOxdId))))
  const setup = yield* sites.insert(siteFromRegistration(setupOxdId, "setup", setupPlan, withLocalFields(setupPlan, p), setupReg, setupReg.client_id))
  yield* sites.insert(siteFromRegistration(siteOxdId, "site", sitePlan, withLocalFields(sitePlan, p), siteReg, setupReg.client_id))
  return {
    setup_client_oxd_id: setup.oxdId,
    client_id: setup.clientId,
    client_secret: setup.clientSecret,
    client_registration_access_token: setup.registrationAccessToken,
    client_registration_client_uri: setup.registrationClientUri,
    client_id_issued_at: seconds(setup.clientIdIssuedAt),
    client_secret_expires_at: seconds(setup.clientSecretExpiresAt),
    // as given, as the reference answers it (SetupClientOperation.java:68)
    op_host: sitePlan.opHostAsGiven,
    oxd_id: siteOxdId,
    client_id_of_oxd_id: siteReg.client_id,
  }
})
