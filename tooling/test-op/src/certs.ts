import { X509Certificate, randomBytes, webcrypto } from "node:crypto"
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs"
import { join, resolve } from "node:path"

/** Files that make up the OP's TLS material. Clients trust `caFile`; only the OP reads the keys. */
export interface Certificates {
  /** Directory holding the files below. */
  readonly dir: string
  readonly caFile: string
  readonly caPem: string
  readonly certPem: string
  readonly keyPem: string
}

export const DEFAULT_STATE_DIR = ".oxd/test-op"
const TLS_SUBDIR = "tls"
const SERVER_NAMES = ["localhost"]
const SERVER_IPS = ["127.0.0.1", "::1"]
const DAY = 86_400_000

export function defaultStateDir(): string {
  return resolve(process.cwd(), DEFAULT_STATE_DIR)
}

/**
 * Returns the CA and server certificate under `<stateDir>/tls`, generating them on first use.
 * Generation writes into a temp dir that is renamed into place, so concurrent first starts
 * (e.g. parallel test workers) never see a half-written or mismatched set: the loser of the
 * rename race simply reads the winner's files.
 */
export async function ensureCertificates(stateDir: string = defaultStateDir()): Promise<Certificates> {
  const dir = join(resolve(stateDir), TLS_SUBDIR)
  const existing = readCertificates(dir)
  if (existing && stillValid(existing)) return existing

  mkdirSync(resolve(stateDir), { recursive: true })
  const tmp = `${dir}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`
  mkdirSync(tmp, { recursive: true })
  const generated = await generate()
  writeFileSync(join(tmp, "ca.pem"), generated.caPem)
  writeFileSync(join(tmp, "ca-key.pem"), generated.caKeyPem, { mode: 0o600 })
  writeFileSync(join(tmp, "server.pem"), generated.certPem)
  writeFileSync(join(tmp, "server-key.pem"), generated.keyPem, { mode: 0o600 })

  if (existing) {
    // Expired set: move it aside so the rename below can take its place.
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    renameSync(tmp, dir)
  } catch {
    // Another process won the race; use its files.
    rmSync(tmp, { recursive: true, force: true })
  }
  const result = readCertificates(dir)
  if (!result) throw new Error(`could not read TLS material from ${dir}`)
  return result
}

function readCertificates(dir: string): Certificates | undefined {
  const caFile = join(dir, "ca.pem")
  const files = [caFile, join(dir, "server.pem"), join(dir, "server-key.pem")]
  if (!files.every((f) => existsSync(f))) return undefined
  const [caPem, certPem, keyPem] = files.map((f) => readFileSync(f, "utf8")) as [string, string, string]
  return { dir, caFile, caPem, certPem, keyPem }
}

function stillValid(c: Certificates): boolean {
  try {
    const ca = new X509Certificate(c.caPem)
    const cert = new X509Certificate(c.certPem)
    const soon = Date.now() + DAY
    return (
      cert.verify(ca.publicKey) &&
      Date.parse(ca.validTo) > soon &&
      Date.parse(cert.validTo) > soon &&
      SERVER_IPS.every((ip) => cert.checkIP(ip) !== undefined) &&
      SERVER_NAMES.every((n) => cert.checkHost(n) !== undefined)
    )
  } catch {
    return false
  }
}

async function generate(): Promise<{ caPem: string; caKeyPem: string; certPem: string; keyPem: string }> {
  // @peculiar/x509 needs a Reflect metadata polyfill (tsyringe); load both only when generating,
  // so processes that merely reuse existing certificates don't get the global polyfill.
  await import("reflect-metadata")
  const x509 = await import("@peculiar/x509")
  x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0])

  const alg = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const
  const usage: webcrypto.KeyUsage[] = ["sign", "verify"]
  const now = Date.now()
  const notBefore = new Date(now - DAY) // tolerate small clock skew between processes/hosts

  const caKeys = (await webcrypto.subtle.generateKey(alg, true, usage)) as webcrypto.CryptoKeyPair
  const caName = `CN=oxd test-op CA ${randomBytes(4).toString("hex")}, O=oxd-ts test`
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomBytes(8).toString("hex"),
    name: caName,
    notBefore,
    notAfter: new Date(now + 3650 * DAY),
    keys: caKeys,
    signingAlgorithm: alg,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  })

  const serverKeys = (await webcrypto.subtle.generateKey(alg, true, usage)) as webcrypto.CryptoKeyPair
  const server = await x509.X509CertificateGenerator.create({
    serialNumber: randomBytes(8).toString("hex"),
    subject: "CN=localhost, O=oxd-ts test",
    issuer: ca.subject,
    notBefore,
    notAfter: new Date(now + 825 * DAY),
    publicKey: serverKeys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: alg,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([
        ...SERVER_NAMES.map((value) => ({ type: "dns" as const, value })),
        ...SERVER_IPS.map((value) => ({ type: "ip" as const, value })),
      ]),
      await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
      await x509.SubjectKeyIdentifierExtension.create(serverKeys.publicKey),
    ],
  })

  return {
    caPem: ca.toString("pem") + "\n",
    caKeyPem: await pkcs8Pem(caKeys.privateKey),
    certPem: server.toString("pem") + "\n",
    keyPem: await pkcs8Pem(serverKeys.privateKey),
  }
}

async function pkcs8Pem(key: webcrypto.CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", key))
  const b64 = der.toString("base64").replace(/.{64}/g, "$&\n")
  return `-----BEGIN PRIVATE KEY-----\n${b64}${b64.endsWith("\n") ? "" : "\n"}-----END PRIVATE KEY-----\n`
}
