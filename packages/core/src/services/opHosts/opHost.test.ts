import { describe, expect, it } from "vitest"
import { normalizeOpHost, requestedOpHost } from "./opHost.js"

// SC2 / R2 / GC2: oxd 3.1.4 DiscoveryService.java:133-141 prepends https:// to an op_host without a scheme
describe("normalizeOpHost", () => {
  it("SC2/R2/GC2: prepends https:// to an op_host without a scheme, as the reference does", () => {
    expect(normalizeOpHost("op.example.com")).toBe("https://op.example.com")
    expect(normalizeOpHost("127.0.0.1:8443/oxauth")).toBe("https://127.0.0.1:8443/oxauth")
    expect(normalizeOpHost("httpbin.example.org")).toBe("https://httpbin.example.org")
  })

  it("keeps an op_host that has an http(s) scheme as it is", () => {
    for (const h of ["https://op.example.com", "http://op.example.com", "HTTPS://op.example.com/"])
      expect(normalizeOpHost(h)).toBe(h)
  })
})

describe("requestedOpHost", () => {
  it("is the caller's op_host, else default_op_host, else undefined", () => {
    expect(requestedOpHost("op.example.com", { default_op_host: "https://default.example.com" })).toBe("op.example.com")
    expect(requestedOpHost("", { default_op_host: "https://default.example.com" })).toBe("https://default.example.com")
    expect(requestedOpHost(undefined, { default_op_host: undefined })).toBeUndefined()
  })
})
