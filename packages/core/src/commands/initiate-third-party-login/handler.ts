import { Effect } from "effect"
import { InvalidParams } from "../../errors.js"
import { OpenIdProvider } from "../../services/OpenIdProvider.js"
import { SiteStore, type Site } from "../../services/SiteStore.js"
import { StateStore } from "../../services/StateStore.js"
import { present } from "../_shared/fields.js"
import { siteRedirectUris } from "../_shared/redirectUris.js"
import { opClientOf } from "../_shared/siteClient.js"
import { authorizationParams } from "../get-authorization-url/authorizationParams.js"
import type { Params } from "./schema.js"

/**
 * The reference: S/op/InitiateThirdPartyLoginOperation.java:27-55 (master). `iss` must be given (bad_request_no_issuer,
 * ERC4:28); `target_link_uri`'s host must be one of the RP's redirect URIs' hosts (bad_request_invalid_target_uri,
 * ERC4:29 — 4.x compares the hosts with Java's `==`, which refuses every target); the answer is the site's
 * authorization URL. oxd-ts also checks `iss` is the site's OP (OpenID Connect Core §4: a login started for another
 * OP is not this site's) and sends `login_hint` on (4.x drops it).
 */
export const handler = Effect.fnUntraced(function* (p: typeof Params.Type) {
  const site = yield* (yield* SiteStore).get(p.oxd_id)
  const iss = p.iss?.trim()
  if (!present(iss))
    return yield* new InvalidParams({
      code: "bad_request_no_issuer",
      field: "iss",
      detail: "is empty or not specified: the issuer of the OP that initiates the login",
    })
  if (present(p.target_link_uri) && !hostIsTheSites(site, p.target_link_uri))
    return yield* new InvalidParams({
      code: "bad_request_invalid_target_uri",
      field: "target_link_uri",
      detail: "must be a URL whose host is the host of one of the site's redirect URIs",
    })
  const op = yield* OpenIdProvider
  const client = opClientOf(site)
  const { issuer } = yield* op.discover(client.opHost, client.opDiscoveryPath)
  if (iss !== issuer)
    return yield* new InvalidParams({
      code: "bad_request",
      field: "iss",
      detail: `is not the site's OP (${issuer}): a login is started only by the OP the site is registered at`,
    })
  const sealed = yield* (yield* StateStore).issue({ oxdId: site.oxdId, pkce: yield* op.supportsPkceS256(client) })
  const extra: Record<string, string> = present(p.login_hint) ? { login_hint: p.login_hint } : {}
  return {
    authorization_url: yield* op.authorizationUrl(
      client,
      authorizationParams({ oxd_id: site.oxdId }, { custom: {}, extra }, site, sealed),
    ),
  }
})

const hostIsTheSites = (site: Site, target: string): boolean => {
  const host = URL.parse(target)?.hostname
  return !!host && siteRedirectUris(site).some((uri) => URL.parse(uri)?.hostname === host)
}
