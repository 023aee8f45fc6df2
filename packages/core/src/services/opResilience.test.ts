import { describe, expect, it } from "vitest"
import { OpHostRefused } from "./opHosts/OpHostPolicy.js"
import { CircuitBreaker, CircuitOpenError, resilientFetch, type Transport } from "./opResilience.js"

/** A transport that answers from a script: a status, or a thrown network error; records every call. */
const scripted = (steps: ReadonlyArray<number | "reset" | "hang">) => {
  const calls: Array<{ url: string; method: string }> = []
  const transport: Transport = (url, init) => {
    const step = steps[Math.min(calls.length, steps.length - 1)]!
    calls.push({ url, method: init.method ?? "GET" })
    if (step === "reset")
      return Promise.reject(
        Object.assign(new TypeError("fetch failed"), {
          cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }),
        }),
      )
    if (step === "hang") {
      return new Promise((_, reject) =>
        init.signal!.addEventListener("abort", () => reject(init.signal!.reason), { once: true }),
      )
    }
    return Promise.resolve(new Response(step >= 500 ? "<h1>down</h1>" : "{}", { status: step }))
  }
  return { transport, calls }
}

const breaker = (failures = 5, cooldownMs = 1000, now: () => number = Date.now) =>
  new CircuitBreaker({ failures, cooldownMs, now })
const noDelay = () => 0

describe("resilientFetch: retries only where safe", () => {
  it("retries an idempotent GET once after a connection failure, then succeeds", async () => {
    const { transport, calls } = scripted(["reset", 200])
    const res = await resilientFetch(transport, {
      timeoutMs: 5000,
      retries: 1,
      breaker: breaker(),
      retryDelayMs: noDelay,
    })("https://op.example/.well-known/openid-configuration")
    expect(res.status).toBe(200)
    expect(calls).toHaveLength(2)
  })

  it("retries an idempotent read after a 503, and a POST marked idempotent (introspection)", async () => {
    const a = scripted([503, 200])
    expect(
      (
        await resilientFetch(a.transport, { timeoutMs: 5000, retries: 1, breaker: breaker(), retryDelayMs: noDelay })(
          "https://op.example/jwks",
        )
      ).status,
    ).toBe(200)
    expect(a.calls).toHaveLength(2)
    const b = scripted(["reset", 200])
    const res = await resilientFetch(b.transport, {
      timeoutMs: 5000,
      retries: 1,
      breaker: breaker(),
      retryDelayMs: noDelay,
    })("https://op.example/introspect", { method: "POST", idempotent: true, body: "token=x" })
    expect(res.status).toBe(200)
    expect(b.calls.map((c) => c.method)).toEqual(["POST", "POST"])
  })

  it("neither retries nor counts against the breaker a connection allowed_op_hosts refused (the server's decision, not a failing OP)", async () => {
    const calls: string[] = []
    const refusing: Transport = (url) => {
      calls.push(url)
      return Promise.reject(
        new TypeError("fetch failed", {
          cause: new OpHostRefused("https://op.example", "op.example resolves to a loopback address (127.0.0.1)"),
        }),
      )
    }
    const b = breaker(1)
    const fetch = resilientFetch(refusing, { timeoutMs: 5000, retries: 3, breaker: b, retryDelayMs: noDelay })
    await expect(fetch("https://op.example/jwks")).rejects.toThrow("fetch failed")
    expect(calls).toHaveLength(1)
    expect(b.state("https://op.example")).toBe("closed")
  })

  it("never retries a token or registration POST (not idempotent)", async () => {
    const a = scripted(["reset", 200])
    await expect(
      resilientFetch(a.transport, { timeoutMs: 5000, retries: 3, breaker: breaker(), retryDelayMs: noDelay })(
        "https://op.example/token",
        { method: "POST", body: "grant_type=authorization_code" },
      ),
    ).rejects.toThrow("fetch failed")
    expect(a.calls).toHaveLength(1)
    const b = scripted([503, 200])
    expect(
      (
        await resilientFetch(b.transport, { timeoutMs: 5000, retries: 3, breaker: breaker(), retryDelayMs: noDelay })(
          "https://op.example/reg",
          { method: "POST" },
        )
      ).status,
    ).toBe(503)
    expect(b.calls).toHaveLength(1)
  })

  it("does not retry a 4xx, nor past op_retries", async () => {
    const a = scripted([404, 200])
    expect(
      (
        await resilientFetch(a.transport, { timeoutMs: 5000, retries: 1, breaker: breaker(), retryDelayMs: noDelay })(
          "https://op.example/x",
        )
      ).status,
    ).toBe(404)
    expect(a.calls).toHaveLength(1)
    const b = scripted(["reset"])
    await expect(
      resilientFetch(b.transport, { timeoutMs: 5000, retries: 2, breaker: breaker(), retryDelayMs: noDelay })(
        "https://op.example/x",
      ),
    ).rejects.toThrow()
    expect(b.calls).toHaveLength(3)
    const c = scripted(["reset"])
    await expect(
      resilientFetch(c.transport, { timeoutMs: 5000, retries: 0, breaker: breaker(), retryDelayMs: noDelay })(
        "https://op.example/x",
      ),
    ).rejects.toThrow()
    expect(c.calls).toHaveLength(1)
  })

  it("bounds every attempt together by the timeout and does not retry a timeout", async () => {
    const { transport, calls } = scripted(["hang"])
    const started = Date.now()
    const e = await resilientFetch(transport, {
      timeoutMs: 300,
      retries: 3,
      breaker: breaker(),
      retryDelayMs: noDelay,
    })("https://op.example/slow").catch((x: unknown) => x)
    expect((e as Error).name).toBe("TimeoutError")
    expect(calls).toHaveLength(1)
    expect(Date.now() - started).toBeLessThan(5000)
  })
})

describe("CircuitBreaker", () => {
  it("opens after N consecutive failures of one origin, fails fast while open, and only for that origin", async () => {
    const { transport, calls } = scripted(["reset"])
    const b = breaker(3, 60_000)
    const f = resilientFetch(transport, { timeoutMs: 5000, retries: 0, breaker: b, retryDelayMs: noDelay })
    for (let i = 0; i < 3; i++)
      await expect(f("https://dead.example/token", { method: "POST" })).rejects.toThrow("fetch failed")
    expect(b.state("https://dead.example")).toBe("open")
    const e = await f("https://dead.example/jwks").catch((x: unknown) => x)
    expect(e).toBeInstanceOf(CircuitOpenError)
    expect((e as Error).message).toMatch(
      /^circuit open for https:\/\/dead\.example after 3 consecutive failures, retrying in \d+s$/,
    )
    expect(calls).toHaveLength(3) // nothing went out while open
    expect(b.state("https://alive.example")).toBe("closed")
  })

  it("a success resets the count: only consecutive failures open it", () => {
    const b = breaker(3)
    b.failure("k")
    b.failure("k")
    b.success("k")
    b.failure("k")
    b.failure("k")
    expect(b.state("k")).toBe("closed")
    b.failure("k")
    expect(b.state("k")).toBe("open")
  })

  it("after the cooldown lets one probe through: success closes it, failure opens it again", () => {
    let now = 0
    const b = breaker(2, 1000, () => now)
    b.failure("k")
    b.failure("k")
    expect(() => b.admit("k")).toThrow(CircuitOpenError)
    now = 1000
    b.admit("k") // the probe
    expect(b.state("k")).toBe("half-open")
    expect(() => b.admit("k")).toThrow(CircuitOpenError) // others wait for the probe
    b.failure("k")
    expect(b.state("k")).toBe("open")
    expect(() => b.admit("k")).toThrow(/retrying in 1s/)
    now = 2000
    b.admit("k")
    b.success("k")
    expect(b.state("k")).toBe("closed")
    b.admit("k")
  })

  it("counts 5xx answers and timeouts as failures, 4xx as answers", async () => {
    const b = breaker(2, 60_000)
    const a = scripted([404])
    const f404 = resilientFetch(a.transport, { timeoutMs: 5000, retries: 0, breaker: b })
    await f404("https://op.example/x")
    await f404("https://op.example/x")
    expect(b.state("https://op.example")).toBe("closed")
    const s = scripted([500])
    const f500 = resilientFetch(s.transport, { timeoutMs: 5000, retries: 0, breaker: b })
    await f500("https://op.example/x")
    await f500("https://op.example/x")
    expect(b.state("https://op.example")).toBe("open")
    const h = scripted(["hang"])
    const fh = resilientFetch(h.transport, { timeoutMs: 100, retries: 0, breaker: b })
    await fh("https://slow.example/x").catch(() => undefined)
    await fh("https://slow.example/x").catch(() => undefined)
    expect(b.state("https://slow.example")).toBe("open")
  })

  it("failures 0 disables the breaker", () => {
    const b = breaker(0)
    for (let i = 0; i < 100; i++) b.failure("k")
    b.admit("k")
    expect(b.state("k")).toBe("closed")
  })
})
