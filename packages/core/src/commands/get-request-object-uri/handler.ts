import { Clock, Effect } from "effect"
import { SignJWT, type JWTPayload } from "jose"
import { randomUUID } from "node:crypto"
import { OxdConfig } from "../../config/OxdConfig.js"
import { InvalidAlgorithm, InvalidParams } from "../../errors.js"
import { RequestObjects } from "../../services/RequestObjects.js"
import { isRpSigningAlg, RpKeys } from "../../services/RpKeys.js"
import { SiteStore, type Site } from "../../services/SiteStore.js"
import { present } from "../_shared/fields.js"
import type { Params, Result } from "./schema.js"

/**
 * Claims the server sets and a caller's params may not: with them, one site's owner could have the server's keys
 * sign a request object in another site's name (the keys are the server's, shared by every site).
 */
const RESERVED = ["iss", "aud", "client_id", "oxd_id", "jti", "iat", "exp"] as const
const HMAC = ["HS256", "HS384", "HS512"] as const

/** The reference's base (GetRequestObjectUriOperation.java:119-127): https:// without a scheme, no trailing slash. */
const requestUriBase = (oxdHostUrl: string) =>
  `${/^http/i.test(oxdHostUrl) ? oxdHostUrl : `https://${oxdHostUrl}`}`.replace(/\/+$/, "") + "/get-request-object/"

const sign = (site: Site, alg: string, payload: JWTPayload) =>
  Effect.gen(function* () {
    const header = { typ: "JWT" }
    if (alg === "none") {
      const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url")
      return `${b64({ ...header, alg: "none" })}.${b64(payload)}.`
    }
    if ((HMAC as ReadonlyArray<string>).includes(alg)) {
      // the reference signs HS* with the client secret (GetRequestObjectUriOperation.java:54), as OIDC Core 10.1 says
      if (!site.clientSecret)
        return yield* new InvalidParams({
          code: "invalid_algorithm",
          field: "request_object_signing_alg",
          detail: `${alg} signs with the client secret, and this site has none (a public client)`,
        })
      const secret = new TextEncoder().encode(site.clientSecret)
      return yield* Effect.promise(() => new SignJWT(payload).setProtectedHeader({ ...header, alg }).sign(secret))
    }
    if (!isRpSigningAlg(alg)) return yield* new InvalidAlgorithm({ algorithm: alg })
    const { key, kid } = yield* (yield* RpKeys).signingKey(alg)
    return yield* Effect.promise(() => new SignJWT(payload).setProtectedHeader({ ...header, alg, kid }).sign(key))
  })

/**
 * GetRequestObjectUriOperation.java:37-110 on master: oxd_host_url required (:112-117), the algorithm the caller's or
 * the site's (:43-49), the claims (:75-110), signed (:54) and kept for request_object_expiration_in_minutes (:57-58).
 */
export const handler = Effect.fnUntraced(function* (p: typeof Params.Type) {
  if (!present(p.oxd_host_url)) {
    return yield* new InvalidParams({
      code: "bad_request_no_oxd_host",
      field: "oxd_host_url",
      detail: "is empty or not specified: the public URL of this server's 4.x REST API",
    })
  }
  const site = yield* (yield* SiteStore).get(p.oxd_id)
  const siteAlg = site.metadata["request_object_signing_alg"]
  const alg = present(p.request_object_signing_alg)
    ? p.request_object_signing_alg
    : typeof siteAlg === "string"
      ? siteAlg
      : undefined
  if (!alg) return yield* new InvalidAlgorithm({ algorithm: "" })
  const given = p.params ?? {}
  const reserved = RESERVED.filter((c) => Object.hasOwn(given, c))
  if (reserved.length > 0) {
    return yield* new InvalidParams({
      code: "bad_request",
      field: "params",
      detail: `may not set ${reserved.join(", ")}: the server sets them (the request object is signed in the site's name)`,
    })
  }
  const config = yield* OxdConfig
  const now = Math.floor((yield* Clock.currentTimeMillis) / 1000)
  const payload: JWTPayload = {
    // a space-separated string, as the authorization request's own parameter (OpenID Connect Core §6.1); 4.x writes
    // the list (:95), which a standard OP reads as the parameter given twice (oidc-provider refuses the request)
    response_type: ((site.metadata["response_types"] as ReadonlyArray<string> | undefined) ?? ["code"]).join(" "),
    ...given,
    iss: site.clientId,
    aud: site.opHost,
    jti: randomUUID(),
    client_id: site.clientId,
    iat: now,
    exp: now + Math.round(config.request_object_expiration_in_minutes * 60),
    oxd_id: site.oxdId,
  }
  const jwt = yield* sign(site, alg, payload)
  const id = yield* (yield* RequestObjects).put(site.oxdId, jwt)
  const reply: typeof Result.Type = { request_uri: requestUriBase(p.oxd_host_url) + id }
  return reply
})
