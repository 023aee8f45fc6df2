import type { TestOp } from "@oxd/test-op"
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest"
import type { Oxd } from "../makeOxd.js"
import { call, ok, oxdFor, protectionToken, registerSite, startOp, testClock } from "../../test/support.js"
import { check, delta, protect, registerUmaSite, rptFor } from "../../test/uma.js"

// Cached answers of the AS/OP (RPT introspection, protection tokens) under load (issue #8): a burst on a cold cache
// asks once, and an entry is refreshed in the background before it expires, so no request waits on an expired one.
// The caches' time is a TestClock: nothing sleeps (only the background call to the real OP is waited for).

let op: TestOp
const opened: Oxd[] = []
const oxdWith = (overrides: Parameters<typeof oxdFor>[1], options: Parameters<typeof oxdFor>[2] = {}) => {
  const oxd = oxdFor(op, overrides, options)
  opened.push(oxd)
  return oxd
}
beforeAll(async () => {
  op = await startOp()
})
afterAll(async () => {
  for (const o of opened) await o.dispose()
  await op?.close()
})

describe("RPT introspection cache", () => {
  it("introspects once for 20 checks of one RPT arriving at once", async () => {
    const oxd = oxdWith({})
    const site = await registerUmaSite(oxd, op)
    await protect(oxd, site)
    const { access_token } = await rptFor(oxd, site, "/photo", "GET")
    const before = op.counters()
    const replies = await Promise.all(Array.from({ length: 20 }, () => check(oxd, site, "/photo", "GET", access_token)))
    expect(replies.every((r) => r.access === "granted")).toBe(true)
    expect(delta(op, before, "uma.introspection")).toBe(1)
  })

  it("asks the AS again in the last tenth of rpt_cache_seconds while answering from the cache", async () => {
    const { clock, advance } = await testClock()
    const oxd = oxdWith({ rpt_cache_seconds: 2 }, { clock })
    const site = await registerUmaSite(oxd, op)
    await protect(oxd, site)
    const { access_token } = await rptFor(oxd, site, "/photo", "GET")
    const before = op.counters()
    expect((await check(oxd, site, "/photo", "GET", access_token)).access).toBe("granted")
    expect(delta(op, before, "uma.introspection")).toBe(1)
    await advance(1_799)
    expect((await check(oxd, site, "/photo", "GET", access_token)).access).toBe("granted")
    expect(delta(op, before, "uma.introspection")).toBe(1) // not yet in the last tenth
    await advance(51)
    expect((await check(oxd, site, "/photo", "GET", access_token)).access).toBe("granted") // answered from the entry
    await vi.waitFor(() => expect(delta(op, before, "uma.introspection")).toBe(2)) // the background introspection
    await advance(300) // past the first entry's life: the renewed one answers
    expect((await check(oxd, site, "/photo", "GET", access_token)).access).toBe("granted")
    expect(delta(op, before, "uma.introspection")).toBe(2)
  })
})

describe("protection token cache", () => {
  it("re-introspects a protection token in the background before protection_cache_seconds runs out", async () => {
    const { clock, advance } = await testClock()
    const oxd = oxdWith({ protection_cache_seconds: 2, protect_commands_with_access_token: true }, { clock })
    const { token } = await protectionToken(oxd, op)
    const site = await registerSite(oxd, op, {}, { protectionToken: token })
    const url = () => ok(call(oxd, "get_authorization_url", { oxd_id: site }, { protectionToken: token }))
    const before = op.counters()
    await url()
    const first = delta(op, before, "introspection")
    await advance(1_850)
    await url() // answered from the entry; the OP is asked again in the background
    await vi.waitFor(() => expect(delta(op, before, "introspection")).toBe(first + 1))
    await advance(300) // past the first entry's life: the renewed one answers
    await url() // the renewed entry answers: no introspection in the request's path
    expect(delta(op, before, "introspection")).toBe(first + 1)
  })
})

describe("inactive protection tokens (V7 of the security review)", () => {
  it("asks the OP once for a dead token presented again and again, and at once for a live one", async () => {
    const oxd = oxdWith({ protect_commands_with_access_token: true })
    const { token } = await protectionToken(oxd, op)
    const site = await registerSite(oxd, op, {}, { protectionToken: token })
    const before = op.counters()
    for (let i = 0; i < 20; i++) {
      const r = await call(
        oxd,
        "get_authorization_url",
        { oxd_id: site },
        { protectionToken: "a-token-the-op-never-issued" },
      )
      expect(r.envelope).toMatchObject({ status: "error", data: { error: "inactive_protection_access_token" } })
    }
    expect(delta(op, before, "introspection")).toBe(1)
    // the same burst at once: one introspection too (the callers share the one in flight)
    const burst = await Promise.all(
      Array.from({ length: 20 }, () =>
        call(oxd, "get_authorization_url", { oxd_id: site }, { protectionToken: "another-token-the-op-never-issued" }),
      ),
    )
    expect(burst.every((r) => r.envelope.status === "error")).toBe(true)
    expect(delta(op, before, "introspection")).toBe(2)
    await ok(call(oxd, "get_authorization_url", { oxd_id: site }, { protectionToken: token }))
  })

  it("remembers nothing with protection_cache_seconds 0: every call asks the OP", async () => {
    const oxd = oxdWith({ protect_commands_with_access_token: true, protection_cache_seconds: 0 })
    const { token } = await protectionToken(oxd, op)
    const site = await registerSite(oxd, op, {}, { protectionToken: token })
    const before = op.counters()
    for (let i = 0; i < 3; i++)
      await call(oxd, "get_authorization_url", { oxd_id: site }, { protectionToken: "dead-token" })
    expect(delta(op, before, "introspection")).toBe(3)
  })
})
