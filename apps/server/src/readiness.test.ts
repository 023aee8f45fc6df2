/**
 * Readiness follows the server's state: ready once the store is open with current migrations, 503 from the moment a
 * stop begins (drain) while liveness stays 200; the admin port serves the same. In process, against a real store.
 * Reproduce: pnpm --filter @oxd/server exec vitest run src/readiness.test.ts
 */
import { join } from "node:path"
import { makeConfig, makeOxd } from "@oxd/core"
import { startAdminServer } from "@oxd/node"
import { describe, expect, it } from "vitest"
import { startAll } from "./startAll.js"
import { tempDir } from "./test-support/child.js"

describe("readiness", () => {
  it("turns 503 (accepting: stopping) when the server starts to drain, on every port, while liveness stays 200", async () => {
    const config = makeConfig({
      database_url: `file:${join(tempDir("oxd-ready-"), "oxd.db")}`,
      port: 0,
      rest_port: 0,
      ws_port: 0,
      rest_plain_http: true,
      ws_plain: true,
      log_level: "error",
    })
    const oxd = makeOxd(config)
    await oxd.ready()
    const running = await startAll(oxd, config)
    const admin = await startAdminServer(oxd, { port: 0 })
    const bases = [running.rest!.url, running.ws!.url.replace(/^ws:/, "http:"), admin.url]
    try {
      for (const base of bases) expect((await fetch(`${base}/health/ready`)).status, base).toBe(200)
      oxd.drain()
      for (const base of bases) {
        const res = await fetch(`${base}/health/ready`)
        expect(res.status, base).toBe(503)
        expect(await res.json()).toEqual({
          status: "not_ready",
          checks: { database: "ok", migrations: "current", accepting: "stopping" },
        })
        expect((await fetch(`${base}/health/live`)).status, base).toBe(200)
      }
    } finally {
      await admin.close()
      await running.close()
      await oxd.dispose()
    }
  })

  it("serves no /metrics when metrics_enabled is off (health stays)", async () => {
    const config = makeConfig({
      database_url: ":memory:",
      rest_port: 0,
      rest_plain_http: true,
      metrics_enabled: false,
      log_level: "error",
    })
    const oxd = makeOxd(config)
    await oxd.ready()
    const admin = await startAdminServer(oxd, { port: 0 })
    try {
      expect((await fetch(`${admin.url}/metrics`)).status).toBe(404)
      expect((await fetch(`${admin.url}/health/live`)).status).toBe(200)
    } finally {
      await admin.close()
      await oxd.dispose()
    }
  })
})
