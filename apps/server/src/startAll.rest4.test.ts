/**
 * oxd-server serves both REST generations on one core: the oxd-https-extension (3.1) API on rest_port and the oxd 4.x
 * API on its own listener (rest4_enabled, rest4_port; any free port when rest_port is 0, as here).
 * Reproduce: pnpm --filter @oxd/server exec vitest run src/startAll.rest4.test.ts
 */
import { join } from "node:path"
import { makeConfig, makeOxd, type Config } from "@oxd/core"
import { describe, expect, it } from "vitest"
import { startAll } from "./startAll.js"
import { tempDir } from "./test-support/child.js"

const configWith = (over: Partial<Config>) =>
  makeConfig({
    database_url: `file:${join(tempDir("oxd-rest4-"), "oxd.db")}`,
    port: 0,
    rest_port: 0,
    ws_port: 0,
    rest_plain_http: true,
    ws_plain: true,
    log_level: "error",
    ...over,
  })

const run = async (config: Config, check: (running: Awaited<ReturnType<typeof startAll>>) => Promise<void>) => {
  const oxd = makeOxd(config)
  await oxd.ready()
  const running = await startAll(oxd, config)
  try {
    await check(running)
  } finally {
    await running.close()
    await oxd.dispose()
  }
}

describe("oxd-server's two REST generations", () => {
  it("by default serves 3.1 on rest_port and 4.x on its own port, each with its own answers", async () => {
    await run(configWith({}), async ({ rest, rest4 }) => {
      expect(rest4).toBeDefined()
      expect(rest4!.port).not.toBe(rest!.port)
      expect(await (await fetch(`${rest!.url}/health-check`)).text()).toBe("running")
      expect(await (await fetch(`${rest4!.url}/health-check`)).json()).toMatchObject({ application: "oxd" })
      // the same path, each generation's reply: 3.1's envelope, 4.x's bare error with its status
      const body = { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" }
      const r31 = await fetch(`${rest!.url}/get-authorization-url`, body)
      expect(await r31.json()).toMatchObject({ status: "error", data: { error: "403" } })
      const r4 = await fetch(`${rest4!.url}/get-authorization-url`, body)
      expect(r4.status).toBe(403)
      expect(await r4.json()).toMatchObject({ error: "blank_access_token" })
      // 4.x has no setup_client
      expect((await fetch(`${rest4!.url}/setup-client`, body)).status).toBe(404)
    })
  })

  it("rest4_enabled: false serves no 4.x listener", async () => {
    await run(configWith({ rest4_enabled: false }), async ({ rest4 }) => {
      expect(rest4).toBeUndefined()
    })
  })
})
