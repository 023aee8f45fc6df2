import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { TestOp } from "@oxd/test-op"
import { startOp } from "@oxd/testkit"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { forApiOf, scenarios as allScenarios } from "../src/index.js"
import { assertBuilt, killChildren, runCli, startServerProcess } from "./support/processes.js"

/**
 * The suite as a product, black box: oxd-server from its built CLI and oxd-conformance from its built CLI, each in
 * its own process; only the test OP runs here (its control API is what the CLI finds and drives over HTTP).
 */
/** The 3.1 API's scenarios: those a run over tcp, https and ws lists (the 4.x API's are the reference-4 profile's). */
const scenarios = forApiOf(allScenarios, "strict")
let op: TestOp
let server: Awaited<ReturnType<typeof startServerProcess>>
let dir: string

beforeAll(async () => {
  assertBuilt()
  dir = mkdtempSync(join(tmpdir(), "oxd-conformance-blackbox-"))
  op = await startOp()
  server = await startServerProcess([
    "--port",
    "0",
    "--rest-port",
    "0",
    "--ws-port",
    "0",
    "--database-url",
    `file:${join(dir, "oxd.db")}`,
    "--rest-tls-dir",
    join(dir, "rest-tls"),
    "--default-op-host",
    op.issuer,
    "--trusted-ca-file",
    op.caFile,
    "--allowed-op-hosts",
    new URL(op.issuer).origin,
    "--protect-commands-with-access-token",
    "false",
  ])
  // one CA file for everything the CLI talks to over TLS: the OP's CA and the server's self-signed certificate
  writeFileSync(join(dir, "ca.pem"), `${op.caPem}\n${readFileSync(join(dir, "rest-tls", "cert.pem"), "utf8")}`)
})
afterAll(async () => {
  await server?.stop()
  killChildren()
  await op?.close()
})

describe("oxd-conformance against oxd-server, both from their built CLIs", () => {
  const targets = () => [
    "--transport",
    "tcp",
    "--transport",
    "https",
    "--transport",
    "ws",
    "--target",
    `tcp=${server.tcp}`,
    "--target",
    `https=${server.rest}`,
    "--target",
    `ws=${server.ws}`,
    "--op",
    op.issuer,
    "--ca",
    join(dir, "ca.pem"),
  ]

  it("passes every scenario it can run over tcp, https and ws in the strict profile, and writes a JUnit report", async () => {
    const junit = join(dir, "junit.xml")
    const run = await runCli([...targets(), "--profile", "strict", "--reporter", "junit", "--out", junit])
    const lines = run.stdout.trimEnd().split("\n")
    console.log(
      `oxd-conformance CLI: ${lines.filter((l) => /^ {2}\w+: \d+ passed/.test(l)).join(";")}; ${lines.at(-1)} in ${(run.ms / 1000).toFixed(1)} s`,
    )
    expect(run.stderr + run.stdout).not.toMatch(/✗/)
    expect(run.code).toBe(0)
    const summary = /^(\d+) passed, (\d+) failed, (\d+) skipped$/.exec(lines.at(-1) ?? "")
    expect(summary, `last line: ${lines.at(-1)}`).not.toBeNull()
    const [passed, failed, skipped] = summary!.slice(1).map(Number)
    expect(failed).toBe(0)
    expect(passed! + skipped!).toBe(3 * scenarios.length)
    // only what an external server cannot offer is skipped: restarts, a short state expiry, TCP protection (off), and
    // the back-channel logout scenarios (the suite hands logout tokens to a server it started itself, issue 26)
    const skips = lines.filter((l) => l.startsWith("− "))
    expect(
      skips.every((l) => /restart-survival|expired-state|tcp protection-|logout-backchannel/.test(l)),
      skips.join("\n"),
    ).toBe(true)
    const logout = scenarios.filter((s) => s.id.startsWith("logout-backchannel")).length
    expect(logout).toBeGreaterThan(0)
    expect(skipped).toBe(8 + 3 * logout)

    const xml = readFileSync(junit, "utf8")
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /)
    expect(xml).toContain(`tests="${3 * scenarios.length}" failures="0"`)
    expect(xml.match(/<testsuite /g)).toHaveLength(3)
    expect(xml.match(/<testcase /g)).toHaveLength(3 * scenarios.length)
    expect(xml.match(/<\/testcase>/g)).toHaveLength(3 * scenarios.length)
    for (const t of ["tcp", "https", "ws"]) expect(xml).toContain(`<testcase name="uma-need-info" classname="${t}"`)
    expect(xml).toMatch(
      /<testcase name="restart-survival" classname="https" time="0.000">\s*<properties>.*<\/properties>\s*<skipped message="the suite cannot restart the target"\/>/,
    )
    expect(xml.match(/<property name="profile" value="strict"\/>/g)).toHaveLength(3)
    expect(xml).toMatch(
      /<testcase name="cross-site-state" classname="tcp" time="[\d.]+">\s*<properties>.*<property name="source" value="hardening: RFC 6749 §10\.12 \(CSRF\)/,
    )
  }, 180_000)

  it("passes every scenario of the reference profile (the default) too; the hardening ones are not in it, and TAP says so", async () => {
    const tap = join(dir, "report.tap")
    const run = await runCli([...targets(), "--reporter", "table", "--reporter", "tap", "--out", tap])
    const lines = run.stdout.trimEnd().split("\n")
    expect(run.stderr + run.stdout).not.toMatch(/✗/)
    expect(run.code).toBe(0)
    expect(lines[1], "after the OP line").toMatch(/^profile reference: only what oxd 3\.1\.4 does is checked/)
    const hardening = scenarios.flatMap((s) =>
      s.source.kind === "hardening" ? [{ id: s.id, reason: s.source.reason }] : [],
    )
    expect(lines.at(-1)).toBe(
      `${3 * (scenarios.length - hardening.length) - 8} passed, 0 failed, 8 skipped, ${3 * hardening.length} not in the reference profile`,
    )
    for (const h of hardening)
      expect(lines).toContain(`○ ws ${h.id} not in the reference profile: hardening: ${h.reason}`)
    expect(
      lines.some((l) => /^✓ tcp code-flow \d+ ms \(4 hardening checks left out\)$/.test(l)),
      "code-flow leaves PKCE, the introspection and id_token_hint out",
    ).toBe(true)
    const report = readFileSync(tap, "utf8")
    expect(report).toMatch(/^TAP version 14\n1\.\.\d+\n# profile reference: /)
    expect(report).toContain(
      "- tcp cross-site-state # SKIP not in the reference profile: hardening: RFC 6749 §10.12 (CSRF)",
    )
    expect(report).toMatch(/ {4}- "○ .* — hardening: RFC 6749 §10\.12 \(CSRF\), §4\.1\.2: a state is single-use/)
  }, 180_000)

  it("passes the reference-4 profile over the 4.x REST API (https4) and over tcp, https and ws, listing only the 4.x scenarios", async () => {
    const run = await runCli([
      "--profile",
      "reference-4",
      ...targets(),
      "--transport",
      "https4",
      "--target",
      `https4=${server.rest4}`,
    ])
    const lines = run.stdout.trimEnd().split("\n")
    expect(run.stderr + run.stdout).not.toMatch(/✗/)
    expect(run.code).toBe(0)
    expect(lines[1], "after the OP line").toMatch(/^profile reference-4: only what oxd 4\.x does is checked/)
    const v4 = forApiOf(allScenarios, "reference-4")
    // the server runs with test_helpers_enabled off (the default): v4-test-helpers is skipped on every transport
    const helpers = v4.filter((s) => s.tags.includes("test-helpers"))
    const surface = v4.filter((s) => s.transports !== undefined)
    const commands = v4.filter((s) => !helpers.includes(s) && !surface.includes(s))
    expect(surface.length).toBeGreaterThan(0)
    expect(commands.length).toBeGreaterThan(0)
    for (const transport of ["tcp", "https", "ws", "https4"]) {
      for (const s of commands)
        expect(
          lines.some((l) => l.startsWith(`✓ ${transport} ${s.id} `)),
          `${transport} ${s.id}`,
        ).toBe(true)
      for (const s of helpers)
        expect(
          lines.some((l) => l.startsWith(`− ${transport} ${s.id} skipped: `)),
          `${transport} ${s.id}`,
        ).toBe(true)
      for (const s of surface) {
        const line =
          transport === "https4" ? `✓ https4 ${s.id} ` : `− ${transport} ${s.id} skipped: about the https4 API itself`
        expect(
          lines.some((l) => l.startsWith(line)),
          `${transport} ${s.id}`,
        ).toBe(true)
      }
    }
    const passed = 4 * commands.length + surface.length
    const skipped = 4 * helpers.length + 3 * surface.length
    expect(lines.at(-1)).toBe(`${passed} passed, 0 failed, ${skipped} skipped`)
  }, 180_000)
})
