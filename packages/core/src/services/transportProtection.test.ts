/** The per-transport protection policy: which token a call presents and whether one is required, per transport. */
import { describe, expect, it } from "vitest"
import type { CallContext } from "../CallContext.js"
import { presentedToken, protectionStep, tokenRequired } from "./transportProtection.js"

const ctx = (
  transport: CallContext["transport"],
  protectionToken?: string,
  requireProtection?: boolean,
): CallContext => ({ transport, protectionToken, requireProtection, requestId: "r" })
const params = { oxd_id: "s", protection_access_token: "from-params" }

describe("transportProtection", () => {
  it("REST takes the header's token only; ws lets the params' win; TCP and in-process take the transport's, else the params'", () => {
    expect(
      ["https", "ws", "tcp", "internal"].map((t) =>
        presentedToken(t as CallContext["transport"], "from-transport", params),
      ),
    ).toEqual(["from-transport", "from-params", "from-transport", "from-transport"])
    expect(
      ["https", "ws", "tcp", "internal"].map((t) => presentedToken(t as CallContext["transport"], undefined, params)),
    ).toEqual([undefined, "from-params", "from-params", "from-params"])
    expect(presentedToken("ws", "from-transport", { protection_access_token: "" })).toBe("from-transport")
  })

  it("REST and ws always require a token; TCP as protect_commands_with_access_token says; an in-process override wins", () => {
    expect([
      tokenRequired(ctx("https"), false),
      tokenRequired(ctx("ws"), false),
      tokenRequired(ctx("tcp"), false),
      tokenRequired(ctx("tcp"), true),
    ]).toEqual([true, true, false, true])
    expect(tokenRequired(ctx("internal", undefined, true), false)).toBe(true)
    expect(tokenRequired(ctx("https", undefined, false), false)).toBe(false)
  })

  it("decides the step both roads take", () => {
    expect(protectionStep("none", ctx("https"), undefined, true)).toBe("pass")
    expect(protectionStep("site", ctx("https"), undefined, false)).toBe("missing")
    expect(protectionStep("site", ctx("ws"), "t", false)).toBe("site")
    expect(protectionStep("site", ctx("tcp"), "t", false)).toBe("pass")
    expect(protectionStep("site", ctx("tcp"), "t", true)).toBe("site")
    expect(protectionStep("register", ctx("tcp"), "t", false)).toBe("register")
    expect(protectionStep("register", ctx("tcp"), undefined, false)).toBe("pass")
  })
})
