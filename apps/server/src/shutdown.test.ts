/**
 * Graceful shutdown on SIGTERM with a slow OP: the server stops accepting, the commands in flight over TCP, REST and
 * WebSocket complete and are answered, the store is closed, and what they wrote is there after a restart.
 * Reproduce: pnpm --filter @oxd/server exec vitest run src/shutdown.test.ts
 */
import { connect } from "node:net"
import { join } from "node:path"
import type { TestOp } from "@oxd/test-op"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { opJson, startOp, startServer, stopAll, tempDir, type ChildServer } from "./test-support/child.js"

const REDIRECT = "https://rp.example.org/cb"
let op: TestOp
let server: ChildServer | undefined
beforeAll(async () => {
  op = await startOp()
})
afterAll(() => stopAll(server, op))

describe("SIGTERM", () => {
  it("finishes the commands in flight on every transport (slow OP), then exits 0; their writes survive", async () => {
    const db = join(tempDir("oxd-shutdown-"), "oxd.db")
    server = await startServer(op, db)
    // a setup client and its token, for the REST and WebSocket calls (protection is always on there)
    const tcp = server.tcp()
    const setup = (await tcp.call("setup_client", { op_host: op.issuer, authorization_redirect_uri: REDIRECT })) as {
      client_id: string
      client_secret: string
    }
    const { access_token: token } = (await tcp.call("get_client_token", {
      op_host: op.issuer,
      client_id: setup.client_id,
      client_secret: setup.client_secret,
    })) as { access_token: string }
    // registration at the OP now takes 1.5 s: each register_site is in flight that long
    const discovery = await opJson(op, "/.well-known/openid-configuration")
    op.fault({ mode: "slow", delayMs: 1500, paths: [new URL(String(discovery["registration_endpoint"])).pathname] })
    const params = { op_host: op.issuer, authorization_redirect_uri: REDIRECT }
    const inFlight = [
      server.tcp().call("register_site", params),
      server.https(token).call("register_site", params),
      server.ws(token).call("register_site", params),
    ].map((p) =>
      p.then(
        (r) => ({ ok: true as const, oxd_id: (r as { oxd_id: string }).oxd_id }),
        (e: unknown) => ({ ok: false as const, error: String(e) }),
      ),
    )
    await new Promise((r) => setTimeout(r, 400)) // all three are waiting for the OP
    const stopping = Date.now()
    server.child.kill("SIGTERM")
    // stops accepting: a new TCP connection is refused while the in-flight commands are still running
    await server.waitFor(/SIGTERM received/)
    await new Promise((r) => setTimeout(r, 100))
    const refused = await new Promise<boolean>((resolve) => {
      const s = connect({ host: "127.0.0.1", port: server!.tcpPort })
      s.once("connect", () => {
        s.destroy()
        resolve(false)
      })
      s.once("error", () => resolve(true))
    })
    expect(refused).toBe(true)
    const results = await Promise.all(inFlight)
    expect(
      results.map((r) => r.ok),
      JSON.stringify(results),
    ).toEqual([true, true, true])
    expect(await server.exited).toBe(0)
    expect(Date.now() - stopping).toBeLessThan(15_000)
    await server.closeClients()
    op.fault(null)

    // the store was closed cleanly and the three sites are there
    server = await startServer(op, db)
    const again = server.tcp()
    for (const r of results) {
      if (!r.ok) continue
      const { authorization_url } = (await again.call("get_authorization_url", { oxd_id: r.oxd_id })) as {
        authorization_url: string
      }
      expect(authorization_url).toContain(op.issuer)
    }
    await server.closeClients()
    server.child.kill("SIGTERM")
    expect(await server.exited).toBe(0)
  }, 120_000)
})
