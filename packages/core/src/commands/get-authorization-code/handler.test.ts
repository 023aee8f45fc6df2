import type { TestOp } from "@oxd/test-op"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Oxd } from "../../makeOxd.js"
import {
  call,
  failure,
  jwtClaims,
  ok,
  oxdFor,
  registerAtOp,
  registerSite,
  REDIRECT_URI,
  startOpOxdAndSite,
} from "../../../test/support.js"

let op: TestOp
/** A core with the default test_helpers_enabled: false. */
let off: Oxd
let offSite: string
startOpOxdAndSite((o, x, id) => ([op, off, offSite] = [o, x, id]))
let on: Oxd
let site: string
beforeAll(async () => {
  on = oxdFor(op, { test_helpers_enabled: true })
  site = await registerSite(on, op)
})
afterAll(() => on?.dispose())

const USER = { username: "alice", password: "alice-password" }

describe("the test helpers switched off (test_helpers_enabled: false, the default)", () => {
  it("answers each as a disabled command (unsupported_operation) before reading its params, calling no OP", async () => {
    const before = op.counters()["authorization.basic"] ?? 0
    for (const [command, params] of [
      ["get_authorization_code", { oxd_id: offSite, ...USER }],
      ["authorization_code_flow", { oxd_id: offSite }],
      ["implicit_flow", {}],
    ] as const) {
      const e = await failure(call(off, command, params))
      expect(e.error, command).toBe("unsupported_operation")
      expect(e.error_description).toContain("test_helpers_enabled")
    }
    expect(op.counters()["authorization.basic"] ?? 0).toBe(before)
  })
})

describe("get_authorization_code (oxd 4.x test helper)", () => {
  // reference: GetAuthorizationCodeOperation.java:41-73, the code of a prompt=none login by password
  it("logs the user in by password and returns a code get_tokens_by_code redeems with the state", async () => {
    const { code, state } = await ok<{ code: string; state: string }>(
      call(on, "get_authorization_code", { oxd_id: site, ...USER }),
    )
    const tokens = await ok(call(on, "get_tokens_by_code", { oxd_id: site, code, state }))
    expect(tokens["id_token_claims"]["sub"]).toEqual(["248289761001"])
    expect(op.counters()["authorization.basic"]).toBeGreaterThanOrEqual(1)
  })

  it("answers internal_error for a wrong password (the reference's null response)", async () => {
    const e = await failure(call(on, "get_authorization_code", { oxd_id: site, username: "alice", password: "wrong" }))
    expect(e.error).toBe("internal_error")
    expect(e.error_description).toContain("login_required")
  })
})

describe("authorization_code_flow and implicit_flow (oxd 4.x test helpers)", () => {
  // reference: AuthorizationCodeFlowOperation.java:50-107, ImplicitFlowOperation.java:46-102
  it.each(["authorization_code_flow", "implicit_flow"] as const)(
    "%s: logs in for the given client and exchanges the code, its ID token validated",
    async (command) => {
      const client = await registerAtOp(op)
      const data = await ok(
        call(on, command, {
          oxd_id: site,
          redirect_url: REDIRECT_URI,
          client_id: client["client_id"],
          client_secret: client["client_secret"],
          user_id: "bob",
          user_secret: "bob-password",
          scope: "openid profile",
          nonce: "n-123",
        }),
      )
      expect(Object.keys(data).sort()).toEqual([
        "access_token",
        "authorization_code",
        "expires_in_seconds",
        "id_token",
        "refresh_token",
        "scope",
      ])
      expect(jwtClaims(data["id_token"])).toMatchObject({
        sub: "248289761002",
        aud: client["client_id"],
        nonce: "n-123",
      })
      expect(data["expires_in_seconds"]).toEqual(expect.any(Number))
    },
  )

  it("refuses a wrong client secret at the token endpoint (internal_error)", async () => {
    const client = await registerAtOp(op)
    const e = await failure(
      call(on, "authorization_code_flow", {
        oxd_id: site,
        redirect_url: REDIRECT_URI,
        client_id: client["client_id"],
        client_secret: "not-the-secret",
        user_id: "alice",
        user_secret: "alice-password",
      }),
    )
    expect(e.error).toBe("internal_error")
  })
})
