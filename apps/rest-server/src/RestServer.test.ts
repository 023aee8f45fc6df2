import { connect } from "node:tls"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { errorCode, startTestRest, type RawReply, type TestRest } from "./test-support/http.js"

let rest: TestRest
const MAX = 4096

beforeAll(async () => {
  rest = await startTestRest({ rest_max_body_bytes: MAX })
})
afterAll(async () => {
  await rest?.close()
})

/** Every answer of the API: an oxd envelope as JSON, never cached, with a request id; never a stack trace. */
const expectOxdError = (r: RawReply, status: number, code: string) => {
  expect(r.status).toBe(status)
  expect(r.headers["content-type"]).toBe("application/json; charset=utf-8")
  expect(r.headers["cache-control"]).toBe("no-store")
  expect(r.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/)
  expect(errorCode(r)).toBe(code)
  expect(r.text).not.toMatch(/\n\s+at /)
  return r.body.data.error_description as string
}

/** The server still answers a fresh request correctly. */
const stillServing = async () => {
  const r = await rest.send("/get-authorization-url", { body: {} })
  expect(expectOxdError(r, 400, "bad_request")).toContain("oxd_id")
}

describe("commands at POST /<command>", () => {
  it("runs the command and answers its envelope with the reply's HTTP status", async () => {
    const r = await rest.send("/get-authorization-url", { body: {} })
    expect(expectOxdError(r, 400, "bad_request")).toContain("oxd_id")
  })

  it("takes an empty body as no params", async () => {
    const r = await rest.send("/get-authorization-url", { body: "" })
    expect(expectOxdError(r, 400, "bad_request")).toContain("oxd_id")
  })

  it("answers an older command name (update_site_registration) like the current one", async () => {
    const r = await rest.send("/update-site-registration", { body: {} })
    expect(expectOxdError(r, 400, "bad_request")).toContain("oxd_id")
  })

  it("refuses a protected command without a bearer token: 403 blank_protection_access_token", async () => {
    const r = await rest.send("/get-authorization-url", { body: { oxd_id: "6f9619ff-8b86-4011-b42d-00cf4fc964ff" } })
    expectOxdError(r, 403, "blank_protection_access_token")
  })

  it("takes another Authorization scheme as no token", async () => {
    const r = await rest.send("/get-authorization-url", { body: { oxd_id: "6f9619ff-8b86-4011-b42d-00cf4fc964ff" }, headers: { Authorization: "Basic dXNlcjpwYXNz" } })
    expectOxdError(r, 403, "blank_protection_access_token")
  })
})

describe("HTTP-level refusals, as oxd envelopes", () => {
  it("malformed JSON: 400 bad_request", async () => {
    const r = await rest.send("/get-authorization-url", { body: '{"oxd_id": "x",', headers: { "Content-Type": "application/json" } })
    expect(expectOxdError(r, 400, "bad_request")).toMatch(/not valid JSON/)
  })

  it("a body that is not a JSON object (array, string, null, number): 400 bad_request", async () => {
    for (const body of ["[1,2]", '"text"', "null", "42"]) {
      const r = await rest.send("/get-authorization-url", { body, headers: { "Content-Type": "application/json" } })
      expect(expectOxdError(r, 400, "bad_request")).toMatch(/JSON object/)
    }
  })

  it("a body that is not UTF-8: 400 bad_request", async () => {
    const r = await rest.send("/get-authorization-url", { body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), headers: { "Content-Type": "application/json" } })
    expect(expectOxdError(r, 400, "bad_request")).toMatch(/UTF-8/)
  })

  it("another content type: 415, saying to send application/json", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const r = await rest.send("/get-authorization-url", { body: "oxd_id=x", headers: { "Content-Type": type } })
      expect(expectOxdError(r, 415, "bad_request")).toContain("application/json")
    }
    const none = await rest.send("/get-authorization-url", { body: '{"oxd_id":"x"}' })
    expect(expectOxdError(none, 415, "bad_request")).toContain("application/json")
    const latin1 = await rest.send("/get-authorization-url", { body: "{}", headers: { "Content-Type": "application/json; charset=iso-8859-1" } })
    expectOxdError(latin1, 415, "bad_request")
    await stillServing()
  })

  it("accepts application/json with charset=utf-8", async () => {
    const r = await rest.send("/get-authorization-url", { body: "{}", headers: { "Content-Type": "application/json; charset=UTF-8" } })
    expect(expectOxdError(r, 400, "bad_request")).toContain("oxd_id")
  })

  it("a body over rest_max_body_bytes (declared length): 413 without reading it, and the server goes on", async () => {
    const r = await rest.send("/get-authorization-url", { body: { oxd_id: "x", pad: "y".repeat(1_000_000) } })
    expect(expectOxdError(r, 413, "bad_request")).toContain(String(MAX))
    expect(r.headers["connection"]).toBe("close")
    await stillServing()
  })

  it("a chunked body that grows past rest_max_body_bytes: 413, and the server goes on", async () => {
    const r = await rest.send("/get-authorization-url", { body: { oxd_id: "x", pad: "y".repeat(1_000_000) }, chunked: true })
    expectOxdError(r, 413, "bad_request")
    await stillServing()
  })

  it("a body of exactly rest_max_body_bytes is read", async () => {
    const base = JSON.stringify({ oxd_id: "", pad: "" })
    const r = await rest.send("/get-authorization-url", { body: JSON.stringify({ oxd_id: "", pad: "y".repeat(MAX - base.length) }), headers: { "Content-Type": "application/json" } })
    expect(r.status).toBe(400)
    expect(errorCode(r)).toBe("bad_request")
  })

  it("an unknown path: 404 unsupported_operation naming how commands are called", async () => {
    for (const path of ["/no-such-command", "/", "/get_authorization_url", "/get-authorization-url/extra", "/.env"]) {
      const r = await rest.send(path, { body: {} })
      expect(expectOxdError(r, 404, "unsupported_operation")).toContain("POST /")
    }
  })

  it("GET (or PUT, DELETE) on a command: 405 with Allow: POST", async () => {
    for (const method of ["GET", "PUT", "DELETE", "PATCH"]) {
      const r = await rest.send("/get-authorization-url", { method })
      expectOxdError(r, 405, "bad_request")
      expect(r.headers["allow"]).toBe("POST")
    }
  })

  it("POST on /health-check: 405 with Allow: GET, HEAD", async () => {
    const r = await rest.send("/health-check", { body: {} })
    expectOxdError(r, 405, "bad_request")
    expect(r.headers["allow"]).toBe("GET, HEAD")
  })

  it("a client that sends half a body and disconnects does not disturb the server", async () => {
    const url = new URL(rest.server.url)
    await new Promise<void>((resolve, reject) => {
      const socket = connect({ host: url.hostname, port: Number(url.port), ca: rest.server.tls!.certPem }, () => {
        socket.write(`POST /get-authorization-url HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"oxd_id":`)
        setTimeout(() => { socket.destroy(); resolve() }, 50)
      })
      socket.on("error", reject)
    })
    await stillServing()
  })

  it("answers many concurrent requests", async () => {
    const replies = await Promise.all(Array.from({ length: 40 }, (_, i) => rest.send("/get-authorization-url", { body: { oxd_id: `id-${i}` } })))
    for (const r of replies) expectOxdError(r, 403, "blank_protection_access_token")
  })
})

describe("GET /health-check", () => {
  it("200 {status: ok} while the database answers", async () => {
    const r = await rest.send("/health-check", { method: "GET" })
    expect(r.status).toBe(200)
    expect(r.body).toEqual({ status: "ok", database: "ok" })
  })

  it("HEAD answers the status without a body", async () => {
    const r = await rest.send("/health-check", { method: "HEAD" })
    expect(r.status).toBe(200)
    expect(r.text).toBe("")
  })

  it("503 once the database is gone", async () => {
    const other = await startTestRest()
    try {
      expect((await other.send("/health-check", { method: "GET" })).status).toBe(200)
      await other.oxd.dispose()
      const r = await other.send("/health-check", { method: "GET" })
      expectOxdError(r, 503, "service_unavailable")
    } finally {
      await other.server.close()
    }
  })
})

describe("plain HTTP (rest_plain_http, behind a TLS-terminating proxy)", () => {
  it("serves the same API over http://", async () => {
    const plain = await startTestRest({ rest_plain_http: true })
    try {
      expect(plain.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
      expect(plain.server.tls).toBeUndefined()
      const r = await plain.send("/get-authorization-url", { body: {} })
      expect(r.status).toBe(400)
      expect(errorCode(r)).toBe("bad_request")
    } finally {
      await plain.close()
    }
  })
})
