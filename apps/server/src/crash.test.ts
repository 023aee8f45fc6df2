/**
 * Crash safety: oxd-server on a file: SQLite database takes a load of writes from several clients (register_site,
 * uma_rs_protect, update_site), is killed with SIGKILL in the middle, restarted on the same file, and every write
 * whose success was acknowledged must be there, whole. Reproduce: pnpm --filter @oxd/server exec vitest run src/crash.test.ts
 */
import { join } from "node:path"
import { createClient } from "@libsql/client"
import type { OxdClient } from "@oxd/client/tcp"
import type { TestOp } from "@oxd/test-op"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startOp, startServer, stopAll, tempDir, type ChildServer } from "./test-support/child.js"

const REDIRECT = "https://rp.example.org/cb"
const UMA_SITE = {
  authorization_redirect_uri: REDIRECT,
  grant_types: ["authorization_code", "client_credentials", "urn:ietf:params:oauth:grant-type:uma-ticket"],
  scope: ["openid", "uma_protection"],
}
const RESOURCES = [{ path: "/crash", conditions: [{ httpMethods: ["GET"], scopes: ["view"] }] }]
const WORKERS = 6
/** Kill once this many writes are acknowledged, or after this long, whichever comes first. */
const KILL_AFTER_WRITES = 300
const KILL_AFTER_MS = 8000

/**
 * What the clients were told succeeded, per site; `pending`: the update sent but not answered when the server died
 * (it may or may not have committed — either is correct, as long as the acknowledged one is not lost).
 */
interface Acked {
  registered: boolean
  protected: boolean
  redirect: string
  pending?: string
}

let op: TestOp
let server: ChildServer | undefined
beforeAll(async () => {
  op = await startOp()
})
afterAll(() => stopAll(server, op))

describe("kill -9 under load, then restart on the same database", () => {
  it("keeps every acknowledged write, and no half-written site", async () => {
    const db = join(tempDir("oxd-crash-"), "oxd.db")
    server = await startServer(op, db)
    const acked = new Map<string, Acked>()
    const counts = { register_site: 0, uma_rs_protect: 0, update_site: 0, failed_or_cut: 0 }
    let killed = false
    const total = () => counts.register_site + counts.uma_rs_protect + counts.update_site

    /** One client, its own connection, its own sites, one write at a time: register → protect → update → update… */
    const worker = async (client: OxdClient, w: number) => {
      for (let round = 0; !killed; round++) {
        try {
          const { oxd_id } = (await client.call("register_site", { op_host: op.issuer, ...UMA_SITE })) as {
            oxd_id: string
          }
          const site: Acked = { registered: true, protected: false, redirect: REDIRECT }
          acked.set(oxd_id, site)
          counts.register_site++
          await client.call("uma_rs_protect", { oxd_id, resources: RESOURCES })
          site.protected = true
          counts.uma_rs_protect++
          for (let u = 0; u < 2 && !killed; u++) {
            const redirect = `${REDIRECT}/w${w}-r${round}-u${u}`
            site.pending = redirect
            await client.call("update_site", { oxd_id, authorization_redirect_uri: redirect })
            site.redirect = redirect
            delete site.pending
            counts.update_site++
          }
        } catch {
          counts.failed_or_cut++
          if (killed) return
        }
      }
    }
    const clients = Array.from({ length: WORKERS }, () => server!.tcp())
    const load = clients.map((c, w) => worker(c, w))
    const started = Date.now()
    while (total() < KILL_AFTER_WRITES && Date.now() - started < KILL_AFTER_MS)
      await new Promise((r) => setTimeout(r, 20))
    server.child.kill("SIGKILL")
    killed = true
    await server.exited
    await Promise.all(load)
    await server.closeClients()
    const writes = total()
    console.log(
      `crash test: ${writes} acknowledged writes before SIGKILL (register_site ${counts.register_site}, uma_rs_protect ${counts.uma_rs_protect}, update_site ${counts.update_site}); ${counts.failed_or_cut} calls cut off or failed`,
    )
    expect(writes).toBeGreaterThan(20)

    // the database as the killed process left it: no half-written site, no resource without its site
    const sql = createClient({ url: `file:${db}` })
    try {
      const sites = (
        await sql.execute(
          "select oxd_id, client_id, client_secret, op_host, authorization_redirect_uri, metadata, scope from sites",
        )
      ).rows
      for (const s of sites) {
        expect(String(s["client_id"]).length).toBeGreaterThan(0)
        expect(String(s["client_secret"]).length).toBeGreaterThan(0)
        expect(s["op_host"]).toBe(op.issuer)
        expect(() => JSON.parse(String(s["metadata"]))).not.toThrow()
        expect(JSON.parse(String(s["scope"]))).toEqual(["openid", "uma_protection"])
      }
      const orphans = (
        await sql.execute(
          "select count(*) as n from uma_resources r where not exists (select 1 from sites s where s.oxd_id = r.oxd_id)",
        )
      ).rows[0]!["n"]
      expect(Number(orphans)).toBe(0)
      const ids = new Set(sites.map((s) => String(s["oxd_id"])))
      for (const id of acked.keys()) expect(ids.has(id), `acknowledged site ${id} is in the database`).toBe(true)
    } finally {
      sql.close()
    }

    // restarted on the same file, the server knows every acknowledged write
    server = await startServer(op, db)
    const client = server.tcp()
    let lost = 0
    let inFlightCommitted = 0
    for (const [oxdId, site] of acked) {
      const { authorization_url } = (await client.call("get_authorization_url", { oxd_id: oxdId })) as {
        authorization_url: string
      }
      const redirect = new URL(authorization_url).searchParams.get("redirect_uri")
      if (redirect === site.pending) inFlightCommitted++
      else if (redirect !== site.redirect) {
        lost++
        console.log(`lost: site ${oxdId} has redirect ${redirect}, the acknowledged one is ${site.redirect}`)
      }
      if (site.protected) {
        const check = (await client.call("uma_rs_check_access", {
          oxd_id: oxdId,
          path: "/crash",
          http_method: "GET",
          rpt: "",
        })) as { access: string }
        if (check.access !== "denied") lost++ // "denied" with a ticket: protected; unprotected would be invalid_request
      }
    }
    console.log(
      `crash test: ${acked.size} acknowledged sites checked after restart, ${lost} acknowledged writes lost (${inFlightCommitted} unanswered updates had committed)`,
    )
    expect(lost).toBe(0)
    await server.closeClients()
    server.child.kill("SIGTERM")
    expect(await server.exited).toBe(0)
  }, 120_000)
})
