import type { Oxd } from "@oxd/core"
import type { RestTls } from "./tls.js"

/** Says where a listener's certificate comes from and its fingerprint, or warns that it serves without TLS. */
export const logTls = (oxd: Oxd, label: string, tls: RestTls | undefined, plainKey: string) => {
  if (!tls)
    return oxd.log(
      "warn",
      `${label} on plain ${plainKey.startsWith("ws") ? "ws://" : "HTTP"} (${plainKey}): only behind a TLS-terminating proxy`,
    )
  oxd.log(
    "info",
    `${label} TLS certificate ${tls.origin === "configured" ? "from" : `${tls.origin} in`} ${tls.certFile}`,
    { sha256_fingerprint: tls.fingerprint },
  )
}
