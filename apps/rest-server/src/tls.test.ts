import { createHash, X509Certificate } from "node:crypto"
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { connect, createServer as createTlsServer, type ConnectionOptions } from "node:tls"
import { describe, expect, it } from "vitest"
import { certificateNames, loadRestTls, RestTlsError, TLS_CIPHERS } from "@oxd/node"
import { send, startTestRest } from "./test-support/http.js"

const tmp = () => mkdtempSync(join(tmpdir(), "oxd-rest-tls-"))

/** The SHA-256 fingerprint of the certificate a TLS server presents, AA:BB:… */
const servedFingerprint = (port: number, ca?: string) =>
  new Promise<string>((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port, ...(ca ? { ca } : { rejectUnauthorized: false }) }, () => {
      const cert = socket.getPeerCertificate()
      socket.destroy()
      resolve(cert.fingerprint256)
    })
    socket.on("error", reject)
  })

describe("the REST API's TLS certificate", () => {
  it("is generated self-signed on first start, kept in rest_tls_dir (made 0700, key 0600, under umask 022) and reused after", async () => {
    const parent = join(tmp(), "state")
    const dir = join(parent, "tls")
    const umask = process.umask(0o022)
    let first: Awaited<ReturnType<typeof loadRestTls>>
    try {
      first = await loadRestTls({ dir })
    } finally {
      process.umask(umask)
    }
    expect(first.origin).toBe("generated")
    expect(first.certFile).toBe(join(dir, "cert.pem"))
    expect(statSync(join(dir, "key.pem")).mode & 0o777).toBe(0o600)
    expect([statSync(parent).mode & 0o777, statSync(dir).mode & 0o777]).toEqual([0o700, 0o700])
    const cert = new X509Certificate(first.certPem)
    expect(cert.issuer).toBe(cert.subject) // self-signed
    expect(cert.verify(cert.publicKey)).toBe(true)
    expect(cert.checkHost("localhost")).toBe("localhost")
    expect(cert.checkIP("127.0.0.1")).toBe("127.0.0.1")
    expect(cert.checkIP("::1")).toBe("::1")
    // the fingerprint is the SHA-256 of the DER certificate
    const der = createHash("sha256").update(cert.raw).digest("hex").toUpperCase().match(/../g)!.join(":")
    expect(first.fingerprint).toBe(der)

    const again = await loadRestTls({ dir })
    expect(again.origin).toBe("reused")
    expect(again.fingerprint).toBe(first.fingerprint)
  })

  it("is served: a client trusting it connects, one that does not is refused", async () => {
    const rest = await startTestRest()
    try {
      const tls = rest.server.tls!
      expect(rest.server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
      expect(await servedFingerprint(rest.server.port, tls.certPem)).toBe(tls.fingerprint)
      expect((await rest.send("/health-check", { method: "GET" })).status).toBe(200)
      await expect(
        send(
          { ...rest.server, tls: { ...tls, certPem: (await loadRestTls({ dir: tmp() })).certPem } },
          "/health-check",
          { method: "GET" },
        ),
      ).rejects.toThrow()
    } finally {
      await rest.close()
    }
  })

  it("covers a specific bind address; a certificate that does not is replaced", async () => {
    expect(certificateNames("0.0.0.0")).toEqual(["localhost", "127.0.0.1", "::1"])
    expect(certificateNames("10.1.2.3")).toContain("10.1.2.3")
    const dir = tmp()
    const loopback = await loadRestTls({ dir })
    const wider = await loadRestTls({ dir, names: certificateNames("oxd.internal.example") })
    expect(wider.origin).toBe("generated")
    expect(wider.fingerprint).not.toBe(loopback.fingerprint)
    expect(new X509Certificate(wider.certPem).checkHost("oxd.internal.example")).toBe("oxd.internal.example")
  })

  it("comes from rest_tls_cert_file and rest_tls_key_file when given", async () => {
    const made = await loadRestTls({ dir: tmp() })
    const dir = tmp()
    writeFileSync(join(dir, "my-cert.pem"), made.certPem)
    writeFileSync(join(dir, "my-key.pem"), made.keyPem)
    const configured = await loadRestTls({
      certFile: join(dir, "my-cert.pem"),
      keyFile: join(dir, "my-key.pem"),
      dir: tmp(),
    })
    expect(configured.origin).toBe("configured")
    expect(configured.fingerprint).toBe(made.fingerprint)
    const rest = await startTestRest({
      rest_tls_cert_file: join(dir, "my-cert.pem"),
      rest_tls_key_file: join(dir, "my-key.pem"),
    })
    try {
      expect(await servedFingerprint(rest.server.port)).toBe(made.fingerprint)
    } finally {
      await rest.close()
    }
  })

  it("refuses a certificate file without its key, a key of another certificate, or a file that is not PEM", async () => {
    const a = await loadRestTls({ dir: tmp() })
    const b = await loadRestTls({ dir: tmp() })
    const dir = tmp()
    writeFileSync(join(dir, "cert.pem"), a.certPem)
    writeFileSync(join(dir, "other-key.pem"), b.keyPem)
    writeFileSync(join(dir, "junk.pem"), "not a certificate")
    await expect(loadRestTls({ certFile: join(dir, "cert.pem"), dir: tmp() })).rejects.toThrow(/rest_tls_key_file/)
    await expect(
      loadRestTls({ certFile: join(dir, "cert.pem"), keyFile: join(dir, "other-key.pem"), dir: tmp() }),
    ).rejects.toThrow(/not the key/)
    await expect(
      loadRestTls({ certFile: join(dir, "junk.pem"), keyFile: join(dir, "other-key.pem"), dir: tmp() }),
    ).rejects.toThrow(RestTlsError)
    await expect(
      loadRestTls({ certFile: join(dir, "missing.pem"), keyFile: join(dir, "other-key.pem"), dir: tmp() }),
    ).rejects.toThrow(/cannot read/)
    expect(readFileSync(join(dir, "cert.pem"), "utf8")).toBe(a.certPem)
  })
})

/** A TLS handshake with the server on `port`: the version and suite agreed, or the error that ended it. */
const handshake = (port: number, opts: ConnectionOptions) =>
  new Promise<{ protocol: string | null; cipher: string } | { error: string }>((resolve) => {
    const socket = connect({ host: "127.0.0.1", port, rejectUnauthorized: false, ...opts }, () => {
      resolve({ protocol: socket.getProtocol(), cipher: socket.getCipher().name })
      socket.destroy()
    })
    socket.on("error", (e: Error & { code?: string }) => resolve({ error: e.code ?? e.message }))
  })

const TLS12 = { maxVersion: "TLSv1.2" } as const
/** Suites Node 20 offers by default on TLS 1.2 that the API must not: CBC (SHA-2 and SHA-1 MACs), CCM8, ARIA. */
const WEAK_TLS12 = [
  "ECDHE-ECDSA-AES128-SHA256",
  "ECDHE-ECDSA-AES256-SHA384",
  "ECDHE-ECDSA-AES128-SHA",
  "ECDHE-ECDSA-AES128-CCM8",
  "ECDHE-ECDSA-ARIA128-GCM-SHA256",
]

describe("the REST API's TLS versions and suites", () => {
  it("offers TLS 1.2 with ECDHE + AEAD suites only, where Node's defaults also take CBC (and on Node 20 CCM8 and ARIA)", async () => {
    const rest = await startTestRest()
    // the control: a TLS server offering the weak suites with the same certificate; each one this runtime's OpenSSL
    // can negotiate (Node 24's no longer does CCM8 or ARIA) must be refused by the API. CBC always negotiates, so the
    // check is never empty.
    const control = createTlsServer(
      { key: rest.server.tls!.keyPem, cert: rest.server.tls!.certPem, ciphers: WEAK_TLS12.join(":") },
      (s) => s.end(),
    )
    await new Promise<void>((r) => control.listen(0, "127.0.0.1", r))
    const controlPort = (control.address() as { port: number }).port
    try {
      const negotiable: string[] = []
      for (const weak of WEAK_TLS12) {
        const offered = await handshake(controlPort, { ...TLS12, ciphers: weak })
        if (!("error" in offered)) {
          expect(offered, weak).toMatchObject({ protocol: "TLSv1.2", cipher: weak })
          negotiable.push(weak)
        }
        expect(await handshake(rest.server.port, { ...TLS12, ciphers: weak }), weak).toHaveProperty("error")
      }
      expect(negotiable).toEqual(expect.arrayContaining(WEAK_TLS12.filter((c) => !/CCM|ARIA/.test(c))))
      for (const good of [
        "ECDHE-ECDSA-AES128-GCM-SHA256",
        "ECDHE-ECDSA-AES256-GCM-SHA384",
        "ECDHE-ECDSA-CHACHA20-POLY1305",
      ]) {
        expect(await handshake(rest.server.port, { ...TLS12, ciphers: good }), good).toEqual({
          protocol: "TLSv1.2",
          cipher: good,
        })
      }
      expect(await handshake(rest.server.port, {})).toMatchObject({ protocol: "TLSv1.3" })
      expect(await handshake(rest.server.port, { maxVersion: "TLSv1.1", minVersion: "TLSv1" })).toHaveProperty("error")
      // every TLS 1.2 suite listed is ECDHE with AES-GCM or ChaCha20-Poly1305
      for (const suite of TLS_CIPHERS.split(":").filter((c) => !c.startsWith("TLS_")))
        expect(suite).toMatch(/^ECDHE-(ECDSA|RSA)-(AES(128|256)-GCM-SHA(256|384)|CHACHA20-POLY1305)$/)
    } finally {
      control.close()
      await rest.close()
    }
  })

  it("refuses TLS 1.2 clients with tls_min_version TLSv1.3", async () => {
    const rest = await startTestRest({ tls_min_version: "TLSv1.3" })
    try {
      expect(await handshake(rest.server.port, { ...TLS12, ciphers: "ECDHE-ECDSA-AES128-GCM-SHA256" })).toHaveProperty(
        "error",
      )
      expect(await handshake(rest.server.port, TLS12)).toHaveProperty("error")
      expect(await handshake(rest.server.port, {})).toMatchObject({ protocol: "TLSv1.3" })
      expect((await rest.send("/health-check", { method: "GET" })).status).toBe(200)
    } finally {
      await rest.close()
    }
  })
})
