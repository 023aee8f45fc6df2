import { edgeRefusal, type WireError } from "@oxd/core"

/**
 * The protection token of a REST call, by the reference's rule (oxd-https-extension 3.1.4,
 * RestResource.java:217-227): the header starts with exactly "Bearer " (that case, one space) and a non-blank token
 * follows. Anything else (no header, another scheme, "bearer x", "Bearer\tx", "Bearer ") is no token. Only the header
 * counts: a protection_access_token in the body is overwritten by the header's (RestResource.java:78).
 */
export const referenceBearer = (header: string | undefined): string | undefined => {
  if (header === undefined || !header.startsWith("Bearer ")) return undefined
  const token = header.slice("Bearer ".length).trim()
  return token === "" ? undefined : token
}

/**
 * A protected command without a token: HTTP 403 with the reference's error "403" and its description "Forbidden
 * Access" (RestResource.java:229-235), then what to send. The reference builds this envelope but hands it to
 * Dropwizard as an exception message, which wraps it as {"code":403,"message":"<envelope>"}; no 3.1 REST client
 * reads that body (oxd-node passes any non-200 body on as the error, oxd-python's urllib2 raises on the status), so the
 * envelope itself is sent, as every other oxd error (docs/compatibility.md, H1).
 */
export const forbiddenAccess: WireError = edgeRefusal(
  "forbidden_access",
  'Forbidden Access: send the protection_access_token as "Authorization: Bearer <token>".',
)
