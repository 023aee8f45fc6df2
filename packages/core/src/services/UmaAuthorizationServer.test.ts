import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { TestOp } from "@oxd/test-op"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Oxd } from "../makeOxd.js"
import { call, failure, ok, oxdFor, registerAtOp, startOp } from "../../test/support.js"
import { check, delta, photoAndDocument, protect, registerUmaSite, rptFor, sleep, UMA_SITE } from "../../test/uma.js"

const PAT_GRANT = "token.client_credentials"

let op: TestOp
let oxd: Oxd
const dirs: string[] = []
beforeAll(async () => {
  op = await startOp()
  oxd = oxdFor(op)
})
afterAll(async () => {
  await oxd?.dispose()
  await op?.close()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

/** The next PATs (client_credentials tokens) the OP issues, as oidc-provider models (value = jti). */
const capturePats = (target: TestOp) => {
  const issued: Array<{ jti: string; clientId?: string; destroy(): Promise<void> }> = []
  const listener = (token: (typeof issued)[number]) => issued.push(token)
  target.provider.on("client_credentials.saved", listener)
  return { issued, stop: () => target.provider.off("client_credentials.saved", listener) }
}

describe("UmaAuthorizationServer PAT", () => {
  it("gets one PAT per site and reuses it for every protection API call", async () => {
    const site = await registerUmaSite(oxd, op)
    const before = op.counters()
    await protect(oxd, site)
    for (let i = 0; i < 5; i++) expect((await check(oxd, site, "/photo", "GET")).access).toBe("denied")
    const { access_token } = await rptFor(oxd, site, "/document", "GET")
    expect((await check(oxd, site, "/document", "GET", access_token)).access).toBe("granted")
    await ok(call(oxd, "introspect_rpt", { oxd_id: site, rpt: access_token }))
    expect(delta(op, before, "uma.resource_registration")).toBe(3)
    expect(delta(op, before, "uma.permission")).toBe(6)
    expect(delta(op, before, PAT_GRANT)).toBe(1)
    // another site has a PAT of its own
    const other = await registerUmaSite(oxd, op)
    await protect(oxd, other)
    await check(oxd, other, "/photo", "GET")
    expect(delta(op, before, PAT_GRANT)).toBe(2)
  })

  it("asks for one PAT (and one UMA discovery) when 10 checks of a fresh process arrive at once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "oxd-uma-"))
    dirs.push(dir)
    const database_url = `file:${join(dir, "oxd.db")}`
    const first = oxdFor(op, { database_url })
    const site = await registerUmaSite(first, op)
    await protect(first, site)
    await first.dispose()
    // a restarted server: the site and its resources are in the database, no PAT in memory
    const restarted = oxdFor(op, { database_url })
    try {
      const before = op.counters()
      const results = await Promise.all(Array.from({ length: 10 }, () => check(restarted, site, "/photo", "GET")))
      for (const r of results) expect(r).toMatchObject({ access: "denied", ticket: expect.any(String) })
      expect(new Set(results.map((r) => r.ticket)).size).toBe(10)
      expect(delta(op, before, PAT_GRANT)).toBe(1)
      expect(delta(op, before, "uma.configuration")).toBe(1)
      expect(delta(op, before, "uma.permission")).toBe(10)
    } finally {
      await restarted.dispose()
    }
  })

  it("renews a PAT the AS refuses (revoked) once, and the call succeeds", async () => {
    const site = await registerUmaSite(oxd, op)
    const pats = capturePats(op)
    try {
      await protect(oxd, site)
      expect(pats.issued).toHaveLength(1)
      await pats.issued[0]!.destroy() // revoked at the OP: the AS answers 401 from now on
      const before = op.counters()
      const r = await check(oxd, site, "/photo", "GET")
      expect(r).toMatchObject({ access: "denied", ticket: expect.any(String) })
      expect(delta(op, before, PAT_GRANT)).toBe(1)
      expect(delta(op, before, "uma.permission")).toBe(2) // refused, then retried with the new PAT
      expect(pats.issued).toHaveLength(2)
      // the new PAT is kept
      await check(oxd, site, "/photo", "GET")
      expect(delta(op, before, PAT_GRANT)).toBe(1)
    } finally {
      pats.stop()
    }
  })

  it("renews a revoked PAT once for concurrent calls that were all refused", async () => {
    const site = await registerUmaSite(oxd, op)
    const pats = capturePats(op)
    try {
      await protect(oxd, site)
      await pats.issued[0]!.destroy()
      const before = op.counters()
      const results = await Promise.all(Array.from({ length: 10 }, () => check(oxd, site, "/photo", "GET")))
      for (const r of results) expect(r.access).toBe("denied")
      expect(delta(op, before, PAT_GRANT)).toBe(1)
    } finally {
      pats.stop()
    }
  })

  it("renews an expiring PAT before the AS refuses it: checks every 500 ms for 8 s all succeed", async () => {
    const shortOp = await startOp({ ttl: { ClientCredentials: 3 } })
    const shortOxd = oxdFor(shortOp, { rpt_cache_seconds: 0 }) // every check introspects with the PAT
    try {
      const site = await registerUmaSite(shortOxd, shortOp)
      await protect(shortOxd, site)
      const { access_token } = await rptFor(shortOxd, site, "/photo", "GET")
      const before = shortOp.counters()
      const started = Date.now()
      let checks = 0
      while (Date.now() - started < 8_000) {
        const r = await call(shortOxd, "uma_rs_check_access", {
          oxd_id: site,
          path: "/photo",
          http_method: "GET",
          rpt: access_token,
        })
        expect(r.envelope, `check ${checks} after ${Date.now() - started} ms`).toEqual({
          status: "ok",
          data: { access: "granted", "www-authenticate_header": null, ticket: null },
        })
        checks++
        await sleep(500)
      }
      expect(checks).toBeGreaterThanOrEqual(14)
      expect(delta(shortOp, before, PAT_GRANT)).toBeGreaterThanOrEqual(2)
      // renewed ahead of expiry: no check needed a refused-PAT retry (one introspection each)
      expect(delta(shortOp, before, "uma.introspection")).toBe(checks)
    } finally {
      await shortOxd.dispose()
      await shortOp.close()
    }
  })
})

describe("UmaAuthorizationServer discovery", () => {
  it("reports an op_host without /.well-known/uma2-configuration as no_uma_discovery_response", async () => {
    // a real client of the OP, but op_host names a path of it where no UMA document is served (404)
    const client = await registerAtOp(op, { grant_types: UMA_SITE.grant_types, scope: UMA_SITE.scope.join(" ") })
    const site = await ok<{ oxd_id: string }>(
      call(oxd, "register_site", {
        op_host: `${op.issuer}/no-uma-here`,
        client_id: client["client_id"],
        client_secret: client["client_secret"],
        authorization_redirect_uri: "https://rp.example.org/callback",
      }),
    )
    const e = await failure(call(oxd, "uma_rs_protect", { oxd_id: site.oxd_id, resources: photoAndDocument() }))
    expect(e).toMatchObject({ error: "no_uma_discovery_response", http: 500 })
    expect(e.error_description).toContain("uma2-configuration")
    expect(e.error_description).toContain("404")
    const again = await failure(
      call(oxd, "uma_rp_get_claims_gathering_url", {
        oxd_id: site.oxd_id,
        ticket: "t",
        claims_redirect_uri: "https://client.example.org/claims-cb",
      }),
    )
    expect(again.error).toBe("no_uma_discovery_response")
  })
})
