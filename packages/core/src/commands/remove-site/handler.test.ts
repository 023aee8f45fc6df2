import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { TestOp } from "@oxd/test-op"
import { describe, expect, it } from "vitest"
import type { Oxd } from "../../makeOxd.js"
import { authorize, call, failure, ok, oxdFor, registerSite, startOpAndOxd } from "../../../test/support.js"

let op: TestOp
let oxd: Oxd
startOpAndOxd((o, x) => ([op, oxd] = [o, x]))

describe("remove_site", () => {
  it("forgets the site: its oxd_id then answers invalid_oxd_id", async () => {
    const oxdId = await registerSite(oxd, op)
    expect(await ok(call(oxd, "remove_site", { oxd_id: oxdId }))).toEqual({ oxd_id: oxdId })
    const e = await failure(call(oxd, "get_authorization_url", { oxd_id: oxdId }))
    expect(e).toMatchObject({ error: "invalid_oxd_id", http: 400 })
  })

  it("answers invalid_oxd_id when the site is removed twice", async () => {
    const oxdId = await registerSite(oxd, op)
    await ok(call(oxd, "remove_site", { oxd_id: oxdId }))
    expect((await failure(call(oxd, "remove_site", { oxd_id: oxdId }))).error).toBe("invalid_oxd_id")
  })

  it("leaves other sites alone", async () => {
    const a = await registerSite(oxd, op)
    const b = await registerSite(oxd, op)
    await ok(call(oxd, "remove_site", { oxd_id: a }))
    await ok(call(oxd, "get_authorization_url", { oxd_id: b }))
  })

  it("refuses a login started before the removal", async () => {
    const oxdId = await registerSite(oxd, op)
    const { code, state } = await authorize(oxd, op, oxdId)
    await ok(call(oxd, "remove_site", { oxd_id: oxdId }))
    expect((await failure(call(oxd, "get_tokens_by_code", { oxd_id: oxdId, code, state }))).error).toBe(
      "invalid_oxd_id",
    )
  })

  // RM3: the site gone between lookup and delete is the reference's remove_site_failed (RemoveSiteOperation.java:30-33)
  it("RM3: answers remove_site_failed when another instance removed the site after this one looked it up", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "oxd-remove-")), "oxd.db")
    const a = oxdFor(op, { database_url: `file:${db}`, site_cache_seconds: 60 })
    const b = oxdFor(op, { database_url: `file:${db}`, site_cache_seconds: 60 })
    try {
      const oxdId = await registerSite(a, op)
      await ok(call(b, "get_authorization_url", { oxd_id: oxdId })) // b now holds the site in its cache
      await ok(call(a, "remove_site", { oxd_id: oxdId }))
      const e = await failure(call(b, "remove_site", { oxd_id: oxdId }))
      expect(e).toMatchObject({ error: "remove_site_failed", http: 500 })
    } finally {
      await a.dispose()
      await b.dispose()
    }
  })

  it("rejects a missing oxd_id with bad_request", async () => {
    expect((await failure(call(oxd, "remove_site", {}))).error).toBe("bad_request")
  })
})
