import { describe, expect, it } from "vitest"
import { describeProtectionScopes, hasProtectionScope } from "./protectionScope.js"

const DEFAULT = ["oxd", "uma_protection"]

describe("hasProtectionScope", () => {
  // X17: the reference requires the oxd scope (ValidationService.java:138-140); a 3.1 setup's token carries it
  it("X17: accepts a token with the reference's oxd scope", () => {
    expect(hasProtectionScope(["openid", "oxd"], DEFAULT)).toBe(true)
  })

  // X16: oxd-ts's own setups asked for uma_protection; those tokens still count (the reference refuses them)
  it("X16: accepts a token with uma_protection", () => {
    expect(hasProtectionScope(["uma_protection"], DEFAULT)).toBe(true)
  })

  it("refuses a token with neither (openid alone, none, a look-alike)", () => {
    expect(hasProtectionScope(["openid"], DEFAULT)).toBe(false)
    expect(hasProtectionScope([], DEFAULT)).toBe(false)
    expect(hasProtectionScope(["oxd:read", "uma_protection2"], DEFAULT)).toBe(false)
  })

  it("follows the configured list (an operator may require uma_protection alone)", () => {
    expect(hasProtectionScope(["oxd"], ["uma_protection"])).toBe(false)
    expect(hasProtectionScope(["uma_protection"], ["uma_protection"])).toBe(true)
  })

  it("names the accepted scopes", () => {
    expect(describeProtectionScopes(DEFAULT)).toBe('"oxd" or "uma_protection"')
  })
})
