import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createClient } from "@libsql/client"
import type { TestOp } from "@oxd/test-op"
import { afterAll, describe, expect, it } from "vitest"
import type { Oxd } from "../../makeOxd.js"
import { RP_SIGNING_ALGS } from "../../services/RpKeys.js"
import { call, ok, oxdFor, registerSite, startOp, testClock } from "../../../test/support.js"

type Jwks = { keys: Array<Record<string, unknown>> }
const HOUR = 3_600_000

let op: TestOp
const cleanup: Array<() => Promise<unknown>> = []
afterAll(async () => {
  for (const c of cleanup) await c()
  await op?.close()
})

describe("get_rp_jwks (oxd 4.x) and the server's signing keys", () => {
  // reference: GetRpJwksOperation.java:20, KeyGeneratorService.java:57-74 (signature algorithms :59-60)
  it("publishes one public key per signature algorithm, the same on every call and every instance", async () => {
    op = await startOp()
    const dir = mkdtempSync(join(tmpdir(), "oxd-rp-keys-"))
    const url = `file:${join(dir, "oxd.db")}`
    const key = "a passphrase of sixteen+ characters"
    const a = oxdFor(op, { database_url: url, secrets_encryption_key: key })
    const b = oxdFor(op, { database_url: url, secrets_encryption_key: key })
    cleanup.push(
      () => a.dispose(),
      () => b.dispose(),
    )
    const [fromA, fromB] = await Promise.all([
      ok<Jwks>(call(a, "get_rp_jwks", {})),
      ok<Jwks>(call(b, "get_rp_jwks", {})),
    ])
    // two instances starting at once agree on one set (the first stored wins; the other reads it back)
    expect(fromB).toEqual(fromA)
    expect(fromA.keys.map((k) => k["alg"]).sort()).toEqual([...RP_SIGNING_ALGS].sort())
    for (const k of fromA.keys) {
      expect(k["use"]).toBe("sig")
      expect(String(k["kid"])).toMatch(new RegExp(`_sig_${String(k["alg"]).toLowerCase()}$`))
      for (const secret of ["d", "p", "q", "dp", "dq", "qi", "k"]) expect(k[secret], secret).toBeUndefined()
    }
    expect(await ok<Jwks>(call(a, "get_rp_jwks", {}))).toEqual(fromA)
    // at rest: sealed with secrets_encryption_key like every secret (no private member readable in the file)
    const db = createClient({ url })
    const rows = await db.execute("select name, value from server_secrets where name like 'rp_signing_keys/%'")
    db.close()
    // one row per algorithm (each made on first need)
    expect(rows.rows.map((r) => String(r["name"]).split("/")[2]).sort()).toEqual([...RP_SIGNING_ALGS].sort())
    for (const r of rows.rows) expect(String(r["value"])).not.toMatch(/"d"|"kty"/)
  })

  it("makes only the key a request object needs: the first RS256 signature waits for one RSA key, not the set", async () => {
    const dir = mkdtempSync(join(tmpdir(), "oxd-rp-keys-"))
    const url = `file:${join(dir, "oxd.db")}`
    const oxd = oxdFor(op, { database_url: url })
    cleanup.push(() => oxd.dispose())
    const oxdId = await registerSite(oxd, op)
    const { request_uri } = await ok<{ request_uri: string }>(
      call(oxd, "get_request_object_uri", {
        oxd_id: oxdId,
        oxd_host_url: "oxd.example.org",
        request_object_signing_alg: "RS256",
      }),
    )
    const db = createClient({ url })
    const names = async () =>
      (await db.execute("select name from server_secrets where name like 'rp_signing_keys/%'")).rows.map((r) =>
        String(r["name"]),
      )
    try {
      expect((await names()).map((n) => n.split("/")[2])).toEqual(["RS256"])
      // get_rp_jwks publishes every algorithm's key, the one that signed among them
      const jwt = await ok<string>(
        call(oxd, "get_request_object", { request_object_id: request_uri.slice(request_uri.lastIndexOf("/") + 1) }),
      )
      const { kid } = JSON.parse(Buffer.from(jwt.split(".")[0]!, "base64url").toString()) as { kid: string }
      const published = await ok<Jwks>(call(oxd, "get_rp_jwks", {}))
      expect(published.keys.map((k) => k["alg"]).sort()).toEqual([...RP_SIGNING_ALGS].sort())
      expect(published.keys.find((k) => k["alg"] === "RS256")?.["kid"]).toBe(kid)
      expect(await names()).toHaveLength(RP_SIGNING_ALGS.length)
    } finally {
      db.close()
    }
  })

  it("reads a period whose keys were stored as one set (before keys were made one by one) as it is", async () => {
    const dir = mkdtempSync(join(tmpdir(), "oxd-rp-keys-"))
    const url = `file:${join(dir, "oxd.db")}`
    const first = oxdFor(op, { database_url: url })
    cleanup.push(() => first.dispose())
    const made = await ok<Jwks>(call(first, "get_rp_jwks", {}))
    // the same keys, stored whole under the period's name as the earlier layout did (plaintext: no encryption key)
    const db = createClient({ url })
    try {
      const rows = (await db.execute("select name, value from server_secrets where name like 'rp_signing_keys/%'")).rows
      const epoch = String(rows[0]?.["name"]).split("/")[1]
      const whole = rows.map((r) => JSON.parse(String(r["value"])) as Record<string, unknown>)
      for (const k of whole) k["kid"] = `${String(k["kid"])}-whole`
      await db.execute("delete from server_secrets where name like 'rp_signing_keys/%'")
      await db.execute({
        sql: "insert into server_secrets (name, value, created_at) values (?, ?, 0)",
        args: [`rp_signing_keys/${epoch}`, JSON.stringify(whole)],
      })
    } finally {
      db.close()
    }
    const second = oxdFor(op, { database_url: url })
    cleanup.push(() => second.dispose())
    const read = await ok<Jwks>(call(second, "get_rp_jwks", {}))
    expect(read.keys.map((k) => String(k["kid"])).sort()).toEqual(
      made.keys.map((k) => `${String(k["kid"])}-whole`).sort(),
    )
  })

  // rotation: a new set each rp_signing_key_rotation_in_hours, the previous one published one period more
  it("rotates on the schedule, keeping the previous set published for one period", async () => {
    const { clock, advance } = await testClock()
    const oxd: Oxd = oxdFor(op, { rp_signing_key_rotation_in_hours: 1 }, { clock })
    cleanup.push(() => oxd.dispose())
    const kids = async () => (await ok<Jwks>(call(oxd, "get_rp_jwks", {}))).keys.map((k) => String(k["kid"]))
    const first = await kids()
    expect(first).toHaveLength(RP_SIGNING_ALGS.length)
    await advance(HOUR)
    const second = await kids()
    expect(second).toHaveLength(2 * RP_SIGNING_ALGS.length)
    expect(second.slice(RP_SIGNING_ALGS.length)).toEqual(first)
    await advance(HOUR)
    const third = await kids()
    expect(third).toHaveLength(2 * RP_SIGNING_ALGS.length)
    expect(third.some((k) => first.includes(k))).toBe(false)
    expect(third.slice(RP_SIGNING_ALGS.length)).toEqual(second.slice(0, RP_SIGNING_ALGS.length))
  })
})
