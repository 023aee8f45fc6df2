import { hash } from "node:crypto"
import { InvalidParams } from "../../errors.js"
import type { Site } from "../../services/SiteStore.js"
import { list, present } from "../_shared/fields.js"
import { redirectIndexOf, redirectUriAt } from "../_shared/redirectUris.js"
import type { Params } from "./schema.js"

const SERVER_OWNED = "is set by the server: it is what the answer is checked against when the user comes back"
const REGISTERED = "is the site's registration, which the server sends"
/**
 * Parameters custom_parameters (and oxd 4.x's params) may not carry, and why: each would change the protocol the server runs, not just
 * ask the OP something (security review V8). They are refused, never dropped or passed on quietly.
 * Allowed, by contrast: login_hint, ui_locales, max_age, id_token_hint, claims (asks for claims; the OP applies its
 * own consent and policy, and the answer still comes back by code to the registered redirect_uri), resource, …
 */
const REFUSED: ReadonlyMap<string, string> = new Map([
  ["state", SERVER_OWNED],
  ["nonce", SERVER_OWNED],
  ["code_challenge", SERVER_OWNED],
  ["code_challenge_method", SERVER_OWNED],
  ["redirect_uri", REGISTERED],
  ["client_id", REGISTERED],
  ["response_type", REGISTERED],
  ["scope", "has a parameter of its own: pass scope"],
  // a request object (by value or by reference) replaces every other parameter, the server's state, nonce and PKCE included
  [
    "request",
    "would replace the whole authorization request (state, nonce, PKCE, redirect_uri) with one the server did not make",
  ],
  [
    "request_uri",
    "would replace the whole authorization request (state, nonce, PKCE, redirect_uri) with one the server did not make",
  ],
  // fragment, form_post, web_message, jwt…: the code would not come back as the site's redirect URI expects it
  ["response_mode", "would change how the OP returns the code to the redirect URI"],
  // OIDC Core §7.2.1: client metadata sent with the request, in place of the site's registration
  ["registration", "would send client metadata that is not the site's registration"],
])

/** One map of extra parameters, or the refusal naming the first that would change the protocol. */
const extraParameters = (
  given: Readonly<Record<string, string | null>> | null | undefined,
  field: "custom_parameters" | "params",
): Readonly<Record<string, string>> | InvalidParams => {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(given ?? {})) {
    if (value === null) continue
    const why = REFUSED.get(key)
    if (why !== undefined)
      return new InvalidParams({ code: "bad_request", field: `${field}.${key}`, detail: `is not allowed: it ${why}` })
    Object.defineProperty(out, key, { value, enumerable: true, configurable: true, writable: true })
  }
  return out
}

/** What the caller adds to the request: custom_parameters (3.1) and params (oxd 4.x), checked alike. */
export interface CallerParameters {
  readonly custom: Readonly<Record<string, string>>
  readonly extra: Readonly<Record<string, string>>
}

/** What a caller's state or nonce may be: visible ASCII (it goes into the URL and the store), at most 512 characters. */
const VISIBLE_ASCII = /^[\x21-\x7e]{1,512}$/
/** A caller's state is what the login is checked against: long enough to be a random value, not a counter. */
const MIN_STATE_LENGTH = 16

/** oxd 4.x: the caller's state and nonce when not blank (GetAuthorizationUrlOperation.java:72-73, isNotBlank). */
export const chosen = (p: Pick<typeof Params.Type, "state" | "nonce">) => ({
  state: present(p.state?.trim()) ? p.state : undefined,
  nonce: present(p.nonce?.trim()) ? p.nonce : undefined,
})

/**
 * The caller's custom_parameters and params, or the refusal naming the first that would change the protocol (both
 * roads use it). A null value is no parameter, as in the reference (org.json's JSONObject.put drops it). oxd 4.x's
 * caller-chosen state and nonce are checked here too: visible ASCII, and a state of 16 characters at least.
 */
export const callerParameters = (
  p: Pick<typeof Params.Type, "custom_parameters" | "params" | "state" | "nonce">,
): CallerParameters | InvalidParams => {
  const { state, nonce } = chosen(p)
  for (const [field, v] of [
    ["state", state],
    ["nonce", nonce],
  ] as const) {
    if (v !== undefined && !VISIBLE_ASCII.test(v))
      return new InvalidParams({
        code: "bad_request",
        field,
        detail: "must be at most 512 visible ASCII characters (no spaces or control characters)",
      })
  }
  if (state !== undefined && state.length < MIN_STATE_LENGTH)
    return new InvalidParams({
      code: "bad_request",
      field: "state",
      detail: `must be at least ${MIN_STATE_LENGTH} characters, a random value: the login is checked against it (or leave it out: the server makes one)`,
    })
  const custom = extraParameters(p.custom_parameters, "custom_parameters")
  if (custom instanceof InvalidParams) return custom
  const extra = extraParameters(p.params, "params")
  if (extra instanceof InvalidParams) return extra
  return { custom, extra }
}

/**
 * The registered redirect URI the request names (a state's index: redirectUris.ts): 0, the site's
 * authorization_redirect_uri, unless oxd 4.x's redirect_uri names another; one that is no URL is invalid_redirect_uri,
 * one the site did not register redirect_uri_is_not_registered (GetAuthorizationUrlOperation.java:56-62).
 */
export const redirectOf = (p: Pick<typeof Params.Type, "redirect_uri">, site: Site): number | InvalidParams => {
  const uri = p.redirect_uri?.trim()
  if (!present(uri)) return 0
  if (!URL.canParse(uri))
    return new InvalidParams({ code: "invalid_redirect_uri", field: "redirect_uri", detail: "is not a URL" })
  return (
    redirectIndexOf(site, uri) ??
    new InvalidParams({
      code: "redirect_uri_is_not_registered",
      field: "redirect_uri",
      detail: "is not one of the site's registered redirect URIs (register_site or update_site redirect_uris)",
    })
  )
}

/**
 * custom_parameters as the reference sends them: one custom_response_headers parameter holding a JSON array of
 * one-member objects, [{"name":"value"},…] (GetAuthorizationUrlOperation.java:70-72, oxAuth Util.mapAsString); a Gluu
 * OP hands them to its scripts and answers them as response headers.
 */
const customResponseHeaders = (custom: Readonly<Record<string, string>>): string =>
  JSON.stringify(Object.entries(custom).map(([k, v]) => Object.defineProperty({}, k, { value: v, enumerable: true })))

/**
 * The authorization request's query parameters (client_id is added by openid-client), from the site and the call;
 * `custom` is what customParameters let through. As the reference's (GetAuthorizationUrlOperation.java:51-72):
 * response_type, redirect_uri, scope, state, nonce, acr_values, prompt, hd and custom_response_headers; besides them
 * each custom parameter on its own (so a standard OP sees login_hint, max_age…) and PKCE. The site's locales are not
 * sent: the reference keeps them and never sends them (pass ui_locales in custom_parameters).
 */
export const authorizationParams = (
  p: typeof Params.Type,
  { custom, extra }: CallerParameters,
  site: Site,
  sealed: {
    readonly state: string
    readonly nonce: string
    readonly codeVerifier: string | null
    readonly redirect: number
  },
): Record<string, string> => {
  const registered = (site.metadata["response_types"] as ReadonlyArray<string> | undefined) ?? ["code"]
  // oxd 4.x: the caller's response types when the site registered them all, else the site's (:64-70)
  const asked = list(p.response_types)
  const responseTypes = asked && asked.every((t) => registered.includes(t)) ? asked : registered
  const acr = list(p.acr_values) ?? site.acrValues
  return {
    // oxd 4.x's params go on their own, as 4.x appends them (:100-102)
    ...extra,
    ...custom,
    response_type: responseTypes.join(" "),
    redirect_uri: redirectUriAt(site, sealed.redirect),
    scope: (list(p.scope) ?? site.scope).join(" "),
    state: sealed.state,
    nonce: sealed.nonce,
    ...(acr.length > 0 ? { acr_values: acr.join(" ") } : {}),
    ...(present(p.prompt) ? { prompt: p.prompt } : {}),
    // Google's hosted domain (GetAuthorizationUrlParams.java:25-26, GetAuthorizationUrlOperation.java:66-68)
    ...(present(p.hd) ? { hd: p.hd } : {}),
    ...(Object.keys(custom).length > 0 ? { custom_response_headers: customResponseHeaders(custom) } : {}),
    // S256 (RFC 7636 §4.2): BASE64URL(SHA-256(verifier)), with node:crypto's one-shot hash (WebCrypto's digest costs
    // several times more per call)
    ...(sealed.codeVerifier
      ? { code_challenge: hash("sha256", sealed.codeVerifier, "base64url"), code_challenge_method: "S256" }
      : {}),
  }
}
