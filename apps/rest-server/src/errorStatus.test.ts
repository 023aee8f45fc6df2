import { errorEnvelope, okEnvelope, type Reply } from "@oxd/core"
import { describe, expect, it } from "vitest"
import { replyStatus } from "./errorStatus.js"

const error = (code: string, http: number): Reply => ({
  envelope: errorEnvelope({ code, http, description: "d" }),
  http,
})

describe("replyStatus: the HTTP status of a command's reply", () => {
  it("H9 reference: every oxd error is 200 (oxd-https-extension RestResource.java:201-215 returns the envelope's JSON)", () => {
    for (const [code, http] of [
      ["bad_request", 400],
      ["invalid_oxd_id", 400],
      ["inactive_protection_access_token", 403],
      ["need_info", 403],
      ["internal_error", 500],
      ["op_unreachable", 502],
      ["rate_limited", 429],
    ] as const) {
      expect(replyStatus("reference", error(code, http)), code).toBe(200)
    }
  })

  it("H10 reference: http_status_<NNN> (an AS/OP error passed through) is HTTP NNN (RestResource.java:206-210)", () => {
    expect(replyStatus("reference", error("http_status_403", 500))).toBe(403)
    expect(replyStatus("reference", error("http_status_400", 500))).toBe(400)
    expect(replyStatus("reference", error("http_status_503", 500))).toBe(503)
    // not a status of an error: an oxd error like any other
    expect(replyStatus("reference", error("http_status_200", 500))).toBe(200)
    expect(replyStatus("reference", error("http_status_4000", 500))).toBe(200)
  })

  it("http: the code's own status; ok is 200 in both modes", () => {
    expect(replyStatus("http", error("invalid_oxd_id", 400))).toBe(400)
    expect(replyStatus("http", error("op_unreachable", 502))).toBe(502)
    expect(replyStatus("http", error("http_status_403", 500))).toBe(403)
    expect(replyStatus("reference", { envelope: okEnvelope({}), http: 200 })).toBe(200)
    expect(replyStatus("http", { envelope: okEnvelope({}), http: 200 })).toBe(200)
  })
})
