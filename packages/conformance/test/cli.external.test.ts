import { mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { makeConfig, makeOxd, type Oxd } from "@oxd/core"
import { startTcpServer, type TcpServer } from "@oxd/tcp-server"
import { startTestOp, type TestOp } from "@oxd/test-op"
import { startOp } from "@oxd/testkit"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { scenarios, type SuiteResult } from "../src/index.js"
import { startBrokenServer } from "./support/brokenServer.js"
import { assertBuilt, killChildren, runCli } from "./support/processes.js"

/** Scenarios of a 3.1 run that are hardening as a whole: cross-site-state and issue 26's logout receiver ones. */
const HARDENING = 1 + scenarios.filter((s) => s.id.startsWith("logout-backchannel")).length

/** Our TCP server in this process, trusting `op`'s CA and allowing its origin. */
const startCore = async (op: TestOp, dir: string) => {
  const oxd: Oxd = makeOxd(
    makeConfig({
      database_url: `file:${join(dir, "oxd.db")}`,
      trusted_ca_file: op.caFile,
      allowed_op_hosts: [new URL(op.issuer).origin],
      log_level: "error",
    }),
  )
  await oxd.ready()
  const server: TcpServer = await startTcpServer(oxd, { host: "127.0.0.1", port: 0 })
  return {
    port: server.port,
    close: async () => {
      await server.close()
      await oxd.dispose()
    },
  }
}

const closers: Array<() => Promise<void>> = []
beforeAll(() => assertBuilt())
afterAll(async () => {
  killChildren()
  for (const close of closers.reverse()) await close().catch(() => undefined)
})

describe("oxd-conformance against a deliberately broken server", () => {
  it("exits non-zero and names each wrong answer: the command, what the spec says, what the server did", async () => {
    const dir = mkdtempSync(join(tmpdir(), "oxd-conformance-broken-"))
    const op = await startOp()
    closers.push(() => op.close())
    const core = await startCore(op, dir)
    closers.push(core.close)
    const broken = await startBrokenServer({ host: "127.0.0.1", port: core.port })
    closers.push(broken.close)

    const json = join(dir, "result.json")
    const run = await runCli([
      "--transport",
      "tcp",
      "--target",
      `127.0.0.1:${broken.port}`,
      "--op",
      op.issuer,
      "--ca",
      op.caFile,
      "--skip",
      "uma",
      "--skip",
      "id-token",
      "--reporter",
      "table",
      "--reporter",
      "json",
      "--out",
      json,
    ])
    expect(run.code).toBe(1)
    const last = run.stdout.trimEnd().split("\n").at(-1)
    // the default profile is reference (a server the suite did not start): cross-site-state, hardening as a whole, is not in it
    expect(last).toMatch(new RegExp(`^\\d+ passed, 4 failed, \\d+ skipped, ${HARDENING} not in the reference profile$`))
    expect(run.stdout).toContain(
      "○ tcp cross-site-state not in the reference profile: hardening: RFC 6749 §10.12 (CSRF)",
    )
    expect(run.stdout).toContain("✗ tcp reused-state")
    expect(run.stdout).toContain("get_tokens_by_code: expected error bad_request for a reused state, got status ok")
    expect(run.stdout).toContain("register_site: expected oxd_id to be a random UUID, got site-")
    expect(run.stdout).toContain(
      "get_authorization_url: expected error invalid_oxd_id for an unknown oxd_id, got status ok",
    )
    expect(run.stdout).toContain(
      "get_authorization_url: expected error invalid_oxd_id for a removed site, got status ok",
    )
    // the table repeats each failure with what the scenario checks, and the source of the failed assertion
    expect(run.stdout).toContain("    checks: get_tokens_by_code: bad_request for a reused state")
    expect(run.stdout).toMatch(
      / {4}source: reference: the state is invalidated by the exchange \(S\/op\/GetTokensByCodeOperation\.java:85\)/,
    )

    const result = JSON.parse(readFileSync(json, "utf8")) as SuiteResult
    const failed = result.transports[0]!.results.filter((r) => r.status === "failed")
      .map((r) => r.id)
      .sort()
    expect(failed).toEqual(["register-site", "remove-site", "reused-state", "unknown-oxd-id"])
    // what the broken server proxies faithfully still passes
    const passed = result.transports[0]!.results.filter((r) => r.status === "passed").map((r) => r.id)
    expect(passed).toEqual(
      expect.arrayContaining(["code-flow", "wrong-state", "update-site", "update-site-registration", "missing-param"]),
    )
    expect(result.profile).toBe("reference")
    expect(result.transports[0]!.results.find((r) => r.id === "cross-site-state")).toMatchObject({
      status: "not-in-profile",
    })
  }, 90_000)
})

describe("oxd-conformance with --op: an OP the suite did not start", () => {
  it("logs in through the form driver at a second test OP (its own CA and keys), all OIDC scenarios green", async () => {
    const dir = mkdtempSync(join(tmpdir(), "oxd-conformance-op2-"))
    const op2 = await startTestOp({ stateDir: join(dir, "op2") })
    closers.push(() => op2.close())
    const core = await startCore(op2, dir)
    closers.push(core.close)

    const json = join(dir, "result.json")
    const run = await runCli([
      "--transport",
      "tcp",
      "--target",
      `127.0.0.1:${core.port}`,
      "--op",
      op2.issuer,
      "--ca",
      op2.caFile,
      "--login",
      "form",
      "--only",
      "oidc",
      "--reporter",
      "json",
      "--out",
      json,
    ])
    expect(run.stdout).toContain(`OP ${op2.issuer}: control API found`)
    expect(run.stdout).toContain("login: form")
    expect(run.stdout.trimEnd().split("\n").at(-1)).toMatch(
      new RegExp(`^\\d+ passed, 0 failed, 2 skipped, ${HARDENING} not in the reference profile$`),
    )
    expect(run.code).toBe(0)
    const result = JSON.parse(readFileSync(json, "utf8")) as SuiteResult
    const results = result.transports[0]!.results
    expect(
      results
        .filter((r) => r.status === "skipped")
        .map((r) => r.id)
        .sort(),
    ).toEqual(["expired-state", "restart-survival"])
    expect(results.map((r) => r.id)).toEqual(
      expect.arrayContaining(["code-flow", "id-token-bad-signature", "id-token-key-rotation", "reused-state"]),
    )
    expect(results.every((r) => r.tags.includes("oidc"))).toBe(true)
  }, 90_000)
})
