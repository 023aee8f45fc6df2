import { mkdtempSync, writeFileSync } from "node:fs"
import { createServer } from "node:net"
import type { AddressInfo } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { PassThrough } from "node:stream"
import { makeConfig, makeOxd, type Oxd } from "@oxd/core"
import { startRestServer, type RestServer } from "@oxd/rest-server"
import { startTcpServer, type TcpServer } from "@oxd/tcp-server"
import type { TestOp } from "@oxd/test-op"
import { startOp } from "@oxd/testkit"
import { startWsServer, type WsServer } from "@oxd/ws-server"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { parseCliArgs } from "../src/cli/args.js"
import { runCli } from "../src/cli/run.js"
import { forApiOf, scenarios } from "../src/index.js"

/** The CLI in this process: exit code and what it wrote. */
const cli = async (args: string[]) => {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ""
  let err = ""
  stdout.on("data", (d: Buffer) => {
    out += d.toString()
  })
  stderr.on("data", (d: Buffer) => {
    err += d.toString()
  })
  const code = await runCli(args, { stdout, stderr, stdin: new PassThrough(), cwd: process.cwd() })
  return { code, out, err }
}

describe("oxd-conformance arguments", () => {
  it("defaults: all three transports at oxd-server's addresses, table reporter, 60 s per scenario", () => {
    expect(parseCliArgs([])).toMatchObject({
      transports: ["tcp", "https", "ws"],
      named: [],
      targets: {},
      reporters: ["table"],
      timeout: 60,
      login: undefined,
      protect: false,
      profile: "reference",
    })
  })

  it("targets per transport, a bare target for the one transport given or by its scheme", () => {
    expect(
      parseCliArgs(["--target", "tcp=127.0.0.1:9", "--target", "https=https://h:1", "--target", "ws=wss://h:2"])
        .targets,
    ).toEqual({ tcp: "127.0.0.1:9", https: "https://h:1", ws: "wss://h:2" })
    expect(parseCliArgs(["--transport", "https", "--target", "h:8443"])).toMatchObject({
      transports: ["https"],
      targets: { https: "h:8443" },
    })
    expect(parseCliArgs(["--target", "wss://h:1"])).toMatchObject({
      transports: ["ws"],
      named: ["ws"],
      targets: { ws: "wss://h:1" },
    })
    // a transport named with --transport or --target must answer
    expect(parseCliArgs(["--transport", "tcp", "--target", "https=https://h:1", "--transport", "https"]).named).toEqual(
      ["tcp", "https"],
    )
  })

  it("--profile: reference by default (a server the suite did not start), or strict", () => {
    expect(parseCliArgs(["--target", "tcp=127.0.0.1:9"]).profile).toBe("reference")
    expect(parseCliArgs(["--profile", "strict"]).profile).toBe("strict")
  })

  it("--profile reference-4: https4 by default; tcp, https and ws when named (the 4.x commands in the 3.1 envelope)", () => {
    expect(parseCliArgs(["--profile", "reference-4"])).toMatchObject({ transports: ["https4"], named: [] })
    expect(parseCliArgs(["--profile", "reference-4", "--transport", "tcp,ws,https,https4"])).toMatchObject({
      transports: ["tcp", "ws", "https", "https4"],
      named: ["tcp", "https", "ws", "https4"],
    })
    expect(
      parseCliArgs(["--profile", "reference-4", "--target", "tcp=127.0.0.1:9", "--target", "https4=https://h:8543"]),
    ).toMatchObject({
      transports: ["tcp", "https4"],
      named: ["tcp", "https4"],
      targets: { tcp: "127.0.0.1:9", https4: "https://h:8543" },
    })
  })

  it("reporters and their files", () => {
    expect(parseCliArgs(["--reporter", "junit", "--out", "r.xml"]).outs).toEqual({ junit: "r.xml" })
    expect(parseCliArgs(["--reporter", "table", "--out", "junit=r.xml", "--out", "json=r.json"])).toMatchObject({
      reporters: ["table", "junit", "json"],
      outs: { junit: "r.xml", json: "r.json" },
    })
    expect(parseCliArgs(["--login", "manual"]).timeout).toBe(600)
  })

  it.each([
    [["--transport", "smtp"], /--transport smtp: expected one of tcp, https, ws/],
    [["--transport", "tcp", "--transport", "ws", "--target", "h:1"], /say which transport/],
    [["--transport", "tcp", "--target", "ws=wss://h:1"], /--transport ws is not among tcp/],
    [["--reporter", "junit"], /junit writes XML to a file/],
    [["--reporter", "junit", "--reporter", "json", "--out", "x"], /say which reporter each file is for/],
    [["--login", "saml"], /--login saml: expected one of test-op, form, manual/],
    [["--timeout", "0"], /--timeout 0/],
    [["--bogus"], /Unknown option '--bogus'/],
    [["--profile", "lenient"], /--profile lenient: expected one of reference, strict/],
    [["--transport", "https4"], /only the reference-4 profile runs over it/],
    [["--profile", "strict", "--target", "https4=https://h:8543"], /only the reference-4 profile runs over it/],
  ])("refuses %j", (args, message) => {
    expect(() => parseCliArgs(args)).toThrow(message)
  })

  it("usage errors exit 2 with a pointer to --help; --help and --list exit 0", async () => {
    const bad = await cli(["--only", "no-such-scenario"])
    expect(bad.code).toBe(2)
    expect(bad.err).toContain(`no scenario id or tag "no-such-scenario" (see --list)`)
    expect(bad.err).toContain("--help")
    const help = await cli(["--help"])
    expect(help.code).toBe(0)
    for (const flag of [
      "--transport",
      "--target",
      "--op",
      "--ca",
      "--protect",
      "--profile",
      "--only",
      "--skip",
      "--reporter",
      "--out",
      "--timeout",
      "--login",
      "--username-field",
    ])
      expect(help.out).toContain(flag)
    expect(help.out).toMatch(/--profile P +reference \(default\): check only what the reference oxd 3\.1\.4 does/)
    const list = await cli(["--list"])
    expect(list.code).toBe(0)
    for (const s of scenarios) expect(list.out).toContain(`checks: ${s.checks}\n    source: ${s.source.kind}: `)
  })
})

describe("oxd-conformance when nothing answers", () => {
  let op: TestOp
  let closedPort: number
  beforeAll(async () => {
    op = await startOp()
    const s = createServer()
    await new Promise<void>((r) => s.listen(0, "127.0.0.1", r))
    closedPort = (s.address() as AddressInfo).port
    await new Promise((r) => s.close(r))
  })
  afterAll(async () => {
    await op?.close()
  })

  it("fails every scenario of a target named with --target that does not answer, naming the cause and the fix, and exits 1", async () => {
    const r = await cli([
      "--op",
      op.issuer,
      "--ca",
      op.caFile,
      "--target",
      `tcp=127.0.0.1:${closedPort}`,
      "--target",
      `https=https://127.0.0.1:${closedPort}`,
      "--target",
      `ws=wss://127.0.0.1:${closedPort}`,
    ])
    expect(r.code).toBe(1)
    expect(r.out).toContain(
      `✗ tcp register-site 0 ms — the tcp target 127.0.0.1:${closedPort} does not answer: connect ECONNREFUSED`,
    )
    expect(r.out).toContain("fix: nothing listens at this address: start the server, or correct --target tcp=…")
    // the default profile is reference: the scenarios that are hardening as a whole are not in it (nor failed); the
    // 4.x API's are not run at all
    const of31 = forApiOf(scenarios, "reference")
    const hardening = of31.filter((s) => s.source.kind === "hardening").length
    expect(r.out).toContain("profile reference: only what oxd 3.1.4 does is checked")
    expect(r.out.trimEnd().split("\n").at(-1)).toBe(
      `0 passed, ${3 * (of31.length - hardening)} failed, 0 skipped, ${3 * hardening} not in the reference profile`,
    )
  })

  it("exits 1 naming the OP when --op does not answer", async () => {
    const r = await cli(["--op", `https://127.0.0.1:${closedPort}`, "--target", `tcp=127.0.0.1:${closedPort}`])
    expect(r.code).toBe(1)
    expect(r.err).toContain(`the OP https://127.0.0.1:${closedPort} cannot be used`)
    expect(r.err).toContain("ECONNREFUSED")
  })

  it("without --op starts the bundled test OP and says how to point the server at it", async () => {
    const r = await cli([
      "--op-state-dir",
      ".oxd/test-op",
      "--target",
      `tcp=127.0.0.1:${closedPort}`,
      "--only",
      "register-site",
    ])
    expect(r.out).toMatch(
      /started the bundled test OP[\s\S]*issuer {3}https:\/\/127\.0\.0\.1:\d+[\s\S]*CA file {2}\S+ca\.pem[\s\S]*--trusted-ca-file /,
    )
    expect(r.code).toBe(1)
  })
})

/** Our server on one core over TCP, HTTPS and WebSocket (self-signed certificate), trusting `op`. */
const startServers = async (op: TestOp) => {
  const dir = mkdtempSync(join(tmpdir(), "oxd-conformance-cli-ca-"))
  const oxd: Oxd = makeOxd(
    makeConfig({
      database_url: `file:${join(dir, "oxd.db")}`,
      trusted_ca_file: op.caFile,
      allowed_op_hosts: [new URL(op.issuer).origin],
      rest_tls_dir: join(dir, "tls"),
      log_level: "error",
    }),
  )
  await oxd.ready()
  const tcp: TcpServer = await startTcpServer(oxd, { host: "127.0.0.1", port: 0 })
  const rest: RestServer = await startRestServer(oxd, { host: "127.0.0.1", port: 0 })
  const ws: WsServer = await startWsServer(oxd, { host: "127.0.0.1", port: 0 })
  const certFile = join(dir, "rest-cert.pem")
  writeFileSync(certFile, rest.tls!.certPem)
  return {
    tcp: `127.0.0.1:${tcp.port}`,
    rest: rest.url,
    ws: ws.url,
    certFile,
    close: async () => {
      await ws.close()
      await rest.close()
      await tcp.close()
      await oxd.dispose()
    },
  }
}

describe("oxd-conformance when the server's certificate is not trusted (a forgotten --ca)", () => {
  let op: TestOp
  let servers: Awaited<ReturnType<typeof startServers>>
  beforeAll(async () => {
    op = await startOp()
    servers = await startServers(op)
  }, 60_000)
  afterAll(async () => {
    await servers?.close()
    await op?.close()
  })

  it("fails https and ws — naming each transport, the certificate and --ca — while tcp passes, and exits 1; with --ca for the certificate, all pass", async () => {
    const args = [
      "--op",
      op.issuer,
      "--ca",
      op.caFile,
      "--target",
      `tcp=${servers.tcp}`,
      "--target",
      `https=${servers.rest}`,
      "--target",
      `ws=${servers.ws}`,
      "--only",
      "register-site",
    ]
    const without = await cli(args)
    expect(without.code).toBe(1)
    expect(without.out).toMatch(/^✓ tcp register-site \d+ ms$/m)
    for (const [transport, address] of [
      ["https", servers.rest],
      ["ws", servers.ws],
    ] as const) {
      expect(without.out).toMatch(
        new RegExp(
          `^✗ ${transport} register-site 0 ms — the ${transport} target ${address.replace(/[.]/g, "\\.").replace(/\/$/, "")} does not answer: .*certificate.* — fix: the server's TLS certificate is not trusted: pass it, or the CA that issued it, with --ca <file>`,
          "m",
        ),
      )
    }
    expect(without.out.trimEnd().split("\n").at(-1)).toBe("1 passed, 2 failed, 0 skipped")

    const withCa = await cli([...args, "--ca", servers.certFile])
    expect(withCa.out.trimEnd().split("\n").at(-1)).toBe("3 passed, 0 failed, 0 skipped")
    expect(withCa.code).toBe(0)
  }, 120_000)
})
