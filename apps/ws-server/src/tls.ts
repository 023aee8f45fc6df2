import { createPrivateKey, X509Certificate } from "node:crypto"
import { readFileSync } from "node:fs"
import { resolve } from "node:path"
import type { Config } from "@oxd/core"
import { certificateNames, loadRestTls, RestTlsError, type RestTls } from "@oxd/node"

/** A bad ws_tls_* setting; a RestTlsError, so a CLI that reports those reports these too. */
export class WsTlsError extends RestTlsError {}

/**
 * The certificate of the wss:// API: ws_tls_cert_file + ws_tls_key_file when given, else the REST API's
 * (rest_tls_cert_file/rest_tls_key_file, or the self-signed one generated in rest_tls_dir): one certificate, one
 * fingerprint to pin for both.
 */
export const loadWsTls = async (config: Config, host: string): Promise<RestTls> => {
  const { ws_tls_cert_file: certFile, ws_tls_key_file: keyFile } = config
  if (!certFile && !keyFile) {
    return loadRestTls({
      certFile: config.rest_tls_cert_file,
      keyFile: config.rest_tls_key_file,
      dir: config.rest_tls_dir,
      names: certificateNames(host),
    })
  }
  if (!certFile || !keyFile) {
    throw new WsTlsError(
      `"ws_tls_cert_file" and "ws_tls_key_file" go together: give both, or neither to use the REST API's certificate`,
    )
  }
  const read = (file: string, key: string) => {
    try {
      return readFileSync(file, "utf8")
    } catch (e) {
      throw new WsTlsError(`cannot read "${key}" ${file}: ${(e as Error).message}`)
    }
  }
  const certPem = read(certFile, "ws_tls_cert_file")
  const keyPem = read(keyFile, "ws_tls_key_file")
  let cert: X509Certificate
  try {
    cert = new X509Certificate(certPem)
  } catch {
    throw new WsTlsError(`"ws_tls_cert_file" ${certFile} holds no PEM certificate`)
  }
  let matches: boolean
  try {
    matches = cert.checkPrivateKey(createPrivateKey(keyPem))
  } catch {
    throw new WsTlsError(`"ws_tls_key_file" ${keyFile} holds no PEM private key`)
  }
  if (!matches) throw new WsTlsError(`"ws_tls_key_file" ${keyFile} is not the key of the certificate in ${certFile}`)
  return { certPem, keyPem, fingerprint: cert.fingerprint256, certFile: resolve(certFile), origin: "configured" }
}
