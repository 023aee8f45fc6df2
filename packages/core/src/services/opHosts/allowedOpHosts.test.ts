import { describe, expect, it } from "vitest"
import { isAllowedOrigin, isListedOrigin, parseAllowedOpHosts } from "./allowedOpHosts.js"

const origin = (url: string) => new URL(url).origin

describe("allowed_op_hosts: matching an origin", () => {
  const allowed = parseAllowedOpHosts([
    "https://op.example.com",
    "https://127.0.0.1:9443",
    "https://*.example.org",
    "https://*.idp.example.net:8443",
    "https://[::1]:9443/",
  ])

  it("an exact origin matches itself only: same host, same port", () => {
    expect(isAllowedOrigin(allowed, origin("https://op.example.com/.well-known/openid-configuration"))).toBe(true)
    expect(isAllowedOrigin(allowed, origin("https://OP.Example.COM:443/token"))).toBe(true) // as URL.origin writes it
    expect(isAllowedOrigin(allowed, origin("https://op.example.com:8443"))).toBe(false)
    expect(isAllowedOrigin(allowed, origin("https://a.op.example.com"))).toBe(false)
    expect(isAllowedOrigin(allowed, origin("https://127.0.0.1:9443"))).toBe(true)
    expect(isAllowedOrigin(allowed, origin("https://2130706433:9443"))).toBe(true) // the same address, spelled in decimal
    expect(isAllowedOrigin(allowed, origin("https://127.0.0.1:9444"))).toBe(false)
    expect(isAllowedOrigin(allowed, origin("https://[0:0:0:0:0:0:0:1]:9443"))).toBe(true)
  })

  it("a wildcard matches any subdomain on its port, but not the domain itself", () => {
    expect(isAllowedOrigin(allowed, origin("https://login.example.org"))).toBe(true)
    expect(isAllowedOrigin(allowed, origin("https://a.b.example.org"))).toBe(true)
    expect(isAllowedOrigin(allowed, origin("https://example.org"))).toBe(false)
    expect(isAllowedOrigin(allowed, origin("https://evilexample.org"))).toBe(false)
    expect(isAllowedOrigin(allowed, origin("https://login.example.org:8443"))).toBe(false)
    expect(isAllowedOrigin(allowed, origin("https://example.org.evil.com"))).toBe(false)
    expect(isAllowedOrigin(allowed, origin("https://a.idp.example.net:8443"))).toBe(true)
    expect(isAllowedOrigin(allowed, origin("https://a.idp.example.net"))).toBe(false)
    expect(isAllowedOrigin(allowed, origin("http://login.example.org"))).toBe(false)
  })

  it("only origins written out are listed (a non-public address is allowed for them alone)", () => {
    expect(isListedOrigin(allowed, "https://127.0.0.1:9443")).toBe(true)
    expect(isListedOrigin(allowed, "https://[::1]:9443")).toBe(true)
    expect(isListedOrigin(allowed, "https://login.example.org")).toBe(false)
  })

  it("an empty list allows every origin and lists none", () => {
    const any = parseAllowedOpHosts([])
    expect(isAllowedOrigin(any, "https://anything.example")).toBe(true)
    expect(isListedOrigin(any, "https://127.0.0.1:9443")).toBe(false)
  })
})

describe("allowed_op_hosts: entries that cannot be used are refused, naming the entry", () => {
  it.each([
    ["http://op.example.com", "must start with https://"],
    ["op.example.com", "is not a URL"],
    ["https://op.example.com/oxauth", "must be an origin"],
    ["https://op.example.com?x=1", "must be an origin"],
    ["https://op.example.com#f", "must be an origin"],
    ["https://user:pw@op.example.com", "user name or password"],
    ["https://op.*.example.com", "may hold * only as the first label"],
    ["https://*.*.example.com", "one * only"],
    ["https://*.com", "at least two labels"],
    ["https://*", "may hold * only as the first label"],
  ])("%s", (entry, problem) => {
    expect(() => parseAllowedOpHosts([entry])).toThrow(`entry "${entry}" `)
    expect(() => parseAllowedOpHosts([entry])).toThrow(problem)
  })
})
