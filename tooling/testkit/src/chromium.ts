import { createHash, X509Certificate } from "node:crypto"
import { existsSync } from "node:fs"

/** Debian's Chromium, which the examples' end-to-end tests drive with playwright-core (no browser download). */
export const CHROMIUM = "/usr/bin/chromium"
export const HAS_CHROMIUM = existsSync(CHROMIUM)
/** The flags this machine needs (docs: /work/shared/STACK.md); playwright adds --headless and a fresh --user-data-dir. */
export const CHROMIUM_FLAGS: ReadonlyArray<string> = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-quic",
  "--disable-sync",
]

/**
 * Base64 SHA-256 of a certificate's DER SubjectPublicKeyInfo: what Chromium's --ignore-certificate-errors-spki-list
 * takes. Chromium then accepts exactly the certificates with that public key (the test OP's), and checks every other.
 */
export const spkiHash = (certPem: string): string =>
  createHash("sha256")
    .update(new X509Certificate(certPem).publicKey.export({ type: "spki", format: "der" }))
    .digest("base64")
