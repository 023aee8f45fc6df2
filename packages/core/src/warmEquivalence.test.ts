/**
 * The two roads agree: every answer the synchronous road gives (answerFromWarmState.ts) equals the Effect road's
 * answer to the same request, errors included. fast-check generates requests over every command with a
 * `fromWarmState` — valid and invalid params, unknown and foreign oxd_ids, missing, foreign and inactive protection
 * tokens, a token expired since the synchronous road last accepted it, in the params and on the transport, on every
 * transport — against two cores on one database and the real test OPs: `fast` (fast_path on, warmed by each request
 * before it is asked again) and `effect` (fast_path: false).
 *
 * Reproducible: seed EQUIV_SEED (default 25), EQUIV_RUNS runs (default 200). A long run:
 *   EQUIV_RUNS=2000 pnpm --filter @oxd/core exec vitest run src/warmEquivalence.test.ts
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { TestOp } from "@oxd/test-op"
import fc from "fast-check"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { CallContext } from "./CallContext.js"
import { commands } from "./commands/index.js"
import type { Reply } from "./envelope.js"
import type { Oxd } from "./makeOxd.js"
import { call, ok, opOrigin, oxdFor, protectionToken, registerSite, startOp } from "../test/support.js"
import { photoAndDocument, rptFor, sleep, UMA_SITE } from "../test/uma.js"

const SEED = Number(process.env["EQUIV_SEED"] ?? 25)
const RUNS = Number(process.env["EQUIV_RUNS"] ?? 200)
const TIMEOUT = Math.max(60_000, RUNS * 400)

let op: TestOp
/** An OP whose client_credentials tokens live CC_TTL seconds: site D's setup token expires before the property runs. */
let shortOp: TestOp
const CC_TTL = 2
let dir: string
let fast: Oxd
let effect: Oxd
/**
 * Two setup clients' tokens and their sites (UMA, /photo and /document protected), a site without a setup client
 * (C), a site at the short-lived OP whose setup token has expired (D), and an RPT per site.
 */
const w = {
  tokenA: "",
  tokenB: "",
  tokenD: "",
  siteA: "",
  siteB: "",
  siteC: "",
  siteD: "",
  rptA: "",
  rptB: "",
  rptC: "",
  rptD: "",
}

beforeAll(async () => {
  op = await startOp()
  shortOp = await startOp({ ttl: { ClientCredentials: CC_TTL } })
  dir = mkdtempSync(join(tmpdir(), "oxd-equiv-"))
  // one database for both cores: what one registers, the other reads; protection off on tcp and internal, so the
  // "config" row of the transport table is exercised too
  const config = { database_url: `file:${join(dir, "oxd.db")}`, allowed_op_hosts: [opOrigin(op), opOrigin(shortOp)] }
  fast = oxdFor(op, config)
  await fast.ready()
  effect = oxdFor(op, { ...config, fast_path: false })
  await effect.ready()
  const a = await protectionToken(fast, op)
  const b = await protectionToken(fast, op)
  w.tokenA = a.token
  w.tokenB = b.token
  w.siteA = await registerSite(fast, op, { ...UMA_SITE, protection_access_token: w.tokenA })
  w.siteB = await registerSite(fast, op, { ...UMA_SITE, protection_access_token: w.tokenB })
  w.siteC = await registerSite(fast, op, UMA_SITE)
  for (const [site, token] of [
    [w.siteA, w.tokenA],
    [w.siteB, w.tokenB],
    [w.siteC, undefined],
  ] as const) {
    await ok(
      call(fast, "uma_rs_protect", {
        oxd_id: site,
        resources: photoAndDocument(),
        ...(token ? { protection_access_token: token } : {}),
      }),
    )
  }
  w.rptA = (await rptFor(fast, w.siteA, "/photo", "GET", { protection_access_token: w.tokenA })).access_token
  w.rptB = (await rptFor(fast, w.siteB, "/photo", "GET", { protection_access_token: w.tokenB })).access_token
  w.rptC = (await rptFor(fast, w.siteC, "/photo", "GET")).access_token
  // site D: its setup token is accepted on the synchronous road, then expires there
  const expiresAt = Date.now() + CC_TTL * 1000
  w.tokenD = (await protectionToken(fast, shortOp)).token
  w.siteD = await registerSite(fast, shortOp, { ...UMA_SITE, protection_access_token: w.tokenD })
  await ok(
    call(fast, "uma_rs_protect", { oxd_id: w.siteD, resources: photoAndDocument(), protection_access_token: w.tokenD }),
  )
  w.rptD = (await rptFor(fast, w.siteD, "/photo", "GET", { protection_access_token: w.tokenD })).access_token
  const checkD = { oxd_id: w.siteD, path: "/photo", http_method: "GET", rpt: w.rptD }
  await ok(fast.call("uma_rs_check_access", checkD, { transport: "https", protectionToken: w.tokenD }))
  const warm = fast.call("uma_rs_check_access", checkD, { transport: "https", protectionToken: w.tokenD })
  expect(warm).not.toBeInstanceOf(Promise)
  await sleep(Math.max(0, expiresAt - Date.now()) + 1_100)
}, 60_000)
afterAll(async () => {
  await fast?.dispose()
  await effect?.dispose()
  await op?.close()
  await shortOp?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

/**
 * A request is resolved at run time (the fixtures exist only after beforeAll) around one of the three sites: each field
 * is most often the one that fits that site (its oxd_id, its setup client's token, its RPT, a protected path), else
 * anything — so warm grants are frequent, and so is every way of being wrong next to them.
 */
type Site = "A" | "B" | "C" | "D"
/** "@name" stands for a fixture, "@own.x" for the request's site's own x; anything else is itself. */
const resolve = (v: unknown, site: Site): unknown => {
  if (typeof v !== "string" || !v.startsWith("@")) return v
  if (v === "@own.oxd_id") return w[`site${site}`]
  if (v === "@own.token") return site === "B" ? w.tokenB : site === "D" ? w.tokenD : w.tokenA
  if (v === "@own.rpt") return w[`rpt${site}`]
  return w[v.slice(1) as keyof typeof w]
}
/** Mostly the fitting value, else one of `others`, sometimes absent. */
const field = (fitting: ReadonlyArray<unknown>, others: ReadonlyArray<unknown>) =>
  fc.option(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...fitting) },
      { weight: 1, arbitrary: fc.constantFrom(...others) },
    ),
    { nil: undefined, freq: 19 },
  )
const sometimes = (...values: ReadonlyArray<unknown>) => fc.option(fc.constantFrom(...values), { nil: undefined })

const otherOxdIds = [
  "@siteA",
  "@siteB",
  "@siteC",
  "@siteD",
  "00000000-0000-4000-8000-000000000000",
  "not-an-oxd-id",
  42,
  "",
]
const otherTokens = ["@tokenA", "@tokenB", "@tokenD", "an-inactive-token", "", 7]
const checkAccess = fc.record({
  oxd_id: field(["@own.oxd_id"], otherOxdIds),
  path: field(["/photo", "/PHOTO"], ["/document", "/nothing", "", 3]),
  http_method: field(["GET", "get"], ["POST", "PUT", "", null]),
  rpt: field(["@own.rpt"], ["@rptA", "@rptB", "@rptC", "@rptD", "an-unknown-rpt", ""]),
  // oxd 4.x: the scopes the request needs (the RPTs hold view on /photo GET)
  scopes: sometimes(["view"], ["add"], ["add", "view"], [], "view", 4),
  protection_access_token: field(["@own.token"], otherTokens),
  extra: sometimes({ deep: [1, 2] }, "x"),
})
const authorizationUrl = fc.record({
  oxd_id: field(["@own.oxd_id"], otherOxdIds),
  scope: sometimes(["openid"], ["openid", "profile"], "openid", [], 5),
  acr_values: sometimes(["basic"], "basic"),
  prompt: sometimes("login", "", 1),
  hd: sometimes("example.org"),
  custom_parameters: sometimes(
    { login_hint: "a@b" },
    { max_age: "60", ui_locales: null },
    { state: "forged" },
    { redirect_uri: "https://evil" },
    "x",
  ),
  // oxd 4.x: params, a registered or unregistered redirect_uri, response_types
  params: sometimes({ login_hint: "a@b" }, { request_uri: "https://evil" }, { max_age: null }, 3),
  redirect_uri: sometimes("https://rp.example.org/callback", "https://evil.example/cb", "not a url", ""),
  response_types: sometimes(["code"], ["token"], "code"),
  protection_access_token: field(["@own.token"], otherTokens),
})
const request = fc.record({
  site: fc.constantFrom<Site>("A", "B", "C", "D"),
  command: fc.constantFrom("uma_rs_check_access", "get_authorization_url"),
  check: checkAccess,
  login: authorizationUrl,
  transport: fc.constantFrom<CallContext["transport"]>("https", "ws", "tcp", "internal"),
  transportToken: field(["@own.token"], otherTokens),
})
type Request = typeof request extends fc.Arbitrary<infer R> ? R : never

const build = (r: Request) => {
  const fields = r.command === "uma_rs_check_access" ? r.check : r.login
  const params: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) params[k] = resolve(v, r.site)
  const t = resolve(r.transportToken, r.site)
  return {
    command: r.command,
    params,
    ctx: { transport: r.transport, protectionToken: typeof t === "string" ? t : undefined },
  }
}

/**
 * What must be equal: the HTTP status and the envelope, except values made fresh on every call — a denial's
 * permission ticket, a login URL's state, nonce and PKCE challenge (asserted present on both sides).
 */
const comparable = (reply: Reply) => {
  const env = reply.envelope
  if (env.status === "error") return { http: reply.http, ...env }
  const data = { ...(env.data as Record<string, unknown>) }
  if (typeof data["ticket"] === "string") {
    data["www-authenticate_header"] = String(data["www-authenticate_header"]).replace(
      data["ticket"] as string,
      "<ticket>",
    )
    data["ticket"] = "<ticket>"
  }
  if (typeof data["authorization_url"] === "string") {
    const url = new URL(data["authorization_url"])
    const fresh = ["state", "nonce", "code_challenge"].map((p) => [p, url.searchParams.getAll(p).length] as const)
    for (const [p] of fresh) url.searchParams.delete(p)
    url.searchParams.sort()
    data["authorization_url"] = { url: url.href, fresh }
  }
  return { http: reply.http, status: env.status, data }
}

describe("the synchronous road answers as the Effect road", () => {
  it("serves only commands that declare fromWarmState, which are the ones generated here", () => {
    expect(
      Object.values(commands)
        .filter((c) => c.fromWarmState)
        .map((c) => c.name)
        .sort(),
    ).toEqual(["get_authorization_url", "uma_rs_check_access"])
  })

  it(
    "gives every synchronous answer exactly as the Effect road gives it, errors included",
    async () => {
      const synchronous: Record<string, number> = {}
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          const { command, params, ctx } = build(r)
          const first = await fast.call(command, params, ctx) // warms the caches the second call may answer from
          const second = fast.call(command, params, ctx)
          const viaEffect = effect.call(command, params, ctx)
          expect(viaEffect).toBeInstanceOf(Promise) // fast_path: false never answers synchronously
          const expected = comparable(await viaEffect)
          if (!(second instanceof Promise)) synchronous[command] = (synchronous[command] ?? 0) + 1
          expect(comparable(await second)).toEqual(expected)
          expect(comparable(first)).toEqual(expected)
        }),
        { seed: SEED, numRuns: RUNS },
      )
      // the property held over answers the synchronous road actually gave, for each command it serves
      expect(synchronous["uma_rs_check_access"]).toBeGreaterThan(RUNS / 40)
      expect(synchronous["get_authorization_url"]).toBeGreaterThan(RUNS / 40)
    },
    TIMEOUT,
  )
})
