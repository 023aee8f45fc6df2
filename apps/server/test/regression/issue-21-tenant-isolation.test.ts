/**
 * Issue 21 (V1, V2 of ../shared/reviews/security-2026-12.md): an attacker who runs an OP of his own cannot act for a
 * setup client of another OP. His OP vouches for a token of his choosing "as" the victim setup client's client_id,
 * and even registers him under that very client_id; on protected TCP, HTTPS and WebSocket, with the protection cache
 * on and off, the token must open none of the victim's sites nor stream their events, while the victim's own token
 * still works. Real sockets, two real HTTPS OPs with their own CAs.
 */
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { makeConfig, makeOxd, type Oxd, type OxdEvent } from "@oxd/core"
import { createOxdClient, OxdError, type OxdClient, type OxdWsClient } from "@oxd/client/tcp"
import { startTestOp, type TestOp } from "@oxd/test-op"
import { eventually } from "@oxd/testkit"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { WebSocket } from "ws"
import { startAll, type Running } from "../../src/startAll.js"
import { outcome, startOp } from "../../src/test-support/child.js"

const REDIRECT = "https://rp.example.org/cb"
const EVIL = "attacker-chosen-token-0123456789abcdef"
type Transport = "tcp" | "https" | "ws"
const TRANSPORTS: ReadonlyArray<Transport> = ["tcp", "https", "ws"]

let victimOp: TestOp
let attackerOp: TestOp
let caFile: string

beforeAll(async () => {
  victimOp = await startOp()
  // the attacker's OP has its own CA: the server trusts it as it would trust any publicly certified host
  attackerOp = await startTestOp({ stateDir: mkdtempSync(join(tmpdir(), "oxd-attacker-op-")) })
  caFile = join(mkdtempSync(join(tmpdir(), "oxd-cas-")), "cas.pem")
  writeFileSync(caFile, `${victimOp.caPem}\n${attackerOp.caPem}\n`)
})
afterAll(async () => {
  await attackerOp?.close()
  await victimOp?.close()
})

// the cache on (the poisoning of V1 went through it) and off (V2's binding did not need it); the attacker's
// same-client_id setup client made before or after the victim's
describe.each([
  { protection_cache_seconds: 60, attackerFirst: false },
  { protection_cache_seconds: 0, attackerFirst: true },
])(
  "an attacker-run OP (protection_cache_seconds $protection_cache_seconds, attacker's setup client first: $attackerFirst)",
  ({ protection_cache_seconds, attackerFirst }) => {
    let oxd: Oxd
    let running: Running
    const clients: Array<OxdClient | OxdWsClient> = []
    let victim: { client_id: string; client_secret: string }
    let victimToken: string
    let victimSite: string
    const attackerSites: string[] = []

    const internal = async (command: string, params: Record<string, unknown>, protectionToken?: string) => {
      const r = await oxd.dispatch(command, params, {
        transport: "internal",
        ...(protectionToken ? { protectionToken } : {}),
      })
      if (r.envelope.status !== "ok") throw new Error(`${command}: ${JSON.stringify(r.envelope)}`)
      return r.envelope.data as Record<string, any>
    }
    const clientOf = (t: Transport) => {
      const c =
        t === "tcp"
          ? createOxdClient({ transport: "tcp", port: running.tcp.port })
          : t === "https"
            ? createOxdClient({ transport: "https", baseUrl: running.rest!.url })
            : createOxdClient({
                transport: "ws",
                url: running.ws!.url,
                WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
              })
      clients.push(c)
      return c
    }
    const wsClient = () => clientOf("ws") as OxdWsClient

    beforeAll(async () => {
      const config = makeConfig({
        database_url: ":memory:",
        log_level: "error",
        trusted_ca_file: caFile,
        port: 0,
        rest_port: 0,
        ws_port: 0,
        rest_plain_http: true,
        ws_plain: true,
        protect_commands_with_access_token: true,
        protection_cache_seconds,
        // both on loopback here; the attacker's stands for any public host the server may call
        allowed_op_hosts: [victimOp.issuer, attackerOp.issuer],
      })
      oxd = makeOxd(config)
      await oxd.ready()
      running = await startAll(oxd, config)

      const setupVictim = async () => {
        const d = await internal("setup_client", { op_host: victimOp.issuer, authorization_redirect_uri: REDIRECT })
        victim = { client_id: d["client_id"], client_secret: d["client_secret"] }
      }
      // the attacker needs no credentials for setup_client; his OP registers him under the victim's client_id
      const setupAttacker = async () => {
        attackerOp.rogue.registerNextAs(victim?.client_id ?? "victim-client-id-to-come")
        await internal("setup_client", { op_host: attackerOp.issuer, authorization_redirect_uri: REDIRECT })
      }
      if (attackerFirst) {
        // the victim's client_id is not known before its registration: the victim OP is told to hand out one fixed id
        victimOp.rogue.registerNextAs(`victim-${protection_cache_seconds}`)
        victim = { client_id: `victim-${protection_cache_seconds}`, client_secret: "" }
        await setupAttacker()
        await setupVictim()
      } else {
        await setupVictim()
        await setupAttacker()
      }
      expect(victim.client_id).toBeTruthy()
      victimToken = (
        await internal("get_client_token", { op_host: victimOp.issuer, ...victim, scope: ["openid", "uma_protection"] })
      )["access_token"]
      victimSite = (
        await internal("register_site", { op_host: victimOp.issuer, authorization_redirect_uri: REDIRECT }, victimToken)
      )["oxd_id"]
      // the attacker's OP vouches for his token as the victim setup client's
      attackerOp.rogue.forgeIntrospection(EVIL, {
        active: true,
        client_id: victim.client_id,
        scope: "openid uma_protection",
        token_type: "Bearer",
      })
    })
    afterAll(async () => {
      await Promise.all(clients.map((c) => c.close().catch(() => undefined)))
      await running?.close()
      await oxd?.dispose()
      attackerOp.reset()
      victimOp.reset()
    })

    it("lets the attacker register sites only at his own OP, bound to his own setup client there", async () => {
      for (const t of TRANSPORTS) {
        const c = clientOf(t)
        // priming step of V1: a register_site at the attacker's OP makes the server introspect there
        const mine = await c.call(
          "register_site",
          { op_host: attackerOp.issuer, authorization_redirect_uri: REDIRECT },
          { token: EVIL },
        )
        attackerSites.push((mine as { oxd_id: string }).oxd_id)
        // the same token at the victim's OP: that OP has never heard of it
        expect(
          await outcome(
            c.call(
              "register_site",
              { op_host: victimOp.issuer, authorization_redirect_uri: REDIRECT },
              { token: EVIL },
            ),
          ),
          t,
        ).toBe("inactive_protection_access_token")
      }
      // the victim's token does not open the attacker's sites (they are not the victim's, whatever their client_id):
      // only the attacker's OP answers for them, and it does not know the victim's token
      for (const t of TRANSPORTS) {
        expect(
          await outcome(
            clientOf(t).call("get_authorization_url", { oxd_id: attackerSites[0] }, { token: victimToken }),
          ),
          t,
        ).toBe("inactive_protection_access_token")
      }
    })

    it("refuses the attacker's token on every command of the victim's site, on tcp, https and ws; the victim's own token still works", async () => {
      const attempts: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
        ["get_authorization_url", { oxd_id: victimSite }],
        ["get_logout_uri", { oxd_id: victimSite }],
        ["update_site", { oxd_id: victimSite, authorization_redirect_uri: "https://evil.example/steal" }],
        ["get_tokens_by_code", { oxd_id: victimSite, code: "stolen-code", state: "any-state" }],
        ["introspect_access_token", { oxd_id: victimSite, access_token: victimToken }],
        ["remove_site", { oxd_id: victimSite }],
      ]
      for (const t of TRANSPORTS) {
        const c = clientOf(t)
        for (const [command, params] of attempts) {
          expect(await outcome(c.call(command, params, { token: EVIL })), `${command} over ${t}`).toBe(
            "inactive_protection_access_token",
          )
        }
        // refusing everything cannot pass: the victim's token opens the victim's site on the same connection
        expect(
          await outcome(c.call("get_authorization_url", { oxd_id: victimSite }, { token: victimToken })),
          `victim over ${t}`,
        ).toBe("ok")
      }
      expect(
        (await internal("get_authorization_url", { oxd_id: victimSite }, victimToken))["authorization_url"],
      ).toContain(victimOp.issuer)
    })

    it("streams to the attacker only the events of his own sites, never the victim's", async () => {
      const got: { attacker: OxdEvent[]; victim: OxdEvent[] } = { attacker: [], victim: [] }
      const errors: unknown[] = []
      const follow = (who: "attacker" | "victim", token: string, opHost?: string) =>
        new Promise<void>((resolve) => {
          wsClient().events(
            { protection_access_token: token, ...(opHost ? { op_host: opHost } : {}) },
            {
              onEvent: (e) => got[who].push(e),
              onStarted: resolve,
              onError: (e) => {
                errors.push(e)
                resolve()
              },
            },
          )
        })
      await follow("attacker", EVIL)
      await follow("attacker", EVIL, attackerOp.issuer)
      await follow("victim", victimToken)
      expect(errors).toEqual([])

      // the victim's site is used; the attacker uses his own
      await internal("get_authorization_url", { oxd_id: victimSite }, victimToken)
      await internal("get_logout_uri", { oxd_id: victimSite }, victimToken)
      await internal(
        "update_site",
        { oxd_id: victimSite, post_logout_redirect_uri: "https://rp.example.org/bye" },
        victimToken,
      )
      await internal("get_logout_uri", { oxd_id: attackerSites[0] }, EVIL)

      await eventually(() => got.victim.length >= 2 && got.attacker.length >= 2)
      await new Promise((r) => setTimeout(r, 200))
      expect(got.attacker.map((e) => e.oxd_id)).not.toContain(victimSite)
      expect(got.attacker.every((e) => e.op_host === attackerOp.issuer)).toBe(true)
      expect(got.victim.map((e) => e.oxd_id)).toEqual([victimSite, victimSite])
      expect(got.victim.every((e) => e.op_host === victimOp.issuer && e.setup_client_id === victim.client_id)).toBe(
        true,
      )
    })

    it("refuses the attacker's events stream at the victim's OP", async () => {
      const error = await new Promise<unknown>((resolve) => {
        wsClient().events(
          { protection_access_token: EVIL, op_host: victimOp.issuer },
          { onEvent: () => undefined, onError: resolve, onStarted: () => resolve(undefined) },
        )
      })
      expect(error).toBeInstanceOf(OxdError)
      expect((error as OxdError).error).toBe("inactive_protection_access_token")
    })
  },
)

describe("an attacker-run OP whose client_id matches no setup client of his", () => {
  let oxd: Oxd
  let victimToken: string

  beforeAll(async () => {
    oxd = makeOxd(
      makeConfig({
        database_url: ":memory:",
        log_level: "error",
        trusted_ca_file: caFile,
        protect_commands_with_access_token: true,
        allowed_op_hosts: [victimOp.issuer, attackerOp.issuer],
      }),
    )
    const setup = async (op: TestOp) =>
      (
        await oxd.dispatch(
          "setup_client",
          { op_host: op.issuer, authorization_redirect_uri: REDIRECT },
          { transport: "internal" },
        )
      ).envelope as { data: { client_id: string; client_secret: string } }
    const victim = (await setup(victimOp)).data
    await setup(attackerOp)
    victimToken = (
      (await oxd.dispatch("get_client_token", { op_host: victimOp.issuer, ...victim }, { transport: "internal" }))
        .envelope as { data: { access_token: string } }
    ).data.access_token
    attackerOp.rogue.forgeIntrospection(EVIL, {
      active: true,
      client_id: victim.client_id,
      scope: "openid uma_protection",
    })
  })
  afterAll(async () => {
    await oxd?.dispose()
    attackerOp.reset()
  })

  it("cannot bind a site at his OP to the victim's setup client, nor identify as it", async () => {
    const reg = await oxd.dispatch(
      "register_site",
      { op_host: attackerOp.issuer, authorization_redirect_uri: REDIRECT },
      { transport: "internal", protectionToken: EVIL },
    )
    expect(reg.envelope).toMatchObject({ status: "error", data: { error: "invalid_protection_access_token" } })
    const who = await oxd.whoami(EVIL)
    expect(who.envelope).toMatchObject({ status: "error", data: { error: "invalid_protection_access_token" } })
    // the victim's token still identifies the victim, at the victim's OP
    expect((await oxd.whoami(victimToken)).envelope).toMatchObject({ status: "ok", data: { op_host: victimOp.issuer } })
  })
})
