import { describe, expect, it } from "vitest"
import { defectError, errorEnvelope } from "./envelope.js"

// the reference's ErrorResponse (oxd-common ErrorResponse.java:22-27) is written with its null fields: details is
// always there, null unless the AS answered need_info (audit §1, "Reply envelope")
describe("errorEnvelope", () => {
  it("always carries details, null when there are none, as the reference's error replies do", () => {
    expect(errorEnvelope({ code: "bad_request", http: 400, description: "x" })).toEqual({
      status: "error",
      data: { error: "bad_request", error_description: "x", details: null },
    })
    expect(JSON.stringify(errorEnvelope(defectError("r1")))).toContain('"details":null')
  })

  it("carries the details it is given (need_info: the AS's answer)", () => {
    const details = { ticket: "t", required_claims: [] }
    expect(errorEnvelope({ code: "need_info", http: 403, description: "x" }, details).data.details).toEqual(details)
  })
})
