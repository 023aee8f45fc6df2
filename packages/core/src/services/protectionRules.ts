import { NoSetupClientForSite, ProtectionTokenInsufficientScope, ProtectionTokenInvalid } from "../errors.js"
import { describeProtectionScopes, hasProtectionScope } from "./protectionScope.js"
import type { Site } from "./SiteStore.js"
import type { Vouched } from "./VouchCache.js"

/**
 * The protection rules, as pure functions both roads call: ProtectionGuard.check (Effect road) turns a refusal into
 * its failure, ProtectionGuard.peek (synchronous road) hands the call to check on any refusal. A rule added here
 * reaches both; warmEquivalence.test.ts checks they answer alike.
 */

/** The site's setup client id, or why the site has none (the reference's no_setup_client_for_oxd_id, ValidationService.java:128-130; audit X13). */
export const setupClientIdOf = (site: Site): string | NoSetupClientForSite =>
  site.setupClientId
    ? site.setupClientId
    : new NoSetupClientForSite({ detail: "the site was registered without a protection token" })

/**
 * Whether the site is its own protection client: its tokens come from its own client (get_client_token with the
 * site's client_id and secret), as in oxd 4.x, where the token's client_id must be the RP's own
 * (ValidationService.java:145). A 4.x register_site makes such a site; a 3.1 setup_client given an existing client_id
 * does too (its setup client is the same client, same credentials).
 */
export const isOwnProtectionClient = (site: Site): boolean => site.setupClientId === site.clientId

/** The site's setup client as the store found it at the site's own OP, or the refusal when it is gone. */
export const setupFound = (setup: Site | undefined): Site | NoSetupClientForSite =>
  setup ?? new NoSetupClientForSite({ detail: "the site's setup client no longer exists" })

/** The scope rule: the OP's answer names one of the accepted protection scopes, or the refusal. */
export const scopeRefusal = (
  v: Vouched,
  accepted: ReadonlyArray<string>,
): ProtectionTokenInsufficientScope | undefined =>
  hasProtectionScope(v.scopes, accepted)
    ? undefined
    : new ProtectionTokenInsufficientScope({ required: describeProtectionScopes(accepted) })

/**
 * Whether the OP's answer for a token authorises the site's setup client: scope, then owner, in the reference's
 * order (ValidationService.java:138-146; audit X18). undefined when it does; else the refusal.
 */
export const authorises = (
  v: Vouched,
  setup: Site,
  accepted: ReadonlyArray<string>,
): ProtectionTokenInsufficientScope | ProtectionTokenInvalid | undefined =>
  scopeRefusal(v, accepted) ??
  (v.clientId === setup.clientId
    ? undefined
    : new ProtectionTokenInvalid({ detail: "the token was issued to another client than this site's setup client" }))
