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

/** A Bearer header: a protected command then goes on to core (which checks the token after the params). */
const BEARER = { Authorization: "Bearer a-token" }
const SITE = "6f9619ff-8b86-4011-b42d-00cf4fc964ff"

/** The server still answers a fresh request correctly (a command's oxd error: HTTP 200 by the reference, H9). */
const stillServing = async () => {
  const r = await rest.send("/get-authorization-url", { body: {}, headers: BEARER })
  expect(expectOxdError(r, 200, "bad_request")).toContain("oxd_id")
}

/** H1/H2: the reference's 403 for a protected command without a Bearer token (RestResource.java:217-235). */
const expectForbidden = (r: RawReply) => {
  expect(expectOxdError(r, 403, "403")).toMatch(/^Forbidden Access/)
}

describe("commands at POST /<command> (rest_error_status: reference, the default)", () => {
  it("H9: an oxd error is HTTP 200 with the error envelope (RestResource.java:201-215)", async () => {
    const r = await rest.send("/get-authorization-url", { body: {}, headers: BEARER })
    expect(expectOxdError(r, 200, "bad_request")).toContain("oxd_id")
    // core's status for the code stays in its table; the reply carries 200 all the same
    const unknownSite = await rest.send("/get-authorization-url", { body: { oxd_id: SITE }, headers: BEARER })
    expectOxdError(unknownSite, 200, "invalid_oxd_id")
    const setup = await rest.send("/setup-client", { body: {} })
    expectOxdError(setup, 200, "invalid_op_host")
  })

  it('H7: an empty body is 400 "Invalid parameters", as Jackson has no content to map (RestResource.java:192-199)', async () => {
    for (const body of ["", "  \n"]) {
      const r = await rest.send("/get-authorization-url", {
        body,
        headers: { ...BEARER, "Content-Type": "application/json" },
      })
      expect(expectOxdError(r, 400, "bad_request")).toMatch(/^Invalid parameters\. Message: the body is empty/)
    }
    // no body at all, on a command that needs no token too
    const none = await rest.send("/setup-client")
    expect(expectOxdError(none, 400, "bad_request")).toMatch(/^Invalid parameters\. Message: the body is empty/)
  })

  it("answers an older command name (update_site_registration) like the current one", async () => {
    const r = await rest.send("/update-site-registration", { body: {}, headers: BEARER })
    expect(expectOxdError(r, 200, "bad_request")).toContain("oxd_id")
  })

  it('H1: a protected command without a bearer token: 403, error "403" "Forbidden Access" (RestResource.java:217-235)', async () => {
    expectForbidden(await rest.send("/get-authorization-url", { body: { oxd_id: SITE } }))
    // register_site reads the header too (RestResource.java:76-79); setup_client and get_client_token do not (:40-50)
    expectForbidden(
      await rest.send("/register-site", { body: { authorization_redirect_uri: "https://rp.example/cb" } }),
    )
    expectOxdError(await rest.send("/setup-client", { body: {} }), 200, "invalid_op_host")
    // the token is checked before the params are: {} without a token is 403, not a missing oxd_id
    expectForbidden(await rest.send("/get-authorization-url", { body: {} }))
  })

  it('H2: anything but exactly "Bearer <token>" is no token (RestResource.java:218-224 startsWith("Bearer "))', async () => {
    for (const authorization of [
      "Basic dXNlcjpwYXNz",
      "bearer a-token",
      "BEARER a-token",
      "Bearer\ta-token",
      "Bearer ",
      "Bearer    ",
      "Bearera-token",
      "a-token",
    ]) {
      const r = await rest.send("/get-authorization-url", {
        body: { oxd_id: SITE },
        headers: { Authorization: authorization },
      })
      expectForbidden(r)
    }
    // "Bearer " then a token: past the header check, on to core (the site is unknown)
    expectOxdError(
      await rest.send("/get-authorization-url", { body: { oxd_id: SITE }, headers: BEARER }),
      200,
      "invalid_oxd_id",
    )
  })

  it("H3: a protection_access_token in the body is no token: the header is required (RestResource.java:78)", async () => {
    const r = await rest.send("/get-authorization-url", { body: { oxd_id: SITE, protection_access_token: "a-token" } })
    expectForbidden(r)
  })
})

describe("HTTP-level refusals, as oxd envelopes", () => {
  it('H6: malformed JSON: 400 "Invalid parameters. Message: …", before the token is looked at (RestResource.java:192-199)', async () => {
    const r = await rest.send("/get-authorization-url", {
      body: '{"oxd_id": "x",',
      headers: { "Content-Type": "application/json" },
    })
    expect(expectOxdError(r, 400, "bad_request")).toMatch(/^Invalid parameters\. Message: .*not valid JSON/)
    // the body's text is never echoed
    const secret = await rest.send("/get-authorization-url", {
      body: '{"client_secret": "s3cr3t-value"',
      headers: { "Content-Type": "application/json" },
    })
    expect(secret.text).not.toContain("s3cr3t-value")
  })

  it('H8: a body that is not a JSON object (array, string, null, number): 400 "Invalid parameters" (the reference: Jackson refuses, or null crashes with 500)', async () => {
    for (const body of ["[1,2]", '"text"', "null", "42"]) {
      const r = await rest.send("/get-authorization-url", {
        body,
        headers: { ...BEARER, "Content-Type": "application/json" },
      })
      expect(expectOxdError(r, 400, "bad_request")).toMatch(/^Invalid parameters\. Message: .*JSON object/)
    }
  })

  it("a body that is not UTF-8: 400 bad_request", async () => {
    const r = await rest.send("/get-authorization-url", {
      body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      headers: { "Content-Type": "application/json" },
    })
    expect(expectOxdError(r, 400, "bad_request")).toMatch(/UTF-8/)
  })

  it("H14: another content type: 415 (the reference: Jersey's @Consumes), saying to send application/json", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const r = await rest.send("/get-authorization-url", { body: "oxd_id=x", headers: { "Content-Type": type } })
      expect(expectOxdError(r, 415, "bad_request")).toContain("application/json")
    }
    const none = await rest.send("/get-authorization-url", { body: '{"oxd_id":"x"}' })
    expect(expectOxdError(none, 415, "bad_request")).toContain("application/json")
    const latin1 = await rest.send("/get-authorization-url", {
      body: "{}",
      headers: { "Content-Type": "application/json; charset=iso-8859-1" },
    })
    expectOxdError(latin1, 415, "bad_request")
    await stillServing()
  })

  it("accepts application/json with charset=utf-8", async () => {
    const r = await rest.send("/get-authorization-url", {
      body: "{}",
      headers: { ...BEARER, "Content-Type": "application/json; charset=UTF-8" },
    })
    expect(expectOxdError(r, 200, "bad_request")).toContain("oxd_id")
  })

  it("a body over rest_max_body_bytes (declared length): 413 without reading it, and the server goes on", async () => {
    const r = await rest.send("/get-authorization-url", { body: { oxd_id: "x", pad: "y".repeat(1_000_000) } })
    expect(expectOxdError(r, 413, "bad_request")).toContain(String(MAX))
    expect(r.headers["connection"]).toBe("close")
    await stillServing()
  })

  it("a chunked body that grows past rest_max_body_bytes: 413, and the server goes on", async () => {
    const r = await rest.send("/get-authorization-url", {
      body: { oxd_id: "x", pad: "y".repeat(1_000_000) },
      chunked: true,
    })
    expectOxdError(r, 413, "bad_request")
    await stillServing()
  })

  it("a body of exactly rest_max_body_bytes is read", async () => {
    const base = JSON.stringify({ oxd_id: "", pad: "" })
    const r = await rest.send("/get-authorization-url", {
      body: JSON.stringify({ oxd_id: "", pad: "y".repeat(MAX - base.length) }),
      headers: { ...BEARER, "Content-Type": "application/json" },
    })
    expect(r.status).toBe(200)
    expect(errorCode(r)).toBe("bad_request")
  })

  it("H12: an unknown path: 404 (the reference: Jersey's 404) unsupported_operation naming how commands are called", async () => {
    for (const path of ["/no-such-command", "/", "/get_authorization_url", "/get-authorization-url/extra", "/.env"]) {
      const r = await rest.send(path, { body: {} })
      expect(expectOxdError(r, 404, "unsupported_operation")).toContain("POST /")
    }
  })

  it("H13: GET (or PUT, DELETE) on a command: 405 (the reference: Jersey's 405) with Allow: POST", async () => {
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
        socket.write(
          `POST /get-authorization-url HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"oxd_id":`,
        )
        setTimeout(() => {
          socket.destroy()
          resolve()
        }, 50)
      })
      socket.on("error", reject)
    })
    await stillServing()
  })

  it("answers many concurrent requests", async () => {
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, i) => rest.send("/get-authorization-url", { body: { oxd_id: `id-${i}` } })),
    )
    for (const r of replies) expectForbidden(r)
  })
})

describe("GET /health-check", () => {
  it("H15: 200 `running`, the reference's answer (RestResource.java:29-34), as plain text", async () => {
    const r = await rest.send("/health-check", { method: "GET" })
    expect(r.status).toBe(200)
    expect(r.text).toBe("running")
    expect(r.headers["content-type"]).toBe("text/plain; charset=utf-8")
    expect(r.headers["cache-control"]).toBe("no-store")
  })

  it("HEAD answers the status without a body", async () => {
    const r = await rest.send("/health-check", { method: "HEAD" })
    expect(r.status).toBe(200)
    expect(r.text).toBe("")
  })

  it("H15: `running` whatever the database (a liveness answer, as the reference's); the database's state is GET /health/ready's", async () => {
    const other = await startTestRest()
    try {
      const ready = await other.send("/health/ready", { method: "GET" })
      expect(ready.status).toBe(200)
      await other.oxd.dispose()
      const r = await other.send("/health-check", { method: "GET" })
      expect(r.status).toBe(200)
      expect(r.text).toBe("running")
      expect((await other.send("/health/ready", { method: "GET" })).status).toBe(503)
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
      const r = await plain.send("/get-authorization-url", { body: {}, headers: BEARER })
      expect(r.status).toBe(200)
      expect(errorCode(r)).toBe("bad_request")
    } finally {
      await plain.close()
    }
  })
})

describe("rest_error_status: http (proper HTTP statuses)", () => {
  let http: TestRest
  beforeAll(async () => {
    http = await startTestRest({ rest_error_status: "http" })
  })
  afterAll(async () => {
    await http?.close()
  })

  it("H9 (http): an oxd error carries its code's status (400 bad_request, 400 invalid_oxd_id)", async () => {
    const r = await http.send("/get-authorization-url", { body: {}, headers: BEARER })
    expect(r.status).toBe(400)
    expect(errorCode(r)).toBe("bad_request")
    const unknownSite = await http.send("/get-authorization-url", { body: { oxd_id: SITE }, headers: BEARER })
    expect(unknownSite.status).toBe(400)
    expect(errorCode(unknownSite)).toBe("invalid_oxd_id")
  })

  it("H1, H6, H7, H12, H15 (http): the same as in reference mode", async () => {
    const forbidden = await http.send("/get-authorization-url", {
      body: { oxd_id: SITE },
      headers: { Authorization: "bearer a-token" },
    })
    expect(forbidden.status).toBe(403)
    expect(errorCode(forbidden)).toBe("403")
    const badJson = await http.send("/get-authorization-url", {
      body: "{",
      headers: { "Content-Type": "application/json" },
    })
    expect(badJson.status).toBe(400)
    expect(badJson.body.data.error_description).toMatch(/^Invalid parameters/)
    const empty = await http.send("/setup-client")
    expect(empty.status).toBe(400)
    const unknown = await http.send("/no-such-command", { body: {} })
    expect(unknown.status).toBe(404)
    expect(errorCode(unknown)).toBe("unsupported_operation")
    const health = await http.send("/health-check", { method: "GET" })
    expect(health.text).toBe("running")
  })
})
