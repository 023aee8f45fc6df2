/**
 * docs/grafana/oxd-ts.json queries only what oxd-server exports: every PromQL expression in it parses (Prometheus's
 * own grammar, @prometheus-io/lezer-promql) and every metric it names is in the /metrics of a started server that
 * has answered commands on each transport and called the OP (so every series family exists).
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { parser } from "@prometheus-io/lezer-promql"
import type { TestOp } from "@oxd/test-op"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startOp, startServerWithAdmin, stopAll, tempDir, type AdminServer } from "./test-support/child.js"

const dashboardFile = new URL("../../../docs/grafana/oxd-ts.json", import.meta.url)
const dashboard = JSON.parse(readFileSync(dashboardFile, "utf8")) as Record<string, any>

/** Grafana's variables, as Grafana puts values in before Prometheus sees the query. */
const substitute = (expr: string) =>
  expr
    .replaceAll("$__rate_interval", "5m")
    .replaceAll("$__interval", "1m")
    .replaceAll("$__range", "1h")
    .replaceAll("$instance", ".*")

/** Every query of the dashboard: panel targets (rows' nested panels too) and the query variables' label_values(). */
const queries = (): Array<{ where: string; expr: string }> => {
  const out: Array<{ where: string; expr: string }> = []
  const walk = (panels: any[]) => {
    for (const p of panels ?? []) {
      for (const t of p.targets ?? []) out.push({ where: `${p.title} ${t.refId}`, expr: t.expr })
      walk(p.panels)
    }
  }
  walk(dashboard["panels"])
  for (const v of dashboard["templating"]?.list ?? []) {
    if (v.type !== "query") continue
    const q: string = typeof v.query === "string" ? v.query : v.query.query
    const m = /^label_values\((.+),\s*\w+\)$/.exec(q)
    out.push({ where: `variable ${v.name}`, expr: m ? m[1]! : q })
  }
  return out
}

/** The metric names a PromQL expression selects; throws on a syntax error, naming where. */
const metricNames = (expr: string): string[] => {
  const text = substitute(expr)
  const tree = parser.parse(text)
  const names: string[] = []
  tree.iterate({
    enter: (n) => {
      if (n.type.isError) throw new Error(`PromQL syntax error at ${n.from} in: ${text}`)
      if (n.name === "Identifier" && n.node.parent?.name === "VectorSelector") names.push(text.slice(n.from, n.to))
    },
  })
  return names
}

/** The names of the samples in a Prometheus text exposition. */
const exported = (text: string) =>
  new Set(
    text
      .split("\n")
      .filter((l) => l && !l.startsWith("#"))
      .map((l) => /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(l)![0]),
  )

describe("the Grafana dashboard's queries", () => {
  it("are many, and the checker catches a syntax error and finds each metric name", () => {
    expect(queries().length).toBeGreaterThan(15)
    expect(() => metricNames("sum(rate(oxd_commands_total[5m])")).toThrow(/syntax error/)
    expect(
      metricNames('histogram_quantile(0.9, sum by (le) (rate(a_bucket{x=~"$instance"}[$__rate_interval]))) / b'),
    ).toEqual(["a_bucket", "b"])
  })

  it("every expression parses as PromQL and names at least one metric", () => {
    for (const q of queries()) expect(metricNames(q.expr).length, `${q.where}: ${q.expr}`).toBeGreaterThan(0)
  })
})

describe("against a started oxd-server's /metrics", () => {
  let op: TestOp
  let server: AdminServer | undefined
  beforeAll(async () => {
    op = await startOp()
    server = await startServerWithAdmin(op, join(tempDir("oxd-grafana-"), "oxd.db"))
    // commands on every transport, an error among them, OP calls (discovery, registration, token) and cache lookups
    const setup = await server.https().call("setup_client", {
      op_host: op.issuer,
      authorization_redirect_uri: "https://rp.example.org/cb",
    })
    const token = (await server.https().call("get_client_token", {
      op_host: op.issuer,
      client_id: setup.client_id,
      client_secret: setup.client_secret,
    })) as { access_token: string }
    await server.tcp(token.access_token).call("get_authorization_url", { oxd_id: setup.oxd_id })
    await server.ws(token.access_token).call("get_authorization_url", { oxd_id: setup.oxd_id })
    await server
      .tcp()
      .call("get_authorization_url", { oxd_id: "no-such-site" })
      .catch(() => undefined)
  }, 90_000)
  afterAll(async () => {
    await server?.closeClients()
    await stopAll(server, op)
  })

  it("exports every metric the dashboard names", async () => {
    const text = await (await fetch(`${server!.adminUrl}/metrics`)).text()
    const names = exported(text)
    // the families the dashboard is about are all there, not only what it happens to ask
    for (const family of [
      "oxd_commands_total",
      "oxd_command_duration_seconds_bucket",
      "oxd_op_requests_total",
      "oxd_op_request_duration_seconds_bucket",
      "oxd_cache_requests_total",
      "oxd_open_connections",
      "oxd_up",
    ])
      expect(names, family).toContain(family)
    const missing = queries().flatMap((q) =>
      metricNames(q.expr)
        .filter((m) => !names.has(m))
        .map((m) => `${q.where}: ${m}`),
    )
    expect(missing).toEqual([])
  })
})
