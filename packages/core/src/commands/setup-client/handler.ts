import { Effect } from "effect"
import { OxdConfig } from "../../config/OxdConfig.js"
import { Ids } from "../../services/Ids.js"
import { OpenIdProvider } from "../../services/OpenIdProvider.js"
import { SiteStore } from "../../services/SiteStore.js"
import { list } from "../_shared/fields.js"
import {
  checkRegisteredClient,
  defaultClientName,
  existingClient,
  type Plan,
  planRegistration,
  registrationBody,
  siteFromRegistration,
  withLocalFields,
} from "../_shared/registration.js"
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
  // the setup client gets its tokens with client_credentials and its secret (get_client_token): never a public client
  const setupAuth =
    (p.client_token_endpoint_auth_method ?? config.default_token_endpoint_auth_method) === "none"
      ? { client_token_endpoint_auth_method: "client_secret_basic" }
      : {}
  const setupPlan = yield* planRegistration({ ...p, ...setupAuth, client_name: p.setup_client_name ?? null }, config, {
    ...protection,
    grantTypes: ["client_credentials"],
  })
  const sitePlan = yield* planRegistration(
    p,
    config,
    list(p.grant_types) ? { ...protection, grantTypes: ["client_credentials"] } : protection,
  )
  const setupOxdId = ids.oxdId()
  const siteOxdId = ids.oxdId()
  const existing = yield* existingClient(p)
  const register = (plan: Plan, oxdId: string) =>
    Effect.tap(
      op.register(plan.opHost, plan.opDiscoveryPath, registrationBody(plan, defaultClientName(oxdId))),
      (reg) => checkRegisteredClient(reg, plan.metadata, "setup_client"),
    )
  const setupReg = existing ?? (yield* register(setupPlan, setupOxdId))
  const siteReg = existing ?? (yield* register(sitePlan, siteOxdId))
  const setup = yield* sites.insert(
    siteFromRegistration(setupOxdId, "setup", setupPlan, withLocalFields(setupPlan, p), setupReg, setupReg.client_id),
  )
  yield* sites.insert(
    siteFromRegistration(siteOxdId, "site", sitePlan, withLocalFields(sitePlan, p), siteReg, setupReg.client_id),
  )
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
