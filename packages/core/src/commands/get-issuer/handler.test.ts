import type { TestOp } from "@oxd/test-op"
import { describe, expect, it } from "vitest"
import type { Oxd } from "../../makeOxd.js"
import { call, failure, ok, startOpAndOxd } from "../../../test/support.js"
import { ISSUER_REL, webFingerRequest } from "./webfinger.js"

let op: TestOp
let oxd: Oxd
startOpAndOxd((o, x) => ([op, oxd] = [o, x]))
const host = () => new URL(op.issuer).host

describe("get_issuer (oxd 4.x)", () => {
  // reference: GetIssuerOperation.java:29-37, the WebFinger answer when one of its issuer links is the OP's issuer
  it("answers WebFinger's subject and links when they name the OP's issuer", async () => {
    for (const resource of [`acct:alice@${host()}`, `alice@${host()}`]) {
      const data = await ok(call(oxd, "get_issuer", { op_host: op.issuer, resource }))
      expect(data).toEqual({ subject: `acct:alice@${host()}`, links: [{ rel: ISSUER_REL, href: op.issuer }] })
    }
    expect(op.counters()["webfinger"]).toBeGreaterThanOrEqual(2)
  })

  it("is also answered under the 4.x wire name issuer_discovery (CommandType.java:52)", async () => {
    const data = await ok(call(oxd, "issuer_discovery", { op_host: op.issuer, resource: `acct:bob@${host()}` }))
    expect(data["subject"]).toBe(`acct:bob@${host()}`)
  })

  // reference: GetIssuerOperation.java:71-78, INVALID_ISSUER_DISCOVERED (ErrorResponseCode.java:100)
  it("refuses a WebFinger issuer that is not the OP's", async () => {
    const e = await failure(call(oxd, "get_issuer", { op_host: op.issuer, resource: `acct:elsewhere@${host()}` }))
    expect(e.error).toBe("invalid_issuer_discovered")
    expect(e.error_description).toContain("https://elsewhere.example.org")
  })

  // reference: GetIssuerOperation.java:43-56, FAILED_TO_GET_ISSUER (ErrorResponseCode.java:99)
  it("answers failed_to_get_issuer when WebFinger knows no such user", async () => {
    const e = await failure(call(oxd, "get_issuer", { op_host: op.issuer, resource: `acct:nobody@${host()}` }))
    expect(e.error).toBe("failed_to_get_issuer")
    expect(e.error_description).toContain("404")
  })

  // reference: GetIssuerOperation.java:59-69, op location first, then resource (BAD_REQUEST_NO_RESOURCE, :32)
  it("checks the OP location, then the resource", async () => {
    expect((await failure(call(oxd, "get_issuer", {}))).error).toBe("invalid_op_host_and_configuration_endpoint")
    expect((await failure(call(oxd, "get_issuer", { op_host: op.issuer }))).error).toBe("bad_request_no_resource")
    expect((await failure(call(oxd, "get_issuer", { op_host: op.issuer, resource: "" }))).error).toBe(
      "bad_request_no_resource",
    )
  })

  it("asks WebFinger only at hosts allowed_op_hosts allows", async () => {
    const e = await failure(call(oxd, "get_issuer", { op_host: op.issuer, resource: "acct:alice@127.0.0.2" }))
    expect(e.error).toBe("invalid_op_host")
  })
})

describe("webFingerRequest", () => {
  it("normalises as OpenID Connect Discovery 1.0 §2.1", () => {
    expect(webFingerRequest("joe@example.com")?.resource).toBe("acct:joe@example.com")
    expect(webFingerRequest("example.com/joe")?.resource).toBe("https://example.com/joe")
    expect(webFingerRequest("https://example.com:8080/")?.url).toMatch(
      /^https:\/\/example\.com:8080\/\.well-known\/webfinger\?/,
    )
    expect(webFingerRequest("acct:joe@")).toBeUndefined()
  })
})
