/**
 * An HTTPS server on loopback with a certificate that is wrong in one way (expired, or for another name), for the
 * tests that a TLS failure reports its cause. Only the handshake matters: it fails before any request.
 */
import "reflect-metadata"
import { randomBytes, webcrypto } from "node:crypto"
import { createServer, type Server } from "node:https"
import type { AddressInfo } from "node:net"
import * as x509 from "@peculiar/x509"

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0])
const DAY = 86_400_000

const selfSigned = async (name: string, notBefore: Date, notAfter: Date) => {
  const alg = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const
  const keys = (await webcrypto.subtle.generateKey(alg, true, ["sign", "verify"])) as webcrypto.CryptoKeyPair
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: `01${randomBytes(8).toString("hex")}`,
    name: `CN=${name}`,
    notBefore,
    notAfter,
    keys,
    signingAlgorithm: alg,
    extensions: [
      new x509.SubjectAlternativeNameExtension([
        name === "127.0.0.1" ? { type: "ip", value: name } : { type: "dns", value: name },
      ]),
    ],
  })
  const der = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", keys.privateKey))
  return {
    certPem: cert.toString("pem"),
    keyPem: `-----BEGIN PRIVATE KEY-----\n${der.toString("base64").replace(/.{64}/g, "$&\n").replace(/\n$/, "")}\n-----END PRIVATE KEY-----\n`,
  }
}

export interface BadTlsServer {
  /** https://127.0.0.1:<port> */
  readonly url: string
  /** The certificate itself, to trust as `ca`: the only fault left is the one chosen. */
  readonly certPem: string
  close(): Promise<void>
}

export const startBadTlsServer = async (fault: "expired" | "other-name"): Promise<BadTlsServer> => {
  const now = Date.now()
  const { certPem, keyPem } =
    fault === "expired"
      ? await selfSigned("127.0.0.1", new Date(now - 30 * DAY), new Date(now - DAY))
      : await selfSigned("oxd.example", new Date(now - DAY), new Date(now + 30 * DAY))
  const server: Server = createServer({ cert: certPem, key: keyPem }, (_, res) => res.end())
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  return {
    url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    certPem,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
