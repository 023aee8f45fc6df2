import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createClient } from "@libsql/client"
import type { TestOp } from "@oxd/test-op"
import { afterAll, describe, expect, it } from "vitest"
import type { Oxd } from "../../makeOxd.js"
import { RP_SIGNING_ALGS } from "../../services/RpKeys.js"
import { call, ok, oxdFor, startOp, testClock } from "../../../test/support.js"

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
    expect(rows.rows).toHaveLength(1)
    expect(String(rows.rows[0]?.["value"])).not.toMatch(/"d"|"kty"/)
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
