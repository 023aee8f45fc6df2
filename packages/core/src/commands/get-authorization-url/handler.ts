import { hash } from "node:crypto"
import { Effect } from "effect"
import { OpenIdProvider } from "../../services/OpenIdProvider.js"
import { SiteStore } from "../../services/SiteStore.js"
import { StateStore } from "../../services/StateStore.js"
import { list, present } from "../_shared/fields.js"
import { opClientOf } from "../_shared/siteClient.js"
import type { Params } from "./schema.js"

/** Parameters the server owns; custom_parameters cannot replace them. */
const RESERVED = new Set(["state", "nonce", "code_challenge", "code_challenge_method", "redirect_uri", "client_id", "response_type"])

/** Untraced (no span, no stack capture per call): it sits on every login; the command's span comes from dispatch's caller. */
export const handler = Effect.fnUntraced(function* (p: typeof Params.Type) {
  const site = yield* (yield* SiteStore).get(p.oxd_id)
  const op = yield* OpenIdProvider
  const client = opClientOf(site)
  // sealed: nothing is stored until the state comes back (StateStore)
  const { state, nonce, codeVerifier } = yield* (yield* StateStore).issue({ oxdId: site.oxdId, pkce: yield* op.supportsPkceS256(client) })
  const responseTypes = (site.metadata["response_types"] as ReadonlyArray<string> | undefined) ?? ["code"]
  const acr = list(p.acr_values) ?? site.acrValues
  const uiLocales = site.metadata["ui_locales"] as ReadonlyArray<string> | undefined
  const claimsLocales = site.metadata["claims_locales"] as ReadonlyArray<string> | undefined
  const custom = Object.fromEntries(Object.entries(p.custom_parameters ?? {}).filter(([k]) => !RESERVED.has(k)))
  const params: Record<string, string> = {
    ...custom,
    response_type: responseTypes.join(" "),
    redirect_uri: site.authorizationRedirectUri ?? "",
    scope: (list(p.scope) ?? site.scope).join(" "),
    state,
    nonce,
    ...(acr.length > 0 ? { acr_values: acr.join(" ") } : {}),
    ...(present(p.prompt) ? { prompt: p.prompt } : {}),
    ...(uiLocales && uiLocales.length > 0 ? { ui_locales: uiLocales.join(" ") } : {}),
    ...(claimsLocales && claimsLocales.length > 0 ? { claims_locales: claimsLocales.join(" ") } : {}),
    // S256 (RFC 7636 §4.2): BASE64URL(SHA-256(verifier)), with node:crypto's one-shot hash (WebCrypto's digest costs
    // several times more per call)
    ...(codeVerifier ? { code_challenge: hash("sha256", codeVerifier, "base64url"), code_challenge_method: "S256" } : {}),
  }
  return { authorization_url: yield* op.authorizationUrl(client, params) }
})
