import { decodeJwt } from "jose"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import type { TestOp } from "./server.js"
import { codeFlow, getJson, register, startOp } from "./test-support/helpers.js"

let op: TestOp
beforeAll(async () => {
  op = await startOp()
})
afterAll(() => op?.close())
afterEach(() => op.reset())

const discovery = () => `${op.issuer}/.well-known/openid-configuration`
const admin = (path: string, body?: unknown) =>
  getJson(
    `${op.issuer}/__test/${path}`,
    body === undefined
      ? {}
      : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
  )
const failureOf = async (p: Promise<unknown>) => {
  try {
    await p
  } catch (e) {
    return e as Error & { cause?: { code?: string } }
  }
  throw new Error("expected a failure")
}

describe("faults: the OP down, slow, answering garbage or HTTP 500", () => {
  it("down: connections are closed without an answer, the control API still answers, and lifting restores service", async () => {
    op.fault({ mode: "down" })
    const e = await failureOf(fetch(discovery()))
    expect(e.message).toBe("fetch failed")
    expect((await admin("fault")).body.fault).toMatchObject({ mode: "down", hits: 1 })
    expect((await admin("fault", { mode: "none" })).body).toEqual({ fault: null })
    expect((await fetch(discovery())).status).toBe(200)
  })

  it("slow: the answer is held back delayMs", async () => {
    op.fault({ mode: "slow", delayMs: 400 })
    const started = Date.now()
    const res = await fetch(discovery())
    expect(res.status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(350)
    // a client that gives up first sees a timeout
    op.fault({ mode: "slow", delayMs: 30_000 })
    const e = await failureOf(fetch(discovery(), { signal: AbortSignal.timeout(200) }))
    expect(e.name).toBe("TimeoutError")
  })

  it("garbage: 200 application/json that is not JSON", async () => {
    op.fault({ mode: "garbage" })
    const res = await fetch(discovery())
    expect(res.status).toBe(200)
    expect(res.headers.get("content-type")).toMatch(/application\/json/)
    await expect(res.json()).rejects.toThrow(SyntaxError)
  })

  it("http500: a 500 HTML page", async () => {
    op.fault({ mode: "http500" })
    const res = await fetch(discovery())
    expect(res.status).toBe(500)
    expect(await res.text()).toMatch(/Internal Server Error/)
  })

  it("empty: 200 application/json {} (an answer without what was asked)", async () => {
    op.fault({ mode: "empty" })
    const res = await fetch(discovery())
    expect(res.status).toBe(200)
    expect(res.headers.get("content-type")).toMatch(/application\/json/)
    expect(await res.json()).toEqual({})
  })

  it("paths and times limit the fault, and counters show the faulted requests", async () => {
    await admin("fault", { mode: "http500", paths: ["/jwks"], times: 2 })
    expect((await fetch(discovery())).status).toBe(200)
    expect((await fetch(`${op.issuer}/jwks`)).status).toBe(500)
    expect((await fetch(`${op.issuer}/jwks`)).status).toBe(500)
    expect((await fetch(`${op.issuer}/jwks`)).status).toBe(200)
    expect(op.currentFault()).toBeNull()
    expect(op.counters()).toMatchObject({ "fault.http500": 2, jwks: 1 })
  })

  it("refuses a malformed fault over the control API", async () => {
    expect((await admin("fault", { mode: "sideways" })).status).toBe(400)
    expect((await admin("fault", { mode: "slow", delay_ms: -1 })).status).toBe(400)
    expect((await admin("fault", { mode: "down", paths: ["token"] })).status).toBe(400)
    expect((await admin("fault", { mode: "down", times: 0 })).status).toBe(400)
    expect(op.currentFault()).toBeNull()
  })
})

describe("clock_ahead misbehaviour", () => {
  it("moves iat and exp of the next ID token by `seconds`", async () => {
    const config = await register(op)
    const clientId = config.clientMetadata().client_id
    await admin("misbehave", { kind: "clock_ahead", client_id: clientId, seconds: 20 })
    const before = Math.floor(Date.now() / 1000)
    const { tokens } = await codeFlow(op, config)
    const claims = decodeJwt(tokens.id_token!)
    expect(claims.iat!).toBeGreaterThanOrEqual(before + 19)
    expect(claims.iat!).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 21)
  })
})

describe("clock skew: the OP's Date header off by a set amount", () => {
  const offsetOf = async (url: string) => (Date.parse((await fetch(url)).headers.get("date") ?? "") - Date.now()) / 1000

  it("skews the Date header of every answer (JS API and control API) until lifted or reset", async () => {
    expect(Math.abs(await offsetOf(discovery()))).toBeLessThan(5)
    op.skewClock(600)
    expect(await offsetOf(discovery())).toBeGreaterThan(590)
    expect((await admin("clock")).body).toEqual({ skew_seconds: 600 })
    expect((await admin("clock", { skew_seconds: -3600 })).body).toEqual({ skew_seconds: -3600 })
    expect(await offsetOf(`${op.issuer}/jwks`)).toBeLessThan(-3590)
    op.reset()
    expect(op.currentClockSkew()).toBe(0)
    expect(Math.abs(await offsetOf(discovery()))).toBeLessThan(5)
  })

  it("refuses a skew that is not a number", async () => {
    const r = await admin("clock", { skew_seconds: "ten" })
    expect(r.status).toBe(400)
    expect(r.body.error_description).toMatch(/skew_seconds/)
  })
})
