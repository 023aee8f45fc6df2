/**
 * The OP or UMA AS down, slow, answering garbage or HTTP 500 (the test OP's fault modes, a real provider that
 * misbehaves): every command fails within op_timeout_in_seconds with a clear error, idempotent reads are retried and
 * nothing else is, and a circuit breaker per OP stops calling a dead provider until it is back. The codes are the
 * reference's (audit X10): no_connect_discovery_response when the discovery fails, internal_error for a later call
 * (DiscoveryService.java:78-82; GetClientTokenOperation.java:92-97), with HTTP 502 and the precise reason.
 */
import type { TestOp } from "@oxd/test-op"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import type { Config } from "../../src/config/OxdConfig.js"
import type { Oxd } from "../../src/makeOxd.js"
import { call, failure, ok, oxdFor, registerAtOp, registerSite, startOp } from "../support.js"
import { protect, registerUmaSite, sleep } from "../uma.js"

let op: TestOp
let client: { client_id: string; client_secret: string }
const opened: Oxd[] = []

beforeAll(async () => {
  op = await startOp()
  const c = await registerAtOp(op, { grant_types: ["client_credentials"], response_types: [], redirect_uris: [] })
  client = { client_id: c["client_id"], client_secret: c["client_secret"] }
})
afterEach(() => op.reset())
afterAll(async () => {
  await Promise.all(opened.map((o) => o.dispose()))
  await op?.close()
})

const OP_TIMEOUT_S = 2
/** A fresh core: nothing cached (discovery, breaker), a short OP timeout. */
const fresh = async (over: Partial<Config> = {}) => {
  const oxd = oxdFor(op, { op_timeout_in_seconds: OP_TIMEOUT_S, ...over })
  opened.push(oxd)
  await oxd.ready()
  return oxd
}
const clientToken = (oxd: Oxd) => call(oxd, "get_client_token", { op_host: op.issuer, ...client, scope: ["openid"] })

/** The command's error and how long it took (ms). */
const timed = async (reply: ReturnType<typeof call>) => {
  const started = Date.now()
  const e = await failure(reply)
  return { ...e, ms: Date.now() - started }
}
/** Generous: a loaded 2-core CI machine; what matters is that nothing waits for ever. */
const WITHIN_MS = OP_TIMEOUT_S * 1000 + 3000

describe("every command fails within op_timeout_in_seconds, with a clear error", () => {
  it("down: no_connect_discovery_response (X10)", async () => {
    op.fault({ mode: "down" })
    const e = await timed(clientToken(await fresh()))
    expect(e).toMatchObject({ error: "no_connect_discovery_response", http: 502 })
    expect(e.error_description).toMatch(
      /could not be used for discovery: (UND_ERR_SOCKET|ECONNRESET|other side closed)/,
    )
    expect(e.ms).toBeLessThan(WITHIN_MS)
  })

  it("slow: no_connect_discovery_response (timed out), not a hang", async () => {
    op.fault({ mode: "slow", delayMs: 60_000 })
    const e = await timed(clientToken(await fresh()))
    expect(e).toMatchObject({ error: "no_connect_discovery_response", http: 502 })
    expect(e.error_description).toMatch(/timed out/)
    expect(e.ms).toBeLessThan(WITHIN_MS)
  })

  it("slow token endpoint after a good discovery: internal_error (timed out, X10)", async () => {
    const oxd = await fresh()
    await ok(clientToken(oxd))
    op.fault({ mode: "slow", delayMs: 60_000, paths: ["/token"] })
    const e = await timed(clientToken(oxd))
    expect(e).toMatchObject({ error: "internal_error", http: 502 })
    expect(e.error_description).toMatch(/client_credentials: the request timed out/)
    expect(e.ms).toBeLessThan(WITHIN_MS)
  })

  it("garbage: no_connect_discovery_response for discovery, internal_error for the token endpoint", async () => {
    op.fault({ mode: "garbage" })
    expect(await failure(clientToken(await fresh()))).toMatchObject({ error: "no_connect_discovery_response" })
    op.reset()
    const oxd = await fresh()
    await ok(clientToken(oxd))
    op.fault({ mode: "garbage", paths: ["/token"] })
    const e = await failure(clientToken(oxd))
    expect(e).toMatchObject({ error: "internal_error", http: 502 })
    expect(e.error_description).toMatch(/client_credentials/)
  })

  it("http500: no_connect_discovery_response for discovery, internal_error naming the status for the token endpoint", async () => {
    op.fault({ mode: "http500" })
    expect(await failure(clientToken(await fresh()))).toMatchObject({ error: "no_connect_discovery_response" })
    op.reset()
    const oxd = await fresh()
    await ok(clientToken(oxd))
    op.fault({ mode: "http500", paths: ["/token"] })
    const e = await failure(clientToken(oxd))
    expect(e).toMatchObject({ error: "internal_error", http: 502 })
    expect(e.error_description).toMatch(/HTTP 500/)
  })

  it("the UMA AS down: uma_rs_protect and uma_rs_check_access fail with internal_error (HTTP 502)", async () => {
    const oxd = await fresh({ op_breaker_failures: 0 })
    const site = await registerUmaSite(oxd, op)
    await protect(oxd, site)
    op.fault({ mode: "down", paths: ["/uma/"] })
    expect(
      await timed(
        call(oxd, "uma_rs_protect", {
          oxd_id: site,
          resources: [{ path: "/x", conditions: [{ httpMethods: ["GET"], scopes: ["view"] }] }],
          overwrite: true,
        }),
      ),
    ).toMatchObject({ error: "internal_error", http: 502 })
    const e = await timed(
      call(oxd, "uma_rs_check_access", { oxd_id: site, path: "/photo", http_method: "GET", rpt: "" }),
    )
    expect(e).toMatchObject({ error: "internal_error", http: 502 })
    expect(e.ms).toBeLessThan(WITHIN_MS)
    op.reset()
    // what was protected before is still protected
    expect(
      await ok(call(oxd, "uma_rs_check_access", { oxd_id: site, path: "/photo", http_method: "GET", rpt: "" })),
    ).toMatchObject({ access: "denied" })
  })
})

describe("retries only where safe", () => {
  it("retries discovery (an idempotent read) after a 500: the command succeeds", async () => {
    op.fault({ mode: "http500", paths: ["/.well-known/openid-configuration"], times: 1 })
    await ok(clientToken(await fresh()))
    expect(op.counters()).toMatchObject({ "fault.http500": 1, discovery: 1 })
  })

  it("retries introspection (a read, though a POST) after a dropped connection", async () => {
    const oxd = await fresh()
    const site = await registerSite(oxd, op)
    const { access_token } = await ok<{ access_token: string }>(clientToken(oxd))
    op.reset()
    op.fault({ mode: "down", paths: ["/token/introspection"], times: 1 })
    expect(
      await ok<{ active: boolean }>(call(oxd, "introspect_access_token", { oxd_id: site, access_token })),
    ).toMatchObject({ active: true })
    expect(op.counters()).toMatchObject({ "fault.down": 1, introspection: 1 })
  })

  it("never sends a token request twice: a 500 at /token fails the command, the next one succeeds", async () => {
    const oxd = await fresh()
    await ok(clientToken(oxd))
    op.reset()
    op.fault({ mode: "http500", paths: ["/token"], times: 1 })
    expect(await failure(clientToken(oxd))).toMatchObject({ error: "internal_error", http: 502 })
    expect(op.counters()).toMatchObject({ "fault.http500": 1 })
    expect(op.counters()["token"] ?? 0).toBe(0)
    await ok(clientToken(oxd))
  })
})

describe("circuit breaker per OP", () => {
  it("opens after op_breaker_failures, fails fast without calling the OP, and closes by itself when the OP is back", async () => {
    const oxd = await fresh({ op_breaker_failures: 3, op_breaker_cooldown_in_seconds: 1, op_retries: 0 })
    await ok(clientToken(oxd))
    op.reset()
    op.fault({ mode: "down", paths: ["/token"] })
    for (let i = 0; i < 3; i++)
      expect(await failure(clientToken(oxd))).toMatchObject({ error: "internal_error", http: 502 })
    const fast = await timed(clientToken(oxd))
    expect(fast).toMatchObject({ error: "internal_error", http: 502 })
    expect(fast.error_description).toMatch(
      /circuit open for https:\/\/127\.0\.0\.1:\d+ after 3 consecutive failures, retrying in 1s/,
    )
    expect(op.counters()["fault.down"]).toBe(3) // the 4th call never reached the OP
    // the OP comes back; after the cooldown one probe goes through and service resumes
    op.fault(null)
    await sleep(1100)
    await ok(clientToken(oxd))
    await ok(clientToken(oxd))
  })

  it("a failed probe opens it again", async () => {
    const oxd = await fresh({ op_breaker_failures: 2, op_breaker_cooldown_in_seconds: 1, op_retries: 0 })
    await ok(clientToken(oxd))
    op.fault({ mode: "http500", paths: ["/token"] })
    for (let i = 0; i < 2; i++) await failure(clientToken(oxd))
    expect((await failure(clientToken(oxd))).error_description).toMatch(/circuit open/)
    await sleep(1100)
    expect((await failure(clientToken(oxd))).error_description).toMatch(/HTTP 500/) // the probe
    expect((await failure(clientToken(oxd))).error_description).toMatch(/circuit open/)
    expect(op.counters()["fault.http500"]).toBe(3)
  })
})
