/**
 * What an operator sees of oxd-server run as users run it (the CLI, JSON logs by default): one log line per command
 * with the request id the REST caller chose (and sent back), liveness and readiness on the REST, WebSocket and admin
 * ports, /metrics in the Prometheus text format. Reproduce: pnpm --filter @oxd/server exec vitest run src/observability.test.ts
 */
import { once } from "node:events"
import { connect } from "node:net"
import { join } from "node:path"
import type { TestOp } from "@oxd/test-op"
import { byteFrame } from "@oxd/testkit"
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest"
import { startOp, startServerWithAdmin, stopAll, tempDir, type AdminServer } from "./test-support/child.js"

let op: TestOp
let server: AdminServer | undefined

beforeAll(async () => {
  op = await startOp()
  // no --log-format: JSON lines are the server's default
  server = await startServerWithAdmin(op, join(tempDir("oxd-observability-"), "oxd.db"))
}, 90_000)
afterAll(() => stopAll(server, op))

const logLines = () =>
  server!
    .output()
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>)

const get = async (url: string) => {
  const res = await fetch(url)
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() }
}

describe("operating oxd-server", () => {
  it("logs one JSON line per command with the REST caller's request id, which comes back in X-Request-Id", async () => {
    const s = server!
    const res = await fetch(`${s.restUrl}/setup-client`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Request-Id": "order-4711.retry-2" },
      body: JSON.stringify({ op_host: op.issuer, authorization_redirect_uri: "https://rp.example.org/cb" }),
    })
    expect(res.status).toBe(200)
    expect(res.headers.get("x-request-id")).toBe("order-4711.retry-2")
    // an id with characters unsafe in a log line is replaced by one of ours
    // a Bearer, so the command reaches core (without one the REST edge answers 403 itself, as the reference does)
    const unsafe = await fetch(`${s.restUrl}/get-authorization-url`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Request-Id": 'a b"c', Authorization: "Bearer a-token" },
      body: "{}",
    })
    expect(unsafe.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/)
    await s
      .tcp()
      .call("get_client_token", { op_host: op.issuer, client_id: "nobody", client_secret: "wrong-secret" })
      .catch(() => undefined)

    const line = await waitForLine((l) => l["request_id"] === "order-4711.retry-2" && l["msg"] === "command")
    expect(line).toMatchObject({
      level: "INFO",
      command: "setup_client",
      transport: "https",
      outcome: "ok",
      remote_address: expect.stringMatching(/127\.0\.0\.1/),
    })
    expect(typeof line["duration_ms"]).toBe("number")
    expect(new Date(String(line["time"])).getTime()).not.toBeNaN()
    const refused = await waitForLine(
      (l) => l["msg"] === "command" && l["command"] === "get_authorization_url" && l["transport"] === "https",
    )
    expect(refused["outcome"]).toBe("bad_request") // no oxd_id: the error code is the outcome
    const tcp = await waitForLine((l) => l["msg"] === "command" && l["transport"] === "tcp")
    expect(tcp).toMatchObject({ command: "get_client_token", request_id: expect.stringMatching(/^[0-9a-f]{16}$/) })
    expect(tcp["outcome"]).not.toBe("ok")
    // every line is JSON with a level and a message
    for (const l of logLines())
      expect(l).toMatchObject({ time: expect.any(String), level: expect.any(String), msg: expect.any(String) })
  }, 60_000)

  it("answers liveness and readiness on the REST, WebSocket and admin ports", async () => {
    const s = server!
    const ws = s.wsUrl.replace(/^ws:/, "http:")
    for (const base of [s.restUrl, ws, server!.adminUrl]) {
      const live = await get(`${base}/health/live`)
      expect(live.status, base).toBe(200)
      expect(JSON.parse(live.text)).toEqual({ status: "ok" })
      const ready = await get(`${base}/health/ready`)
      expect(ready.status, base).toBe(200)
      expect(JSON.parse(ready.text)).toEqual({
        status: "ready",
        checks: { database: "ok", migrations: "current", accepting: "yes" },
      })
    }
    // the oxd-https-extension check stays, with its answer `running` (RestResource.java:29-34, H15)
    const health = await get(`${s.restUrl}/health-check`)
    expect(health.status).toBe(200)
    expect(health.text).toBe("running")
    // a command path is still a command; an unknown admin path is an oxd error
    const unknown = await get(`${server!.adminUrl}/setup-client`)
    expect(unknown.status).toBe(404)
    expect(JSON.parse(unknown.text)).toMatchObject({ status: "error", data: { error: "unsupported_operation" } })
    const post = await fetch(`${s.restUrl}/metrics`, { method: "POST" })
    expect(post.status).toBe(405)
  })

  it("serves /metrics in the Prometheus text format on the REST and admin ports", async () => {
    const s = server!
    for (const base of [s.restUrl, server!.adminUrl]) {
      const m = await get(`${base}/metrics`)
      expect(m.status).toBe(200)
      expect(m.type).toBe("text/plain; version=0.0.4; charset=utf-8")
      expect(m.text).toContain("# TYPE oxd_commands_total counter")
      expect(m.text).toMatch(/^oxd_commands_total\{command="setup_client",transport="https",outcome="ok"\} [1-9]/m)
      expect(m.text).toMatch(
        /^oxd_command_duration_seconds_bucket\{command="setup_client",transport="https",le="\+Inf"\} [1-9]/m,
      )
      expect(m.text).toMatch(
        /^oxd_op_requests_total\{host="https:\/\/127\.0\.0\.1:\d+",endpoint="registration",outcome="2xx"\} [1-9]/m,
      )
      expect(m.text).toMatch(/^oxd_open_connections\{transport="tcp"\} \d+$/m)
      expect(m.text).toMatch(/^oxd_open_connections\{transport="https"\} [1-9]/m) // this very request
      expect(m.text).toMatch(/^process_resident_memory_bytes [1-9]/m)
    }
  })

  it("keeps answering while nobody reads its log, and writes every line once someone does", async () => {
    const s = server!
    const before = logLines().filter((l) => l["msg"] === "command").length
    // stop reading the server's stdout: the pipe holds 64 KB, about 300 lines; 3,000 commands log ~500 KB
    s.child.stdout!.pause()
    const n = 3000
    const frame = (i: number) => byteFrame(JSON.stringify({ command: `no_such_command_${i % 10}`, params: {} }))
    const socket = connect({ host: "127.0.0.1", port: s.tcpPort })
    await once(socket, "connect")
    let replies = 0
    socket.on("data", (chunk: Buffer) => {
      replies += chunk.toString("latin1").split('"unsupported_operation"').length - 1
    })
    for (let i = 0; i < n; i += 100) socket.write(Buffer.concat(Array.from({ length: 100 }, (_, k) => frame(i + k))))
    // a server whose log writes wait for the reader would stop answering after a few hundred
    await vi.waitFor(() => expect(replies).toBe(n), { timeout: 15_000, interval: 50 })
    socket.destroy()
    s.child.stdout!.resume()
    await vi.waitFor(() => expect(logLines().filter((l) => l["msg"] === "command").length - before).toBe(n), {
      timeout: 15_000,
      interval: 100,
    })
    expect(
      logLines().filter((l) => l["outcome"] === "unsupported_operation" && l["transport"] === "tcp").length,
    ).toBeGreaterThanOrEqual(n)
  })
})

/** The first log line `match` accepts, waiting for the server to write it. */
async function waitForLine(match: (l: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  for (let i = 0; i < 200; i++) {
    const found = logLines().find(match)
    if (found) return found
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error(`no such log line in:\n${server!.output().slice(-3000)}`)
}
