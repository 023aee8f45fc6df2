import type { TlsOptions } from "node:tls"
import type { Config } from "@oxd/core"

/**
 * The cipher suites the HTTPS and wss:// APIs offer (Mozilla's "intermediate" profile without DHE). TLS 1.3: its
 * three AEAD suites. TLS 1.2: ECDHE key exchange (forward secrecy) with AEAD only — no CBC (Lucky13-style padding
 * oracles, SHA-1 MACs), no CCM8 (a 64-bit tag), no ARIA or CAMELLIA (no reason to keep them). RSA and ECDSA
 * certificates both work: a configured certificate may be either.
 */
export const TLS_CIPHERS = [
  "TLS_AES_128_GCM_SHA256",
  "TLS_AES_256_GCM_SHA384",
  "TLS_CHACHA20_POLY1305_SHA256",
  "ECDHE-ECDSA-AES128-GCM-SHA256",
  "ECDHE-RSA-AES128-GCM-SHA256",
  "ECDHE-ECDSA-AES256-GCM-SHA384",
  "ECDHE-RSA-AES256-GCM-SHA384",
  "ECDHE-ECDSA-CHACHA20-POLY1305",
  "ECDHE-RSA-CHACHA20-POLY1305",
].join(":")

/** The protocol versions and suites of every TLS server of oxd (REST and WebSocket): one policy, set here. */
export const serverTlsPolicy = (
  config: Pick<Config, "tls_min_version">,
): Pick<TlsOptions, "minVersion" | "ciphers"> => ({
  minVersion: config.tls_min_version,
  ciphers: TLS_CIPHERS,
})
