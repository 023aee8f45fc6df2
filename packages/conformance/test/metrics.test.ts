/**
 * A metrics scrape after a conformance run: the conformance scenarios (sign-in, states, UMA, errors) over the legacy
 * TCP protocol and the REST API of one core against the test OP, then GET /metrics on the REST API, whose counters
 * must show what the run did. Reproduce: pnpm --filter @oxd/conformance exec vitest run test/metrics.test.ts
 */
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { makeConfig, makeOxd, type Oxd } from "@oxd/core"
import { startRestServer, type RestServer } from "@oxd/rest-server"
import { startTcpServer, type TcpServer } from "@oxd/tcp-server"
import type { TestOp } from "@oxd/test-op"
import { startOp } from "@oxd/testkit"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { runSuite, type SuiteResult } from "../src/index.js"
import { testOpDriver } from "../src/drivers/testOp.js"

let op: TestOp
let oxd: Oxd
let tcp: TcpServer
let rest: RestServer

beforeAll(async () => {
  op = await startOp()
  const dir = mkdtempSync(join(tmpdir(), "oxd-conformance-metrics-"))
  oxd = makeOxd(
    makeConfig({
      database_url: `file:${join(dir, "oxd.db")}`,
      trusted_ca_file: op.caFile,
      allowed_op_hosts: [new URL(op.issuer).origin],
      log_level: "error",
    }),
  )
  await oxd.ready()
  tcp = await startTcpServer(oxd, { host: "127.0.0.1", port: 0 })
  rest = await startRestServer(oxd, { host: "127.0.0.1", port: 0, plainHttp: true })
})
afterAll(async () => {
  await rest?.close()
  await tcp?.close()
  await oxd?.dispose()
  await op?.close()
})

/** Prometheus text → the value of each series, keyed `name{labels as written}`. */
const series = (text: string): Map<string, number> =>
  new Map(
    text
      .split("\n")
      .filter((l) => l && !l.startsWith("#"))
      .map((l) => {
        const at = l.lastIndexOf(" ")
        return [l.slice(0, at), Number(l.slice(at + 1))] as const
      }),
  )

/** The sum of a metric's series whose labels include every `labels` pair. */
const total = (all: Map<string, number>, name: string, labels: Record<string, string>): number => {
  let sum = 0
  for (const [key, value] of all) {
    if (!key.startsWith(`${name}{`) && key !== name) continue
    if (Object.entries(labels).every(([k, v]) => key.includes(`${k}="${v}"`))) sum += value
  }
  return sum
}

describe("metrics after a conformance run", () => {
  it("counts commands by name, transport and outcome, OP calls and connections", async () => {
    const result: SuiteResult = await runSuite({
      op: testOpDriver(op),
      profile: "strict", // our own server
      transports: ["tcp", "https"],
      targets: { tcp: `127.0.0.1:${tcp.port}`, https: rest.url },
      only: [
        "code-flow",
        "reused-state",
        "wrong-state",
        "register-site",
        "missing-param",
        "unknown-command",
        "uma-flow",
      ],
    })
    expect(
      result.failed,
      JSON.stringify(result.transports.flatMap((t) => t.results.filter((r) => r.status === "failed"))),
    ).toBe(0)
    expect(result.passed).toBe(14) // 7 scenarios × 2 transports

    const res = await fetch(`${rest.url}/metrics`)
    expect(res.status).toBe(200)
    const text = await res.text()
    const m = series(text)
    for (const transport of ["tcp", "https"]) {
      // code-flow and reused-state each sign in once per transport
      expect(
        total(m, "oxd_commands_total", { command: "get_tokens_by_code", transport, outcome: "ok" }),
        transport,
      ).toBeGreaterThanOrEqual(2)
      expect(
        total(m, "oxd_commands_total", { command: "get_tokens_by_code", transport, outcome: "bad_request" }),
        transport,
      ).toBeGreaterThanOrEqual(2) // the refused states (reference: "'state' is not registered.")
      expect(
        total(m, "oxd_commands_total", { command: "register_site", transport, outcome: "ok" }),
        transport,
      ).toBeGreaterThanOrEqual(3)
      expect(
        total(m, "oxd_commands_total", { command: "uma_rs_check_access", transport, outcome: "ok" }),
        transport,
      ).toBeGreaterThanOrEqual(1)
      expect(
        total(m, "oxd_command_duration_seconds_count", { command: "get_tokens_by_code", transport }),
        transport,
      ).toBe(total(m, "oxd_commands_total", { command: "get_tokens_by_code", transport }))
    }
    // an unknown command over TCP (over REST an unknown path is refused before any command runs)
    expect(
      total(m, "oxd_commands_total", { command: "unknown", transport: "tcp", outcome: "unsupported_operation" }),
    ).toBeGreaterThanOrEqual(1)
    const opHost = new URL(op.issuer).origin
    for (const endpoint of ["discovery", "registration", "token", "jwks"]) {
      expect(total(m, "oxd_op_requests_total", { host: opHost, endpoint, outcome: "2xx" }), endpoint).toBeGreaterThan(0)
    }
    expect(total(m, "oxd_op_request_duration_seconds_count", { host: opHost })).toBe(
      total(m, "oxd_op_requests_total", { host: opHost }),
    )
    expect(m.has('oxd_open_connections{transport="tcp"}')).toBe(true)
    // states are sealed: there is no store of pending ones to count
    expect(m.has("oxd_pending_states")).toBe(false)
    // the OP's discovery and keys are fetched once per OP and reused after
    expect(total(m, "oxd_cache_requests_total", { cache: "discovery", result: "hit" })).toBeGreaterThan(0)
    expect(total(m, "oxd_cache_requests_total", { cache: "jwks", result: "hit" })).toBeGreaterThan(0)
    expect(total(m, "oxd_open_connections", { transport: "https" })).toBeGreaterThanOrEqual(1) // the scrape's own
    // only known command names become labels: the unknown one is "unknown", whatever it was called
    expect(
      [...m.keys()].filter((k) => k.startsWith("oxd_commands_total{")).every((k) => /command="[a-z_]+"/.test(k)),
    ).toBe(true)
  }, 180_000)
})
