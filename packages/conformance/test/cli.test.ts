import { createServer } from "node:net"
import type { AddressInfo } from "node:net"
import { PassThrough } from "node:stream"
import { startTestOp, type TestOp } from "@oxd/test-op"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { parseCliArgs } from "../src/cli/args.js"
import { runCli } from "../src/cli/run.js"
import { scenarios } from "../src/index.js"

/** The CLI in this process: exit code and what it wrote. */
const cli = async (args: string[]) => {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ""
  let err = ""
  stdout.on("data", (d: Buffer) => { out += d.toString() })
  stderr.on("data", (d: Buffer) => { err += d.toString() })
  const code = await runCli(args, { stdout, stderr, stdin: new PassThrough(), cwd: process.cwd() })
  return { code, out, err }
}

describe("oxd-conformance arguments", () => {
  it("defaults: all three transports at oxd-server's addresses, table reporter, 60 s per scenario", () => {
    expect(parseCliArgs([])).toMatchObject({ transports: ["tcp", "https", "ws"], targets: {}, reporters: ["table"], timeout: 60, login: undefined, protect: false })
  })

  it("targets per transport, a bare target for the one transport given or by its scheme", () => {
    expect(parseCliArgs(["--target", "tcp=127.0.0.1:9", "--target", "https=https://h:1", "--target", "ws=wss://h:2"]).targets)
      .toEqual({ tcp: "127.0.0.1:9", https: "https://h:1", ws: "wss://h:2" })
    expect(parseCliArgs(["--transport", "https", "--target", "h:8443"])).toMatchObject({ transports: ["https"], targets: { https: "h:8443" } })
    expect(parseCliArgs(["--target", "wss://h:1"])).toMatchObject({ transports: ["ws"], targets: { ws: "wss://h:1" } })
  })

  it("reporters and their files", () => {
    expect(parseCliArgs(["--reporter", "junit", "--out", "r.xml"]).outs).toEqual({ junit: "r.xml" })
    expect(parseCliArgs(["--reporter", "table", "--out", "junit=r.xml", "--out", "json=r.json"])).toMatchObject({ reporters: ["table", "junit", "json"], outs: { junit: "r.xml", json: "r.json" } })
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
    for (const flag of ["--transport", "--target", "--op", "--ca", "--protect", "--only", "--skip", "--reporter", "--out", "--timeout", "--login", "--username-field"]) expect(help.out).toContain(flag)
    const list = await cli(["--list"])
    expect(list.code).toBe(0)
    for (const s of scenarios) expect(list.out).toContain(`checks: ${s.checks}`)
  })
})

describe("oxd-conformance when nothing answers", () => {
  let op: TestOp
  let closedPort: number
  beforeAll(async () => {
    op = await startTestOp({ stateDir: ".oxd/test-op" })
    const s = createServer()
    await new Promise<void>((r) => s.listen(0, "127.0.0.1", r))
    closedPort = (s.address() as AddressInfo).port
    await new Promise((r) => s.close(r))
  })
  afterAll(async () => { await op?.close() })

  it("skips every scenario of an unreachable target with the reason, and exits 1: nothing was checked", async () => {
    const r = await cli(["--op", op.issuer, "--ca", op.caFile, "--target", `tcp=127.0.0.1:${closedPort}`, "--target", `https=https://127.0.0.1:${closedPort}`, "--target", `ws=wss://127.0.0.1:${closedPort}`])
    expect(r.code).toBe(1)
    expect(r.out).toContain(`− tcp register-site skipped: the tcp target 127.0.0.1:${closedPort} does not answer: connect ECONNREFUSED`)
    expect(r.out).toContain("Nothing was checked")
    expect(r.out.trimEnd().split("\n").at(-1)).toBe(`0 passed, 0 failed, ${3 * scenarios.length} skipped`)
  })

  it("exits 1 naming the OP when --op does not answer", async () => {
    const r = await cli(["--op", `https://127.0.0.1:${closedPort}`, "--target", `tcp=127.0.0.1:${closedPort}`])
    expect(r.code).toBe(1)
    expect(r.err).toContain(`the OP https://127.0.0.1:${closedPort} cannot be used`)
    expect(r.err).toContain("ECONNREFUSED")
  })

  it("without --op starts the bundled test OP and says how to point the server at it", async () => {
    const r = await cli(["--op-state-dir", ".oxd/test-op", "--target", `tcp=127.0.0.1:${closedPort}`, "--only", "register-site"])
    expect(r.out).toMatch(/started the bundled test OP[\s\S]*issuer {3}https:\/\/127\.0\.0\.1:\d+[\s\S]*CA file {2}\S+ca\.pem[\s\S]*--trusted-ca-file /)
    expect(r.code).toBe(1)
  })
})
