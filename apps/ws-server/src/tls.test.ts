import { spawnSync } from "node:child_process"
import { mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { connect as tlsConnect, type ConnectionOptions } from "node:tls"
import { configKeys, makeConfig } from "@oxd/core"
import type { TestOp } from "@oxd/test-op"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { loadWsTls, WsTlsError } from "./tls.js"
import { connect, oxdError, startOp, startServer } from "./test-support/ws.js"

let op: TestOp
beforeAll(async () => {
  op = await startOp()
})
afterAll(async () => {
  await op?.close()
})

describe("wss://", () => {
  it("serves TLS with the REST API's generated certificate by default, kept in rest_tls_dir", async () => {
    const dir = mkdtempSync(join(tmpdir(), "oxd-ws-tls-"))
    const running = await startServer(op, { config: { rest_tls_dir: join(dir, "tls") } })
    try {
      expect(running.server.protocol).toBe("wss")
      expect(running.server.url).toMatch(/^wss:\/\/127\.0\.0\.1:\d+$/)
      expect(running.server.tls?.origin).toBe("generated")
      expect(running.server.tls?.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/)
      expect(readFileSync(join(dir, "tls", "cert.pem"), "utf8")).toBe(running.server.tls?.certPem)
      const c = connect(running.server)
      expect((await oxdError(c.trpc.getAuthorizationUrl.mutate({ oxd_id: "x" }))).error).toBe(
        "blank_protection_access_token",
      )
      await c.close()
    } finally {
      await running.close()
    }
  })

  it("serves ws_tls_cert_file/ws_tls_key_file when given, and refuses one without the other", async () => {
    const dir = mkdtempSync(join(tmpdir(), "oxd-ws-tls-"))
    const generated = await loadWsTls(makeConfig({ rest_tls_dir: dir }), "127.0.0.1")
    const own = await loadWsTls(
      makeConfig({ ws_tls_cert_file: join(dir, "cert.pem"), ws_tls_key_file: join(dir, "key.pem") }),
      "127.0.0.1",
    )
    expect(own).toMatchObject({ origin: "configured", fingerprint: generated.fingerprint })
    await expect(loadWsTls(makeConfig({ ws_tls_cert_file: join(dir, "cert.pem") }), "127.0.0.1")).rejects.toThrow(
      WsTlsError,
    )
    await expect(
      loadWsTls(
        makeConfig({ ws_tls_cert_file: join(dir, "cert.pem"), ws_tls_key_file: join(dir, "cert.pem") }),
        "127.0.0.1",
      ),
    ).rejects.toThrow(/ws_tls_key_file/)
  })
})

/** The TLS version and suite agreed with the server on `port`, or the error that ended the handshake. */
const handshake = (port: number, opts: ConnectionOptions) =>
  new Promise<{ protocol: string | null; cipher: string } | { error: string }>((resolve) => {
    const socket = tlsConnect({ host: "127.0.0.1", port, rejectUnauthorized: false, ...opts }, () => {
      resolve({ protocol: socket.getProtocol(), cipher: socket.getCipher().name })
      socket.destroy()
    })
    socket.on("error", (e: Error & { code?: string }) => resolve({ error: e.code ?? e.message }))
  })

describe("wss:// TLS versions and suites (the REST API's policy)", () => {
  it("refuses a CBC suite on TLS 1.2, takes ECDHE-ECDSA-AES128-GCM-SHA256, and only TLS 1.3 with tls_min_version TLSv1.3", async () => {
    const dir = mkdtempSync(join(tmpdir(), "oxd-ws-tls-"))
    const v12 = await startServer(op, { config: { rest_tls_dir: join(dir, "tls") } })
    const v13 = await startServer(op, { config: { rest_tls_dir: join(dir, "tls"), tls_min_version: "TLSv1.3" } })
    try {
      const { port } = v12.server
      expect(await handshake(port, { maxVersion: "TLSv1.2", ciphers: "ECDHE-ECDSA-AES128-SHA256" })).toHaveProperty(
        "error",
      )
      expect(await handshake(port, { maxVersion: "TLSv1.2", ciphers: "ECDHE-ECDSA-AES128-CCM8" })).toHaveProperty(
        "error",
      )
      expect(await handshake(port, { maxVersion: "TLSv1.2", ciphers: "ECDHE-ECDSA-AES128-GCM-SHA256" })).toEqual({
        protocol: "TLSv1.2",
        cipher: "ECDHE-ECDSA-AES128-GCM-SHA256",
      })
      expect(await handshake(v13.server.port, { maxVersion: "TLSv1.2" })).toHaveProperty("error")
      expect(await handshake(v13.server.port, {})).toMatchObject({ protocol: "TLSv1.3" })
    } finally {
      await v12.close()
      await v13.close()
    }
  })
})

describe("oxd-ws-server CLI", () => {
  it("prints every configuration key with --help", () => {
    const main = new URL("./main.ts", import.meta.url).pathname
    const r = spawnSync(process.execPath, ["--conditions=source", "--import", "tsx", main, "--help"], {
      encoding: "utf8",
    })
    expect(r.status).toBe(0)
    for (const k of configKeys) expect(r.stdout).toContain(`--${k.name.replaceAll("_", "-")}`)
    expect(r.stdout).toContain("connection params")
  })
})
