/**
 * What /metrics gives away and to whom, on oxd-server run as users run it: with metrics_token, no scrape without
 * the token on the REST, WebSocket and admin ports; and no caller can add series by naming OPs that have no site
 * here (the review's V5: 1,500 bogus op_hosts had added 1,045 series). The test OP's origin, registered, is a label.
 * Reproduce: pnpm --filter @oxd/server exec vitest run src/metrics-exposure.test.ts
 */
import { join } from "node:path"
import type { TestOp } from "@oxd/test-op"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startOp, startServerWithAdmin, stopAll, tempDir, type AdminServer } from "./test-support/child.js"

const TOKEN = "scrape-token-4f9c2a7e1b"
const REDIRECT = "https://rp.example.org/cb"
let op: TestOp
let server: AdminServer | undefined

beforeAll(async () => {
  op = await startOp()
  // no retries of a refused discovery: the bogus calls below each take one connection attempt
  server = await startServerWithAdmin(op, join(tempDir("oxd-metrics-exposure-"), "oxd.db"), [
    "--metrics-token",
    TOKEN,
    "--op-retries",
    "0",
  ])
}, 90_000)
afterAll(() => stopAll(server, op))

const bases = () => [server!.restUrl, server!.wsUrl.replace(/^ws:/, "http:"), server!.adminUrl]

const scrape = async (base: string, authorization?: string) => {
  const res = await fetch(`${base}/metrics`, authorization ? { headers: { authorization } } : {})
  return { status: res.status, challenge: res.headers.get("www-authenticate"), text: await res.text() }
}

const setupClient = async (opHost: string) => {
  const res = await fetch(`${server!.restUrl}/setup-client`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ op_host: opHost, authorization_redirect_uri: REDIRECT }),
  })
  return { status: res.status, body: (await res.json()) as { status: string; data: Record<string, string> } }
}

describe("GET /metrics with metrics_token", () => {
  it("is refused (401) without the token, with a wrong one or another scheme, and served with the right one, on the REST, WebSocket and admin ports", async () => {
    for (const base of bases()) {
      for (const authorization of [
        undefined,
        "Bearer wrong-token",
        `Bearer ${TOKEN}x`,
        `Basic ${TOKEN}`,
        TOKEN,
        "Bearer ",
      ]) {
        const refused = await scrape(base, authorization)
        expect(refused.status, `${base} ${authorization}`).toBe(401)
        expect(refused.challenge).toBe('Bearer realm="metrics"')
        expect(JSON.parse(refused.text)).toEqual({
          status: "error",
          data: {
            error: "unauthorized",
            error_description: "/metrics needs Authorization: Bearer <metrics_token>.",
            details: null,
          },
        })
        expect(refused.text).not.toContain("oxd_")
      }
      const served = await scrape(base, `Bearer ${TOKEN}`)
      expect(served.status, base).toBe(200)
      expect(served.text).toMatch(/^oxd_up 1$/m)
      // health asks no token
      expect((await fetch(`${base}/health/live`)).status).toBe(200)
    }
  })
})

describe("OP origins as labels", () => {
  it("labels the test OP, registered here; 300 setup_client calls with distinct bogus op_hosts add no series", async () => {
    const registered = await setupClient(op.issuer)
    expect(registered.body.status).toBe("ok")
    const opOrigin = new URL(op.issuer).origin
    // bogus OPs on the loopback (127.1.x.y, port 1: nothing listens), each origin once, each a valid IPv4 address
    // (allowed_op_hosts refuses them before any request; what is counted must still not grow)
    const bogus = (i: number) => `https://127.1.${Math.floor(i / 250)}.${(i % 250) + 1}:1`
    const callBogus = async (from: number, to: number) => {
      const codes = new Map<string, number>()
      for (let i = from; i < to; i += 25) {
        const replies = await Promise.all(
          Array.from({ length: Math.min(25, to - i) }, (_, k) => setupClient(bogus(i + k))),
        )
        for (const r of replies) {
          expect(r.body.status).toBe("error")
          codes.set(r.body.data["error"]!, (codes.get(r.body.data["error"]!) ?? 0) + 1)
        }
      }
      return codes
    }
    // a first few: the series every refused setup_client has (its outcome, a discovery cache miss) now exist
    await callBogus(0, 10)
    const before = (await scrape(server!.restUrl, `Bearer ${TOKEN}`)).text
    const codes = await callBogus(10, 310)
    const after = (await scrape(server!.restUrl, `Bearer ${TOKEN}`)).text

    // each call was refused, and counted under its outcome
    expect([...codes.values()].reduce((a, b) => a + b, 0)).toBe(300)
    const refusals = (text: string, code: string) =>
      Number(
        new RegExp(
          `^oxd_commands_total\\{command="setup_client",transport="https",outcome="${code}"\\} (\\d+)$`,
          "m",
        ).exec(text)?.[1] ?? 0,
      )
    for (const [code, n] of codes) expect(refusals(after, code) - refusals(before, code), code).toBe(n)
    // not one series more, and no bogus origin anywhere
    const series = (text: string) => text.split("\n").filter((l) => l && !l.startsWith("#"))
    expect(series(after).length).toBe(series(before).length)
    expect(after).not.toContain("127.1.")
    // the registered OP's calls, its discovery and registration before its site was stored included
    for (const endpoint of ["discovery", "registration"]) {
      expect(after).toMatch(
        new RegExp(
          `^oxd_op_requests_total\\{host="${opOrigin.replaceAll(".", "\\.")}",endpoint="${endpoint}",outcome="2xx"\\} [1-9]`,
          "m",
        ),
      )
    }
  }, 60_000)
})
