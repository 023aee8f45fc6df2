import { describe, expect, it } from "vitest"
import { discoveryUrl, isStandardDiscovery } from "./discoveryUrl.js"

describe("discoveryUrl", () => {
  it("is op_host + /.well-known/openid-configuration without op_discovery_path", () => {
    expect(discoveryUrl("https://op.example.org", undefined)).toBe(
      "https://op.example.org/.well-known/openid-configuration",
    )
    expect(discoveryUrl("https://op.example.org/", "")).toBe("https://op.example.org/.well-known/openid-configuration")
    expect(discoveryUrl("https://op.example.org/tenant", null)).toBe(
      "https://op.example.org/tenant/.well-known/openid-configuration",
    )
  })

  it('puts op_discovery_path before /.well-known/openid-configuration, as oxd 3.1 documents ("oxauth")', () => {
    expect(discoveryUrl("https://client.example.com", "oxauth")).toBe(
      "https://client.example.com/oxauth/.well-known/openid-configuration",
    )
    expect(discoveryUrl("https://client.example.com/", "/oxauth/")).toBe(
      "https://client.example.com/oxauth/.well-known/openid-configuration",
    )
  })

  it("takes a path naming a .well-known document as that document, under op_host", () => {
    expect(discoveryUrl("https://op.example.org", "/.well-known/openid-configuration")).toBe(
      "https://op.example.org/.well-known/openid-configuration",
    )
    expect(discoveryUrl("https://op.example.org/tenant", "/.well-known/custom-configuration")).toBe(
      "https://op.example.org/tenant/.well-known/custom-configuration",
    )
    expect(discoveryUrl("https://op.example.org", "auth/realms/x/.well-known/openid-configuration")).toBe(
      "https://op.example.org/auth/realms/x/.well-known/openid-configuration",
    )
  })

  it("tells the standard location apart", () => {
    expect(isStandardDiscovery("https://op.example.org", undefined)).toBe(true)
    expect(isStandardDiscovery("https://op.example.org", "/.well-known/openid-configuration")).toBe(true)
    expect(isStandardDiscovery("https://op.example.org", "oxauth")).toBe(false)
  })
})
