import { X509Certificate } from "node:crypto"
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs"
import * as https from "node:https"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { ensureCertificates } from "./certs.js"
import { startTestOp } from "./server.js"

const dirs: string[] = []
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "test-op-certs-"))
  dirs.push(dir)
  return dir
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

describe("certificates", () => {
  it("generates once under concurrent first starts and keeps private keys private", async () => {
    const dir = freshDir()
    const results = await Promise.all([ensureCertificates(dir), ensureCertificates(dir), ensureCertificates(dir)])
    expect(new Set(results.map((r) => r.caPem)).size).toBe(1)
    expect(new Set(results.map((r) => r.certPem)).size).toBe(1)
    expect(results[0]!.caFile).toBe(join(dir, "tls", "ca.pem"))
    expect(readFileSync(results[0]!.caFile, "utf8")).toBe(results[0]!.caPem)
    expect(statSync(join(dir, "tls", "server-key.pem")).mode & 0o077).toBe(0)
    expect(statSync(join(dir, "tls", "ca-key.pem")).mode & 0o077).toBe(0)
    const cert = new X509Certificate(results[0]!.certPem)
    expect(cert.verify(new X509Certificate(results[0]!.caPem).publicKey)).toBe(true)
  })

  it("serves with the state dir's CA, which clients pass as `ca` (string or Buffer)", async () => {
    const dir = freshDir()
    const op = await startTestOp({ stateDir: dir })
    try {
      expect(op.caFile).toBe(join(dir, "tls", "ca.pem"))
      const body = await new Promise<string>((resolve, reject) => {
        https
          .get(`${op.issuer}/.well-known/openid-configuration`, { ca: readFileSync(op.caFile) }, (res) => {
            let data = ""
            res.on("data", (c: Buffer) => (data += c.toString()))
            res.on("end", () => resolve(data))
          })
          .on("error", reject)
      })
      expect(JSON.parse(body).issuer).toBe(op.issuer)
    } finally {
      await op.close()
    }
  })
})
