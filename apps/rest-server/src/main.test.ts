import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { connect } from "node:tls"
import { spawnNode, type Spawned } from "@oxd/testkit"
import { describe, expect, it } from "vitest"

const main = new URL("./main.ts", import.meta.url).pathname

/** The REST server CLI as a user starts it, run from source with tsx. */
const startCli = (args: string[]): Promise<Spawned> =>
  spawnNode({ args: ["--conditions=source", "--import", "tsx", main, ...args], timeoutMs: 30_000 })

/** The fingerprint field of the log line, in JSON (the default) or pretty format. */
const FINGERPRINT = /sha256_fingerprint"?[:=]\s*"?((?:[0-9A-F]{2}:){31}[0-9A-F]{2})/

/** The fingerprint of the certificate the server presents. */
const served = (port: number) =>
  new Promise<string>((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port, rejectUnauthorized: false }, () => {
      resolve(socket.getPeerCertificate().fingerprint256)
      socket.destroy()
    })
    socket.on("error", reject)
  })

describe("oxd-rest-server CLI", () => {
  it("prints the REST options with --help", async () => {
    await using cli = await startCli(["--help"])
    expect(await cli.exited).toBe(0)
    for (const flag of ["--rest-port", "--rest-tls-cert-file", "--rest-cors-origins", "--rest-plain-http"])
      expect(cli.output()).toContain(flag)
  })

  it("serves HTTPS with a generated certificate, logs its fingerprint, reuses it after a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "oxd-rest-cli-"))
    const args = ["--rest-port", "0", "--database-url", ":memory:", "--rest-tls-dir", join(dir, "tls")]
    await using first = await startCli(args)
    const [, url] = await first.waitFor(/REST API on (https:\/\/127\.0\.0\.1:\d+)/)
    const [, fingerprint] = await first.waitFor(FINGERPRINT)
    expect(first.output()).toMatch(/certificate generated in/)
    expect(await served(Number(new URL(url!).port))).toBe(fingerprint)
    first.child.kill("SIGTERM")
    expect(await first.exited).toBe(0)

    await using second = await startCli(args)
    const [, url2] = await second.waitFor(/REST API on (https:\/\/127\.0\.0\.1:\d+)/)
    const [, fingerprint2] = await second.waitFor(FINGERPRINT)
    expect(second.output()).toMatch(/certificate reused in/)
    expect(fingerprint2).toBe(fingerprint)
    expect(await served(Number(new URL(url2!).port))).toBe(fingerprint)
  })

  it("refuses a certificate file without its key at start, naming the keys, exit 2", async () => {
    await using cli = await startCli([
      "--rest-port",
      "0",
      "--database-url",
      ":memory:",
      "--rest-tls-cert-file",
      "/nonexistent/cert.pem",
    ])
    expect(await cli.exited).toBe(2)
    expect(cli.output()).toContain("rest_tls_key_file")
  })
})
