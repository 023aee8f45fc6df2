import { rejects } from "./rejects.js"

export const badSignature = rejects("bad_signature", "invalid_id_token_bad_signature", "a tampered signature")
export const wrongNonce = rejects("wrong_nonce", "invalid_id_token_bad_nonce", "a nonce other than the one sent")
export const wrongAudience = rejects("wrong_aud", "invalid_id_token_bad_audience", "an audience other than the site's client_id")
export const expiredIdToken = rejects("expired", "invalid_id_token_expired", "an exp in the past")
export const wrongIssuer = rejects("wrong_issuer", "invalid_id_token_bad_issuer", "an issuer other than the OP")
export const badAtHash = rejects("bad_at_hash", "invalid_access_token_bad_hash", "an at_hash that does not match the access token")
export const unknownKid = rejects("unknown_kid", "invalid_id_token_bad_signature", "a signing key the OP does not publish")
