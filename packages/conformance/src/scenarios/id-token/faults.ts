import { rejects } from "./rejects.js"

// reference: every ID token fault but the nonce is invalid_id_token_unknown — Validator.validateIdToken wraps the specific
// codes (Validator.java:157-160); a nonce it did not issue is invalid_nonce (Validator.java:78-83, ErrorResponseCode.java:30)
export const badSignature = rejects("bad_signature", "invalid_id_token_unknown", "a tampered signature", /signature/)
export const wrongNonce = rejects("wrong_nonce", "invalid_nonce", "a nonce other than the one sent", /nonce/)
export const wrongAudience = rejects(
  "wrong_aud",
  "invalid_id_token_unknown",
  "an audience other than the site's client_id",
  /aud/,
)
export const expiredIdToken = rejects("expired", "invalid_id_token_unknown", "an exp in the past", /exp/)
export const wrongIssuer = rejects("wrong_issuer", "invalid_id_token_unknown", "an issuer other than the OP", /iss/)
// reference: invalid_access_token_bad_hash (ErrorResponseCode.java:39, Validator.java:46-58)
export const badAtHash = rejects(
  "bad_at_hash",
  "invalid_access_token_bad_hash",
  "an at_hash that does not match the access token",
)
// reference: the key lookup finds none, the signature fails: invalid_id_token_unknown (PublicOpKeyService.java:36-64)
export const unknownKid = rejects(
  "unknown_kid",
  "invalid_id_token_unknown",
  "a signing key the OP does not publish",
  /key/,
)
