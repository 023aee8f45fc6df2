/**
 * With otlp_endpoint set, a command run over a real transport is exported as a span `oxd.<command>` (command,
 * transport, outcome, the caller's request id), and each OP call it made as a child span in the same trace; nothing
 * is exported without the setting. Reproduce: pnpm --filter @oxd/server exec vitest run src/tracing.test.ts
 */
import { join } from "node:path"
import { makeConfig, makeOxd, type Config } from "@oxd/core"
import type { TestOp } from "@oxd/test-op"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startAll } from "./startAll.js"
import { startOp, tempDir } from "./test-support/child.js"
import { startOtlpCollector, type CollectedSpan } from "./test-support/otlpCollector.js"

let op: TestOp
let collector: Awaited<ReturnType<typeof startOtlpCollector>>
beforeAll(async () => {
  op = await startOp()
  collector = await startOtlpCollector()
})
afterAll(async () => {
  await collector?.close()
  await op?.close()
})

const configFor = (extra: Partial<Config>) =>
  makeConfig({
    database_url: `file:${join(tempDir("oxd-tracing-"), "oxd.db")}`,
    trusted_ca_file: op.caFile,
    allowed_op_hosts: [new URL(op.issuer).origin],
    port: 0,
    rest_port: 0,
    ws_port: 0,
    rest_plain_http: true,
    ws_plain: true,
    log_level: "error",
    ...extra,
  })

/** One setup_client over REST (it discovers the OP and registers a client there), with our own request id. */
const runSetupClient = async (config: Config, requestId: string) => {
  const oxd = makeOxd(config)
  await oxd.ready()
  const running = await startAll(oxd, config)
  try {
    const res = await fetch(`${running.rest!.url}/setup-client`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Request-Id": requestId },
      body: JSON.stringify({ op_host: op.issuer, authorization_redirect_uri: "https://rp.example.org/cb" }),
    })
    expect(res.status).toBe(200)
    expect(res.headers.get("x-request-id")).toBe(requestId)
    return (await res.json()) as { data: Record<string, string> }
  } finally {
    await running.close()
    await oxd.dispose() // sends the spans still buffered
  }
}

const ancestors = (span: CollectedSpan, all: ReadonlyArray<CollectedSpan>): string[] => {
  const chain: string[] = []
  let parent = span.parentSpanId
  while (parent) {
    chain.push(parent)
    parent = all.find((s) => s.spanId === parent)?.parentSpanId
  }
  return chain
}

describe("tracing", () => {
  it("exports the command's span and its OP calls' spans, in one trace, to the collector", async () => {
    const reply = await runSetupClient(
      configFor({ otlp_endpoint: collector.url, otlp_service_name: "oxd-under-test" }),
      "trace-me-1",
    )
    const spans = collector.spans
    const command = spans.find((s) => s.name === "oxd.setup_client" && s.attributes["oxd.request_id"] === "trace-me-1")
    expect(command, JSON.stringify(spans.map((s) => s.name))).toBeDefined()
    expect(command!.service).toBe("oxd-under-test")
    expect(command!.attributes).toMatchObject({
      "oxd.command": "setup_client",
      "oxd.transport": "https",
      "oxd.outcome": "ok",
    })
    expect(command!.kind).toBe(2) // SPAN_KIND_SERVER

    const opCalls = spans.filter((s) => s.traceId === command!.traceId && s.name.startsWith("oxd.op "))
    expect(opCalls.map((s) => s.attributes["oxd.op.endpoint"])).toEqual(
      expect.arrayContaining(["discovery", "registration"]),
    )
    for (const call of opCalls) {
      expect(ancestors(call, spans)).toContain(command!.spanId)
      expect(call.kind).toBe(3) // SPAN_KIND_CLIENT
      expect(call.attributes["url.full"]).toMatch(new RegExp(`^${op.issuer}/`))
      expect(String(call.attributes["url.full"])).not.toContain("?")
      expect(call.attributes["http.response.status_code"]).toBeGreaterThanOrEqual(200)
    }
    // the secrets the reply carries never reach a span
    const exported = collector.text()
    for (const secret of [reply.data["client_secret"], reply.data["client_registration_access_token"]]) {
      expect(secret).toBeTruthy()
      expect(exported.includes(secret!)).toBe(false)
    }
  }, 60_000)

  it("exports nothing without otlp_endpoint", async () => {
    const before = collector.spans.length
    await runSetupClient(configFor({}), "trace-me-2")
    expect(collector.spans.length).toBe(before)
  }, 60_000)
})
