import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { commandOfMethod, pascalName, procedureName, restPath, type CamelCase } from "./index.js"

describe("names", () => {
  it("derive every name of a command from its wire name", () => {
    expect(restPath("get_tokens_by_code")).toBe("/get-tokens-by-code")
    expect(procedureName("uma_rp_get_claims_gathering_url")).toBe("umaRpGetClaimsGatheringUrl")
    expect(pascalName("uma_rs_check_access")).toBe("UmaRsCheckAccess")
    expect(commandOfMethod("getTokensByCode")).toBe("get_tokens_by_code")
    const method: CamelCase<"get_tokens_by_code"> = "getTokensByCode"
    expect(procedureName("get_tokens_by_code")).toBe(method)
  })

  it("turn any wire name into a method and back (lower-case words joined by _)", () => {
    const wireName = fc
      .array(fc.stringMatching(/^[a-z][a-z0-9]{0,8}$/), { minLength: 1, maxLength: 6 })
      .map((w) => w.join("_"))
    fc.assert(fc.property(wireName, (name) => commandOfMethod(procedureName(name)) === name))
  })
})
