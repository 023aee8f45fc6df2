import { createPrivateKey, X509Certificate } from "node:crypto"
import { existsSync, readFileSync } from "node:fs"
import { isIP } from "node:net"
import { join, resolve } from "node:path"
import type { Config } from "@oxd/core"
import { certificateNames } from "../tls.js"
import { bad, ok, skip, type CheckResult } from "./check.js"

const DAY = 86_400_000
/** A certificate expiring sooner than this is worth a warning: time to renew it. */
const RENEW_WITHIN_DAYS = 30

const covers = (cert: X509Certificate, name: string) =>
  isIP(name) ? cert.checkIP(name) !== undefined : cert.checkHost(name) !== undefined

/** A certificate file and its key: readable, a certificate and a key, the key the certificate's, in date, naming the bind address. */
const inspect = (
  id: string,
  certFile: string,
  keyFile: string,
  keys: { readonly cert: string; readonly key: string },
  bindAddress: string,
  now: number,
): CheckResult => {
  let certPem: string
  let keyPem: string
  try {
    certPem = readFileSync(certFile, "utf8")
    keyPem = readFileSync(keyFile, "utf8")
  } catch (e) {
    return bad(
      "fail",
      id,
      `cannot read ${(e as NodeJS.ErrnoException).path ?? certFile}: ${(e as Error).message}`,
      `check ${keys.cert} and ${keys.key} and the files' permissions`,
    )
  }
  let cert: X509Certificate
  try {
    cert = new X509Certificate(certPem)
  } catch {
    return bad("fail", id, `${certFile} holds no PEM certificate`, `set ${keys.cert} to a PEM certificate (chain)`)
  }
  try {
    if (!cert.checkPrivateKey(createPrivateKey(keyPem)))
      return bad(
        "fail",
        id,
        `${keyFile} is not the key of the certificate in ${certFile}`,
        `set ${keys.key} to the certificate's own private key`,
      )
  } catch {
    return bad("fail", id, `${keyFile} holds no PEM private key`, `set ${keys.key} to a PEM private key`)
  }
  const expires = Date.parse(cert.validTo)
  const days = Math.floor((expires - now) / DAY)
  if (expires <= now)
    return bad(
      "fail",
      id,
      `the certificate in ${certFile} expired on ${new Date(expires).toISOString()}`,
      `renew it (${keys.cert})`,
    )
  if (Date.parse(cert.validFrom) > now)
    return bad(
      "fail",
      id,
      `the certificate in ${certFile} is valid only from ${new Date(Date.parse(cert.validFrom)).toISOString()}`,
      `check this machine's clock, or the certificate`,
    )
  const missing = certificateNames(bindAddress).filter((n) => !covers(cert, n))
  if (missing.length > 0)
    return bad(
      "warn",
      id,
      `the certificate does not name ${missing.join(", ")}: clients connecting by that name refuse it`,
      `add them to its subjectAltName`,
    )
  if (days < RENEW_WITHIN_DAYS)
    return bad(
      "warn",
      id,
      `the certificate expires in ${days} days (${new Date(expires).toISOString()})`,
      `renew it (${keys.cert})`,
    )
  return ok(id, `key matches, valid ${days} more days (${cert.fingerprint256.slice(0, 23)}…)`)
}

/** The REST API's and the WebSocket API's certificates (when they serve TLS). */
export const checkCertificates = (config: Config, now = Date.now()): ReadonlyArray<CheckResult> => {
  const results: CheckResult[] = []
  const restKeys = { cert: "rest_tls_cert_file", key: "rest_tls_key_file" }
  if (!config.rest_enabled) results.push(skip("rest.certificate", "REST API off"))
  else if (config.rest_plain_http)
    results.push(skip("rest.certificate", "plain HTTP (rest_plain_http): TLS ends at the proxy"))
  else if (config.rest_tls_cert_file || config.rest_tls_key_file) {
    if (!config.rest_tls_cert_file || !config.rest_tls_key_file)
      results.push(
        bad(
          "fail",
          "rest.certificate",
          "rest_tls_cert_file and rest_tls_key_file go together",
          "give both, or neither for a generated certificate",
        ),
      )
    else
      results.push(
        inspect(
          "rest.certificate",
          config.rest_tls_cert_file,
          config.rest_tls_key_file,
          restKeys,
          config.bind_address,
          now,
        ),
      )
  } else {
    const dir = resolve(config.rest_tls_dir)
    const cert = join(dir, "cert.pem")
    const key = join(dir, "key.pem")
    if (!existsSync(cert) || !existsSync(key))
      results.push(
        ok("rest.certificate", `none yet: a self-signed certificate is generated in ${dir} at the first start`),
      )
    else {
      const found = inspect("rest.certificate", cert, key, restKeys, config.bind_address, now)
      // the server replaces a generated certificate that is expiring, broken or naming too little: nothing to fix by hand
      results.push(
        found.status === "ok"
          ? found
          : ok("rest.certificate", `generated one in ${dir} is replaced at the next start (${found.message})`),
      )
    }
  }
  const wsKeys = { cert: "ws_tls_cert_file", key: "ws_tls_key_file" }
  if (!config.ws_enabled) results.push(skip("ws.certificate", "WebSocket API off"))
  else if (config.ws_plain) results.push(skip("ws.certificate", "plain ws:// (ws_plain): TLS ends at the proxy"))
  else if (!config.ws_tls_cert_file && !config.ws_tls_key_file)
    results.push(skip("ws.certificate", "wss:// serves the REST API's certificate"))
  else if (!config.ws_tls_cert_file || !config.ws_tls_key_file)
    results.push(
      bad(
        "fail",
        "ws.certificate",
        "ws_tls_cert_file and ws_tls_key_file go together",
        "give both, or neither to serve the REST API's certificate",
      ),
    )
  else
    results.push(
      inspect("ws.certificate", config.ws_tls_cert_file, config.ws_tls_key_file, wsKeys, config.bind_address, now),
    )
  return results
}
