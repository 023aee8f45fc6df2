import { hash } from "node:crypto"
import type { Site } from "../../services/SiteStore.js"
import { list, present } from "../_shared/fields.js"
import type { Params } from "./schema.js"

/** Parameters the server owns; custom_parameters cannot replace them. */
const RESERVED = new Set(["state", "nonce", "code_challenge", "code_challenge_method", "redirect_uri", "client_id", "response_type"])

/** The authorization request's query parameters (client_id is added by openid-client), from the site and the call. */
export const authorizationParams = (
  p: typeof Params.Type,
  site: Site,
  sealed: { readonly state: string; readonly nonce: string; readonly codeVerifier: string | null },
): Record<string, string> => {
  const responseTypes = (site.metadata["response_types"] as ReadonlyArray<string> | undefined) ?? ["code"]
  const acr = list(p.acr_values) ?? site.acrValues
  const uiLocales = site.metadata["ui_locales"] as ReadonlyArray<string> | undefined
  const claimsLocales = site.metadata["claims_locales"] as ReadonlyArray<string> | undefined
  const custom = p.custom_parameters ? Object.fromEntries(Object.entries(p.custom_parameters).filter(([k]) => !RESERVED.has(k))) : {}
  return {
    ...custom,
    response_type: responseTypes.join(" "),
    redirect_uri: site.authorizationRedirectUri ?? "",
    scope: (list(p.scope) ?? site.scope).join(" "),
    state: sealed.state,
    nonce: sealed.nonce,
    ...(acr.length > 0 ? { acr_values: acr.join(" ") } : {}),
    ...(present(p.prompt) ? { prompt: p.prompt } : {}),
    ...(uiLocales && uiLocales.length > 0 ? { ui_locales: uiLocales.join(" ") } : {}),
    ...(claimsLocales && claimsLocales.length > 0 ? { claims_locales: claimsLocales.join(" ") } : {}),
    // S256 (RFC 7636 §4.2): BASE64URL(SHA-256(verifier)), with node:crypto's one-shot hash (WebCrypto's digest costs
    // several times more per call)
    ...(sealed.codeVerifier ? { code_challenge: hash("sha256", sealed.codeVerifier, "base64url"), code_challenge_method: "S256" } : {}),
  }
}
