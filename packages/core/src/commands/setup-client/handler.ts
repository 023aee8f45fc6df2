import { Effect } from "effect"
import { OxdConfig } from "../../config/OxdConfig.js"
import { Ids } from "../../services/Ids.js"
import { OpenIdProvider } from "../../services/OpenIdProvider.js"
import { SiteStore } from "../../services/SiteStore.js"
import { existingClient, planRegistration, registrationBody, siteFromRegistration, withLocales } from "../_shared/registration.js"
import type { Params } from "./schema.js"

export const handler = Effect.fnUntraced(function* (p: typeof Params.Type) {
  const config = yield* OxdConfig
  const ids = yield* Ids
  const op = yield* OpenIdProvider
  const sites = yield* SiteStore
  // the setup client obtains protection tokens by client_credentials, with the protection scope
  const setupPlan = yield* planRegistration(p, config, { grantTypes: ["client_credentials"], scope: [config.protection_scope] })
  const sitePlan = yield* planRegistration(p, config)
  const setupOxdId = ids.oxdId()
  const siteOxdId = ids.oxdId()
  const existing = yield* existingClient(p)
  const setupReg = existing ?? (yield* op.register(setupPlan.opHost, setupPlan.opDiscoveryPath, registrationBody(setupPlan, `oxd-setup-${setupOxdId.slice(0, 8)}`)))
  const siteReg = existing ?? (yield* op.register(sitePlan.opHost, sitePlan.opDiscoveryPath, registrationBody(sitePlan, `oxd-${siteOxdId.slice(0, 8)}`)))
  const setup = yield* sites.insert(siteFromRegistration(setupOxdId, "setup", setupPlan, withLocales(setupPlan, p), setupReg, setupReg.client_id))
  yield* sites.insert(siteFromRegistration(siteOxdId, "site", sitePlan, withLocales(sitePlan, p), siteReg, setupReg.client_id))
  return {
    setup_client_oxd_id: setup.oxdId,
    client_id: setup.clientId,
    client_secret: setup.clientSecret,
    client_registration_access_token: setup.registrationAccessToken,
    client_registration_client_uri: setup.registrationClientUri,
    client_id_issued_at: setup.clientIdIssuedAt,
    client_secret_expires_at: setup.clientSecretExpiresAt,
    op_host: setup.opHost,
    oxd_id: siteOxdId,
    client_id_of_oxd_id: siteReg.client_id,
  }
})
