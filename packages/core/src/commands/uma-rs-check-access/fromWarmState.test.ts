/**
 * answers on the synchronous road (fromWarmState.ts, answerFromWarmState.ts): a granted check whose site, resources, protection token
 * and RPT are cached is answered synchronously, exactly as the handler answers it, with the same event, metrics
 * and log line; everything else goes the ordinary way. Against the real test OP.
 */
import type { TestOp } from "@oxd/test-op"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Reply } from "../../envelope.js"
import type { Oxd } from "../../makeOxd.js"
import type { OxdEvent } from "../../services/Events.js"
import { call, failure, ok, oxdFor, protectionToken, registerSite, startOp, testClock } from "../../../test/support.js"
import { protect, rptFor, UMA_SITE } from "../../../test/uma.js"

let op: TestOp
/** protect_commands_with_access_token on, as REST and WebSocket always are */
let oxd: Oxd
let token: string
let oxdId: string
let rpt: string
/** Moves the core's clock (a TestClock: its caches age only when told). */
let advance: (ms: number) => Promise<void>
beforeAll(async () => {
  op = await startOp()
  const time = await testClock()
  advance = time.advance
  oxd = oxdFor(op, { protect_commands_with_access_token: true, rpt_cache_seconds: 2 }, { clock: time.clock })
  await oxd.ready()
  token = (await protectionToken(oxd, op)).token
  oxdId = await registerSite(oxd, op, { ...UMA_SITE, protection_access_token: token })
  await ok(
    call(oxd, "uma_rs_protect", {
      oxd_id: oxdId,
      protection_access_token: token,
      resources: [{ path: "/photo", conditions: [{ httpMethods: ["GET"], scopes: ["view"] }] }],
    }),
  )
  rpt = (
    await ok<{ access_token: string }>(
      call(oxd, "uma_rp_get_rpt", {
        oxd_id: oxdId,
        protection_access_token: token,
        ticket: (
          await ok<{ ticket: string }>(
            call(oxd, "uma_rs_check_access", {
              oxd_id: oxdId,
              path: "/photo",
              http_method: "GET",
              protection_access_token: token,
            }),
          )
        ).ticket,
      }),
    )
  ).access_token
})
afterAll(async () => {
  await oxd?.dispose()
  await op?.close()
})

/** reference: the three fields always, null when granted (RsCheckAccessResponse.java:12-17) */
const GRANTED = { access: "granted", "www-authenticate_header": null, ticket: null }
const checkParams = (extra: Record<string, unknown> = {}) => ({
  oxd_id: oxdId,
  path: "/photo",
  http_method: "GET",
  rpt,
  protection_access_token: token,
  ...extra,
})
const callNow = (params: Record<string, unknown>, ctx: { protectionToken?: string; requestId?: string } = {}) =>
  oxd.call("uma_rs_check_access", params, { transport: "internal", ...ctx })
/** A check answered the ordinary way first (it fills the caches), then one that should come from warm state. */
const warm = async () => ok(callNow(checkParams()))
const counter = (text: string, series: string) =>
  Number(new RegExp(`^${series.replace(/[{}]/g, "\\$&")} (\\d+)`, "m").exec(text)?.[1] ?? 0)

describe("uma_rs_check_access answered on the synchronous road", () => {
  it("answers a cached granted check synchronously, with the handler's reply", async () => {
    const first = callNow(checkParams())
    expect(first).toBeInstanceOf(Promise) // cold caches: the handler runs
    const ordinary = await first
    expect(ordinary.envelope).toEqual({ status: "ok", data: GRANTED })
    const now = callNow(checkParams())
    expect(now).not.toBeInstanceOf(Promise)
    expect(now).toEqual(ordinary)
    // the granted reply is one shared value, frozen all through: made once, its encoding reusable by an edge
    expect(callNow(checkParams())).toBe(now)
    expect([
      Object.isFrozen(now),
      Object.isFrozen((now as typeof ordinary).envelope),
      Object.isFrozen((now as typeof ordinary).envelope.data),
    ]).toEqual([true, true, true])
    // unknown extra params are ignored on this path too
    expect(callNow(checkParams({ extra: { deep: [1, 2] } }))).toEqual(ordinary)
    // dispatch gives the same reply (in a promise)
    expect(await oxd.dispatch("uma_rs_check_access", checkParams(), { transport: "internal" })).toEqual(ordinary)
  })

  it("publishes the same access_checked event, counts the command and its cache hits once", async () => {
    await warm()
    const events: OxdEvent[] = []
    const stop = oxd.subscribe(
      (e) => e.type === "access_checked",
      (e) => events.push(e),
    )
    const before = await oxd.metricsText()
    const now = callNow(checkParams({ http_method: "get" })) as Reply
    stop()
    expect(now.envelope.status).toBe("ok")
    expect(events).toEqual([
      expect.objectContaining({
        type: "access_checked",
        oxd_id: oxdId,
        access: "granted",
        path: "/photo",
        http_method: "GET",
        setup_client_id: expect.any(String),
      }),
    ])
    expect(JSON.stringify(events)).not.toContain(rpt)
    const after = await oxd.metricsText()
    const ok = 'oxd_commands_total{command="uma_rs_check_access",transport="internal",outcome="ok"}'
    expect(counter(after, ok) - counter(before, ok)).toBe(1)
    for (const cache of ["rpt", "protection", "uma_resources"]) {
      const series = `oxd_cache_requests_total{cache="${cache}",result="hit"}`
      expect(counter(after, series) - counter(before, series), cache).toBe(1)
    }
    // the site came from its cache too (how many reads a check takes is the implementation's business), and no cache
    // missed: the whole answer was memory
    const site = 'oxd_cache_requests_total{cache="site",result="hit"}'
    expect(counter(after, site) - counter(before, site)).toBeGreaterThan(0)
    for (const cache of ["site", "rpt", "protection", "uma_resources"]) {
      const misses = `oxd_cache_requests_total{cache="${cache}",result="miss"}`
      expect(counter(after, misses) - counter(before, misses), cache).toBe(0)
    }
  })

  it("leaves every refusal to the ordinary path, which answers as before", async () => {
    await warm()
    // an active token of another setup client, itself cached (it just registered a site): refused, never on the synchronous road
    const other = (await protectionToken(oxd, op)).token
    await registerSite(oxd, op, { ...UMA_SITE, protection_access_token: other })
    const refusals: Array<[Record<string, unknown>, string]> = [
      // CA4/CA5 · reference: a method or path nothing guards is not protected (RsCheckAccessOperation.java:50-57)
      [checkParams({ http_method: "FETCH" }), "invalid_request"],
      [checkParams({ path: "photo" }), "invalid_request"],
      [checkParams({ http_method: "" }), "invalid_http_method"],
      [checkParams({ path: "" }), "invalid_path_parameter"],
      [checkParams({ path: "/elsewhere" }), "invalid_request"],
      [checkParams({ oxd_id: "no-such-site" }), "invalid_oxd_id"],
      [checkParams({ protection_access_token: undefined }), "blank_protection_access_token"],
      [checkParams({ protection_access_token: "not-a-token" }), "inactive_protection_access_token"],
      [checkParams({ protection_access_token: other }), "invalid_protection_access_token"],
      // a param of the wrong JSON type: the reference's internal_error ERC:21 (audit X3, Convertor.java:37-52)
      [checkParams({ rpt: { a: 1 } }), "internal_error"],
      [{ ...checkParams(), path: undefined }, "invalid_path_parameter"],
    ]
    for (const [params, code] of refusals) {
      const r = callNow(params)
      expect(r, code).toBeInstanceOf(Promise)
      expect((await failure(r)).error, JSON.stringify(params)).toBe(code)
    }
  })

  // CA7 · reference: paths and methods match in any letter case (Rp.java:570-584) — on both roads (resourceFor)
  it("CA7: matches the path and method in any letter case, on the synchronous road as on the ordinary path", async () => {
    await warm()
    const upper = callNow(checkParams({ path: "/PHOTO", http_method: "get" }))
    expect(upper).not.toBeInstanceOf(Promise)
    expect(upper).toEqual({ envelope: { status: "ok", data: GRANTED }, http: 200 })
    expect(
      await oxd.dispatch("uma_rs_check_access", checkParams({ path: "/Photo" }), { transport: "internal" }),
    ).toEqual(upper)
  })

  it("leaves a denial to the handler (it needs a ticket from the AS)", async () => {
    await warm()
    const r = callNow(checkParams({ rpt: "" }))
    expect(r).toBeInstanceOf(Promise)
    expect(await ok(r)).toMatchObject({ access: "denied", ticket: expect.any(String) })
  })

  it("does not answer from an RPT entry due for refresh, nor from resources a write replaced", async () => {
    await warm()
    expect(callNow(checkParams())).not.toBeInstanceOf(Promise)
    // rpt_cache_seconds is 2: past 90 % of it the handler runs and refreshes the entry in the background
    await advance(1900)
    const due = callNow(checkParams())
    expect(due).toBeInstanceOf(Promise)
    expect((await due).envelope).toEqual({ status: "ok", data: GRANTED })
    // the resource now needs another scope: the cached resources are gone with the write, the RPT no longer opens it
    await ok(
      call(oxd, "uma_rs_protect", {
        oxd_id: oxdId,
        overwrite: true,
        protection_access_token: token,
        resources: [{ path: "/photo", conditions: [{ httpMethods: ["GET"], scopes: ["edit"] }] }],
      }),
    )
    const after = callNow(checkParams())
    expect(after).toBeInstanceOf(Promise)
    expect(await ok(after)).toMatchObject({ access: "denied" })
    // a fresh RPT for the new scope is granted, then answered on the synchronous road
    const fresh = (await rptFor(oxdWithToken(), oxdId, "/photo", "GET")).access_token
    await ok(callNow(checkParams({ rpt: fresh })))
    expect(callNow(checkParams({ rpt: fresh }))).toEqual({ envelope: { status: "ok", data: GRANTED }, http: 200 })
  })

  it("applies the rate limit to answers on the synchronous road too", async () => {
    const limited = oxdFor(op, { rate_limit_per_minute: 60, rate_limit_burst: 2 })
    try {
      // set up over the internal transport (never limited), then checked over tcp from one address
      const site = await registerSite(limited, op, UMA_SITE)
      await protect(limited, site, [{ path: "/photo", conditions: [{ httpMethods: ["GET"], scopes: ["view"] }] }])
      const { access_token } = await rptFor(limited, site, "/photo", "GET")
      const params = { oxd_id: site, path: "/photo", http_method: "GET", rpt: access_token }
      await ok(call(limited, "uma_rs_check_access", params))
      const ctx = { transport: "tcp" as const, remoteAddress: "127.0.0.9" }
      const replies = Array.from({ length: 4 }, () => limited.call("uma_rs_check_access", params, ctx))
      expect(replies.every((r) => !(r instanceof Promise))).toBe(true)
      const outcome = ({ envelope: e }: Reply) => (e.status === "ok" ? "granted" : e.data.error)
      expect(replies.map((r) => outcome(r as Reply))).toEqual(["granted", "granted", "rate_limited", "rate_limited"])
    } finally {
      await limited.dispose()
    }
  })
})

/** The tests' helpers call without a token: this core requires one, so they get it from the transport. */
const oxdWithToken = (): Oxd => ({
  ...oxd,
  dispatch: (c, p, ctx) => oxd.dispatch(c, p, { ...ctx, protectionToken: token }),
})
