import { createHash, X509Certificate } from "node:crypto"

/**
 * Base64 SHA-256 of a certificate's DER SubjectPublicKeyInfo: what Chromium's --ignore-certificate-errors-spki-list
 * takes. Chromium then accepts exactly the certificates with that public key, and still checks every other one.
 */
export const spkiHash = (certPem: string): string =>
  createHash("sha256")
    .update(new X509Certificate(certPem).publicKey.export({ type: "spki", format: "der" }))
    .digest("base64")
