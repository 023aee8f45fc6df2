import { mkdtempSync, readFileSync } from "node:fs"
import { request as httpsRequest } from "node:https"
import { connect } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { configKeys } from "@oxd/core"
import { legacyFrame, LegacyReplyReader } from "@oxd/wire/frame"
import { spawnNode, type Spawned } from "@oxd/testkit"
import { afterEach, describe, expect, it } from "vitest"

const root = new URL("../../../", import.meta.url).pathname
const main = new URL("./main.ts", import.meta.url).pathname
const children: Spawned[] = []

/** The server CLI as a user starts it, run from source with tsx. */
const startCli = async (args: string[], env: Record<string, string> = {}) => {
  const cli = await spawnNode({
    args: ["--conditions=source", "--import", "tsx", main, ...args],
    cwd: root,
    timeoutMs: 30_000,
    env,
  })
  children.push(cli)
  return cli
}

const call = (port: number, command: string, params: unknown) =>
  new Promise<{ status: string; data: Record<string, unknown> }>((resolve, reject) => {
    const s = connect({ host: "127.0.0.1", port }, () => s.write(legacyFrame(JSON.stringify({ command, params }))))
    const replies = new LegacyReplyReader()
    s.on("data", (d: Buffer) => {
      const [first] = replies.push(d)
      if (first) {
        resolve(JSON.parse(first.json) as { status: string; data: Record<string, unknown> })
        s.end()
      }
    })
    s.on("error", reject)
  })

afterEach(async () => {
  await Promise.all(children.splice(0).map((c) => c.stop("SIGKILL")))
})

describe("oxd-server CLI", () => {
  it("prints every configuration key with --help and exits 0", async () => {
    const cli = await startCli(["--help"])
    expect(await cli.exited).toBe(0)
    for (const k of configKeys) expect(cli.output()).toContain(`--${k.name.replaceAll("_", "-")}`)
  })

  it("refuses an invalid value at start, naming the key and its source, exit 2", async () => {
    const cli = await startCli([], { OXD_PORT: "not-a-port" })
    expect(await cli.exited).toBe(2)
    expect(cli.output()).toContain("OXD_PORT")
    expect(cli.output()).toContain(`"port"`)
  })

  it("refuses an unknown flag with a pointer to --help, exit 2", async () => {
    const cli = await startCli(["--prot", "1"])
    expect(await cli.exited).toBe(2)
    expect(cli.output()).toContain("--help")
  })

  it("serves the TCP protocol on the configured port and stops cleanly on SIGTERM", async () => {
    const dir = mkdtempSync(join(tmpdir(), "oxd-server-cli-"))
    const cli = await startCli([
      "--port",
      "0",
      "--database-url",
      `file:${join(dir, "oxd.db")}`,
      "--rest-port",
      "0",
      "--ws-port",
      "0",
      "--rest-tls-dir",
      join(dir, "rest-tls"),
    ])
    const [, port] = await cli.waitFor(/TCP protocol on 127\.0\.0\.1:(\d+)/)
    const reply = await call(Number(port), "get_authorization_url", {})
    // the reference's error data always carries details, null here (ErrorResponse.java:22-27)
    expect(reply).toEqual({
      status: "error",
      data: { error: "bad_request", error_description: expect.stringContaining("oxd_id"), details: null },
    })
    await cli.waitFor(/oxd-server ready/)
    cli.child.kill("SIGTERM")
    expect(await cli.exited).toBe(0)
    expect(cli.output()).toContain("SIGTERM")
  })

  it("serves the REST API beside TCP on the same core, over HTTPS with a logged certificate fingerprint", async () => {
    const dir = mkdtempSync(join(tmpdir(), "oxd-server-cli-"))
    const cli = await startCli([
      "--port",
      "0",
      "--database-url",
      `file:${join(dir, "oxd.db")}`,
      "--rest-port",
      "0",
      "--ws-port",
      "0",
      "--rest-tls-dir",
      join(dir, "rest-tls"),
    ])
    const [, url] = await cli.waitFor(/REST API on (https:\/\/127\.0\.0\.1:\d+)/)
    await cli.waitFor(/sha256_fingerprint"?[:=]\s*"?([0-9A-F]{2}:){31}[0-9A-F]{2}/)
    const [, tcpPort] = await cli.waitFor(/TCP protocol on 127\.0\.0\.1:(\d+)/)
    const ca = readFileSync(join(dir, "rest-tls", "cert.pem"), "utf8")
    const health = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpsRequest(`${url}/health-check`, { ca }, (res) => {
        let body = ""
        res.on("data", (d: Buffer) => {
          body += d.toString()
        })
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }))
      })
      req.on("error", reject)
      req.end()
    })
    expect(health.status).toBe(200)
    // the reference's answer (oxd-https-extension RestResource.java:29-34, H15)
    expect(health.body).toBe("running")
    expect((await call(Number(tcpPort), "get_authorization_url", {})).data["error"]).toBe("bad_request")
    await cli.waitFor(/oxd-server ready/)
    cli.child.kill("SIGTERM")
    expect(await cli.exited).toBe(0)
  })

  it("documents every configuration key in the README", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8")
    for (const k of configKeys) expect(readme).toContain(`\`${k.name}\``)
  })
})
