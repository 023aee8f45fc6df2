import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startTestRest, type TestRest } from "./test-support/http.js"

const APP = "https://app.example.com"
let rest: TestRest
let off: TestRest

beforeAll(async () => {
  rest = await startTestRest({ rest_cors_origins: [APP, "http://localhost:3000"] })
  off = await startTestRest()
})
afterAll(async () => {
  await rest?.close()
  await off?.close()
})

const preflight = (server: TestRest, origin: string, path = "/get-authorization-url") =>
  server.send(path, {
    method: "OPTIONS",
    headers: {
      Origin: origin,
      "Access-Control-Request-Method": "POST",
      "Access-Control-Request-Headers": "authorization,content-type",
    },
  })

const corsHeaderNames = (headers: Record<string, unknown>) =>
  Object.keys(headers).filter((h) => h.startsWith("access-control-"))

describe("CORS (rest_cors_origins)", () => {
  it("a browser's call from an allowed origin: the preflight allows POST with Authorization and Content-Type, then the POST is readable", async () => {
    const pre = await preflight(rest, APP)
    expect(pre.status).toBe(204)
    expect(pre.headers["access-control-allow-origin"]).toBe(APP)
    expect(pre.headers["access-control-allow-methods"]).toBe("POST")
    const allowed = String(pre.headers["access-control-allow-headers"])
      .toLowerCase()
      .split(/\s*,\s*/)
    // authorizationoxdid: the oxd 4.x API's header (the same CORS policy serves both generations)
    expect(allowed).toEqual(
      expect.arrayContaining(["authorization", "content-type", "x-request-id", "authorizationoxdid"]),
    )
    expect(Number(pre.headers["access-control-max-age"])).toBeGreaterThan(0)
    expect(pre.headers["vary"]).toContain("Origin")

    const post = await rest.send("/get-authorization-url", {
      body: {},
      headers: { Origin: APP, Authorization: "Bearer x" },
    })
    // an oxd error: HTTP 200 by the reference (rest_error_status: reference, RestResource.java:201-215)
    expect(post.status).toBe(200)
    expect(post.headers["access-control-allow-origin"]).toBe(APP)
    expect(post.headers["access-control-expose-headers"]).toContain("X-Request-Id")
    expect(post.headers["vary"]).toContain("Origin")
    expect(post.body.status).toBe("error")
  })

  it("matches origins without regard to case or a trailing slash, and only exactly", async () => {
    expect((await preflight(rest, "HTTPS://APP.EXAMPLE.COM")).headers["access-control-allow-origin"]).toBe(
      "HTTPS://APP.EXAMPLE.COM",
    )
    expect((await preflight(rest, "http://localhost:3000")).headers["access-control-allow-origin"]).toBe(
      "http://localhost:3000",
    )
    for (const near of [
      "https://app.example.com.evil.example",
      "http://app.example.com",
      "https://evil.example",
      "null",
      "http://localhost:3001",
    ]) {
      expect(corsHeaderNames((await preflight(rest, near)).headers)).toEqual([])
    }
  })

  it("a disallowed origin gets no CORS header, on the preflight and on the POST", async () => {
    const pre = await preflight(rest, "https://evil.example")
    expect(pre.status).toBe(204)
    expect(corsHeaderNames(pre.headers)).toEqual([])
    const post = await rest.send("/get-authorization-url", { body: {}, headers: { Origin: "https://evil.example" } })
    expect(corsHeaderNames(post.headers)).toEqual([])
  })

  it("GET endpoints are preflighted with their own methods", async () => {
    const pre = await preflight(rest, APP, "/health-check")
    expect(pre.headers["access-control-allow-methods"]).toBe("GET, HEAD")
    const get = await rest.send("/health-check", { method: "GET", headers: { Origin: APP } })
    expect(get.headers["access-control-allow-origin"]).toBe(APP)
  })

  it("an unknown path is a 404 for OPTIONS too", async () => {
    const pre = await preflight(rest, APP, "/nope")
    expect(pre.status).toBe(404)
  })

  it("off by default: no CORS header for any origin", async () => {
    const pre = await preflight(off, APP)
    expect(pre.status).toBe(204)
    expect(pre.headers["allow"]).toBe("POST, OPTIONS")
    expect(corsHeaderNames(pre.headers)).toEqual([])
    const post = await off.send("/get-authorization-url", { body: {}, headers: { Origin: APP } })
    expect(corsHeaderNames(post.headers)).toEqual([])
  })

  it("* allows any origin", async () => {
    const any = await startTestRest({ rest_cors_origins: ["*"] })
    try {
      const pre = await preflight(any, "https://anywhere.example")
      expect(pre.headers["access-control-allow-origin"]).toBe("*")
      const post = await any.send("/get-authorization-url", {
        body: {},
        headers: { Origin: "https://anywhere.example" },
      })
      expect(post.headers["access-control-allow-origin"]).toBe("*")
    } finally {
      await any.close()
    }
  })
})
