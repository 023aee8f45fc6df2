import { createHash, X509Certificate } from "node:crypto"
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { connect } from "node:tls"
import { describe, expect, it } from "vitest"
import { certificateNames, loadRestTls, RestTlsError } from "./tls.js"
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
  it("is generated self-signed on first start, kept in rest_tls_dir (key 0600) and reused after", async () => {
    const dir = tmp()
    const first = await loadRestTls({ dir })
    expect(first.origin).toBe("generated")
    expect(first.certFile).toBe(join(dir, "cert.pem"))
    expect(statSync(join(dir, "key.pem")).mode & 0o777).toBe(0o600)
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
      await expect(send({ ...rest.server, tls: { ...tls, certPem: (await loadRestTls({ dir: tmp() })).certPem } }, "/health-check", { method: "GET" })).rejects.toThrow()
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
    const configured = await loadRestTls({ certFile: join(dir, "my-cert.pem"), keyFile: join(dir, "my-key.pem"), dir: tmp() })
    expect(configured.origin).toBe("configured")
    expect(configured.fingerprint).toBe(made.fingerprint)
    const rest = await startTestRest({ rest_tls_cert_file: join(dir, "my-cert.pem"), rest_tls_key_file: join(dir, "my-key.pem") })
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
    await expect(loadRestTls({ certFile: join(dir, "cert.pem"), keyFile: join(dir, "other-key.pem"), dir: tmp() })).rejects.toThrow(/not the key/)
    await expect(loadRestTls({ certFile: join(dir, "junk.pem"), keyFile: join(dir, "other-key.pem"), dir: tmp() })).rejects.toThrow(RestTlsError)
    await expect(loadRestTls({ certFile: join(dir, "missing.pem"), keyFile: join(dir, "other-key.pem"), dir: tmp() })).rejects.toThrow(/cannot read/)
    expect(readFileSync(join(dir, "cert.pem"), "utf8")).toBe(a.certPem)
  })
})
