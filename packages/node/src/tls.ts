import { createPrivateKey, randomBytes, webcrypto, X509Certificate } from "node:crypto"
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs"
import { isIP } from "node:net"
import { join, resolve } from "node:path"

/** The certificate and key the HTTPS API serves, and how to recognise it. */
export interface RestTls {
  readonly certPem: string
  readonly keyPem: string
  /** SHA-256 fingerprint of the (first) certificate, AA:BB:… as browsers and `openssl x509 -fingerprint -sha256` show it. */
  readonly fingerprint: string
  /** The PEM file clients can trust (pin) for a generated certificate, or the configured one. */
  readonly certFile: string
  /** generated now, reused from rest_tls_dir, or read from rest_tls_cert_file/rest_tls_key_file */
  readonly origin: "generated" | "reused" | "configured"
}

export class RestTlsError extends Error {
  override readonly name = "RestTlsError"
}

const DAY = 86_400_000
const CERT = "cert.pem"
const KEY = "key.pem"
/** Names every generated certificate covers, besides the bind address when it is a specific one. */
const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "::1"]

/** The names a certificate for this bind address must cover. */
export const certificateNames = (bindAddress: string): ReadonlyArray<string> => {
  const wildcard = bindAddress === "0.0.0.0" || bindAddress === "::" || bindAddress === ""
  return wildcard || LOOPBACK_NAMES.includes(bindAddress) ? LOOPBACK_NAMES : [...LOOPBACK_NAMES, bindAddress]
}

const covers = (cert: X509Certificate, name: string) =>
  isIP(name) ? cert.checkIP(name) !== undefined : cert.checkHost(name) !== undefined

/**
 * The TLS material of the REST API: the configured certificate and key files, or a self-signed certificate kept
 * in `dir` (generated on first start, reused after, replaced when it nears expiry or no longer covers the names).
 */
export const loadRestTls = async (opts: {
  readonly certFile?: string | undefined
  readonly keyFile?: string | undefined
  readonly dir: string
  readonly names?: ReadonlyArray<string>
}): Promise<RestTls> => {
  if (opts.certFile || opts.keyFile) return readConfigured(opts.certFile, opts.keyFile)
  const dir = resolve(opts.dir)
  const names = opts.names ?? LOOPBACK_NAMES
  const existing = readPair(join(dir, CERT), join(dir, KEY))
  if (existing && usable(existing, names)) return { ...existing, origin: "reused" }

  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const generated = await generateSelfSigned(names)
  // written beside, then renamed into place: a concurrent start never reads half a file or a mismatched pair
  const tag = `${process.pid}-${randomBytes(4).toString("hex")}`
  const tmpKey = join(dir, `${KEY}.${tag}`)
  const tmpCert = join(dir, `${CERT}.${tag}`)
  writeFileSync(tmpKey, generated.keyPem, { mode: 0o600 })
  writeFileSync(tmpCert, generated.certPem)
  renameSync(tmpKey, join(dir, KEY))
  renameSync(tmpCert, join(dir, CERT))
  const written = readPair(join(dir, CERT), join(dir, KEY))
  if (!written) {
    rmSync(tmpKey, { force: true })
    throw new RestTlsError(`could not read the generated certificate back from ${dir}`)
  }
  return { ...written, origin: "generated" }
}

const readConfigured = (certFile: string | undefined, keyFile: string | undefined): RestTls => {
  if (!certFile || !keyFile) {
    throw new RestTlsError(
      `"rest_tls_cert_file" and "rest_tls_key_file" go together: give both, or neither to use a generated self-signed certificate`,
    )
  }
  const read = (file: string, key: string) => {
    try {
      return readFileSync(file, "utf8")
    } catch (e) {
      throw new RestTlsError(`cannot read "${key}" ${file}: ${(e as Error).message}`)
    }
  }
  const certPem = read(certFile, "rest_tls_cert_file")
  const keyPem = read(keyFile, "rest_tls_key_file")
  let cert: X509Certificate
  try {
    cert = new X509Certificate(certPem)
  } catch {
    throw new RestTlsError(`"rest_tls_cert_file" ${certFile} holds no PEM certificate`)
  }
  let matches: boolean
  try {
    matches = cert.checkPrivateKey(createPrivateKey(keyPem))
  } catch {
    throw new RestTlsError(`"rest_tls_key_file" ${keyFile} holds no PEM private key`)
  }
  if (!matches)
    throw new RestTlsError(`"rest_tls_key_file" ${keyFile} is not the key of the certificate in ${certFile}`)
  return { certPem, keyPem, fingerprint: cert.fingerprint256, certFile: resolve(certFile), origin: "configured" }
}

const readPair = (certFile: string, keyFile: string): Omit<RestTls, "origin"> | undefined => {
  if (!existsSync(certFile) || !existsSync(keyFile)) return undefined
  try {
    const certPem = readFileSync(certFile, "utf8")
    const keyPem = readFileSync(keyFile, "utf8")
    const cert = new X509Certificate(certPem)
    if (!cert.checkPrivateKey(createPrivateKey(keyPem))) return undefined
    return { certPem, keyPem, fingerprint: cert.fingerprint256, certFile }
  } catch {
    return undefined
  }
}

const usable = (pair: Omit<RestTls, "origin">, names: ReadonlyArray<string>) => {
  const cert = new X509Certificate(pair.certPem)
  return Date.parse(cert.validTo) > Date.now() + 7 * DAY && names.every((n) => covers(cert, n))
}

const generateSelfSigned = async (names: ReadonlyArray<string>): Promise<{ certPem: string; keyPem: string }> => {
  // @peculiar/x509 needs the Reflect metadata polyfill; loaded only when a certificate is generated
  await import("reflect-metadata")
  const x509 = await import("@peculiar/x509")
  // Node's webcrypto is the Crypto @peculiar/x509 expects; its overloads type it differently with and without the DOM lib
  ;(x509.cryptoProvider as { set(crypto: unknown): void }).set(webcrypto)
  const alg = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const
  const keys = (await webcrypto.subtle.generateKey(alg, true, ["sign", "verify"])) as webcrypto.CryptoKeyPair
  const now = Date.now()
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: `01${randomBytes(15).toString("hex")}`,
    name: `CN=oxd-ts REST API ${randomBytes(4).toString("hex")}, O=oxd-ts`,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 397 * DAY),
    keys,
    signingAlgorithm: alg,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(
        names.map((value) => ({ type: isIP(value) ? ("ip" as const) : ("dns" as const), value })),
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  })
  const der = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", keys.privateKey))
  const b64 = der.toString("base64").replace(/.{64}/g, "$&\n").replace(/\n$/, "")
  return {
    certPem: `${cert.toString("pem")}\n`,
    keyPem: `-----BEGIN PRIVATE KEY-----\n${b64}\n-----END PRIVATE KEY-----\n`,
  }
}
