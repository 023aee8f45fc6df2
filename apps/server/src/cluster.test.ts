/**
 * Two oxd-server instances on one PostgreSQL database (a throwaway server, started here) and one test OP, as behind a
 * load balancer: a login begun on A finishes on B, resources protected through A are enforced by B, each state is
 * consumed by exactly one of many concurrent attempts on both, a site changed through A is seen by B within
 * site_cache_seconds, and B carries on when A is killed with SIGKILL under load.
 * Reproduce: pnpm --filter @oxd/server exec vitest run src/cluster.test.ts
 */
import { spawn } from "node:child_process"
import { randomUUID } from "node:crypto"
import { fileURLToPath } from "node:url"
import { OxdError, type OxdClient } from "@oxd/client/tcp"
import { headlessLogin, type TestOp } from "@oxd/test-op"
import { postgresAvailability, startPostgres, type RunningPostgres } from "@oxd/test-postgres"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { failureOf, kill, startOp, startServer, tempDir, type ChildServer } from "./test-support/child.js"

const availability = postgresAvailability()
if (!availability.available) console.warn(`skipping the two-instance PostgreSQL tests: ${availability.reason}`)

const REDIRECT = "https://rp.example.org/cb"
const SITE_CACHE_SECONDS = 1
const UMA_SITE = {
  authorization_redirect_uri: REDIRECT,
  grant_types: ["authorization_code", "client_credentials", "urn:ietf:params:oauth:grant-type:uma-ticket"],
  scope: ["openid", "profile", "uma_protection"],
}

let op: TestOp
let pg: RunningPostgres
let a: ChildServer
let b: ChildServer

const register = async (client: OxdClient, extra: Record<string, unknown> = {}) =>
  ((await client.call("register_site", { op_host: op.issuer, ...UMA_SITE, ...extra })) as { oxd_id: string }).oxd_id

const login = async (client: OxdClient, oxd_id: string) => {
  const { authorization_url } = (await client.call("get_authorization_url", { oxd_id })) as {
    authorization_url: string
  }
  const { code, state } = await headlessLogin(authorization_url, { ca: op.caPem })
  return { code, state: state!, authorization_url }
}

describe.skipIf(!availability.available)("two instances on one PostgreSQL database", () => {
  beforeAll(async () => {
    op = await startOp()
    pg = await startPostgres()
    const url = await pg.createDatabase()
    // started at once: both migrate the empty database (they take turns under an advisory lock)
    ;[a, b] = await Promise.all(
      [a, b].map(() => startServer(op, url, ["--site-cache-seconds", String(SITE_CACHE_SECONDS)])) as [
        Promise<ChildServer>,
        Promise<ChildServer>,
      ],
    )
  }, 120_000)
  afterAll(async () => {
    await a?.closeClients()
    await b?.closeClients()
    kill(a)
    kill(b)
    await pg?.stop()
    await op?.close()
  })

  it("finishes on B a login begun on A; the state is then used on both", async () => {
    const onA = a.tcp()
    const onB = b.tcp()
    const oxd_id = await register(onA)
    const { code, state } = await login(onA, oxd_id)
    const tokens = await onB.call("get_tokens_by_code", { oxd_id, code, state })
    expect(tokens.access_token).toEqual(expect.any(String))
    expect(tokens.id_token_claims["sub"]).toEqual([expect.any(String)])
    // the reference's code for a used state: bad_request "'state' is not registered." (issue 22, TC4)
    expect(await failureOf(onA.call("get_tokens_by_code", { oxd_id, code, state }))).toBe("bad_request")
    expect(await failureOf(onB.call("get_tokens_by_code", { oxd_id, code, state }))).toBe("bad_request")
  })

  it("enforces on B the resources protected through A: denied with a ticket, then granted with the RPT", async () => {
    const onA = a.tcp()
    const onB = b.tcp()
    const oxd_id = await register(onA)
    await onA.call("uma_rs_protect", {
      oxd_id,
      resources: [{ path: "/photo", conditions: [{ httpMethods: ["GET"], scopes: ["view"] }] }],
    })
    const denied = (await onB.call("uma_rs_check_access", { oxd_id, path: "/photo", http_method: "GET", rpt: "" })) as {
      access: string
      ticket: string
    }
    expect(denied).toMatchObject({ access: "denied", ticket: expect.any(String) })
    const { access_token: rpt } = (await onB.call("uma_rp_get_rpt", { oxd_id, ticket: denied.ticket })) as {
      access_token: string
    }
    expect(await onB.call("uma_rs_check_access", { oxd_id, path: "/photo", http_method: "GET", rpt })).toMatchObject({
      access: "granted",
    })
    expect(await onA.call("uma_rs_check_access", { oxd_id, path: "/photo", http_method: "GET", rpt })).toMatchObject({
      access: "granted",
    })
    // a path A never protected is not protected on B either
    expect(await failureOf(onB.call("uma_rs_check_access", { oxd_id, path: "/other", http_method: "GET", rpt }))).toBe(
      "invalid_request",
    )
  })

  it("gives each of 20 states, redeemed at once twice through A and twice through B, to exactly one attempt", async () => {
    const oxd_id = await register(a.tcp())
    const logins = []
    for (let i = 0; i < 20; i++) logins.push(await login(i % 2 ? b.tcp() : a.tcp(), oxd_id))
    // four connections, each sending its 20 attempts in order: the four attempts at one state are in flight together
    const clients = [a.tcp(), b.tcp(), a.tcp(), b.tcp()]
    const attempts = await Promise.all(
      logins.flatMap(({ code, state }) =>
        clients.map((c) =>
          c.call("get_tokens_by_code", { oxd_id, code, state }).then(
            () => "ok",
            (e: unknown) => (e instanceof OxdError ? e.error : String(e)),
          ),
        ),
      ),
    )
    for (let i = 0; i < logins.length; i++) {
      const outcomes = attempts.slice(i * 4, i * 4 + 4).sort()
      expect(outcomes, `state ${i}`).toEqual(["bad_request", "bad_request", "bad_request", "ok"])
    }
  })

  it("shares the logout-token replay store: a token accepted by A's receiver is refused by B's, and B sees the logout", async () => {
    const onA = a.tcp()
    const onB = b.tcp()
    const oxd_id = await register(onA, {
      backchannel_logout_uri: `${a.restUrl}/backchannel-logout`,
      backchannel_logout_session_required: true,
    })
    const { code, state, authorization_url } = await login(onA, oxd_id)
    const tokens = await onB.call("get_tokens_by_code", { oxd_id, code, state })
    const sid = tokens.id_token_claims["sid"]![0]!
    const logoutToken = await op.signJwt({
      iss: op.issuer,
      aud: new URL(authorization_url).searchParams.get("client_id"),
      iat: Math.floor(Date.now() / 1000),
      jti: randomUUID(),
      sid,
      events: { "http://schemas.openid.net/event/backchannel-logout": {} },
    })
    const post = (restUrl: string) =>
      fetch(`${restUrl}/backchannel-logout`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ logout_token: logoutToken }),
      })
    expect((await post(a.restUrl)).status).toBe(200)
    const replay = await post(b.restUrl)
    expect(replay.status).toBe(400)
    expect(await replay.json()).toEqual({
      error: "invalid_request",
      error_description: expect.stringContaining("received before"),
    })
    expect(await onB.call("check_session", { oxd_id, sid })).toMatchObject({
      status: "logged_out",
      channel: "backchannel",
    })
  })

  it(`sees on B a site changed through A within site_cache_seconds (${SITE_CACHE_SECONDS} s)`, async () => {
    const onA = a.tcp()
    const onB = b.tcp()
    const oxd_id = await register(onA)
    const redirectOn = async (c: OxdClient) =>
      new URL(
        ((await c.call("get_authorization_url", { oxd_id })) as { authorization_url: string }).authorization_url,
      ).searchParams.get("redirect_uri")
    expect(await redirectOn(onB)).toBe(REDIRECT) // now cached on B
    await onA.call("update_site", { oxd_id, authorization_redirect_uri: `${REDIRECT}/new` })
    expect(await redirectOn(onA)).toBe(`${REDIRECT}/new`) // at once on the instance that wrote it
    await new Promise((r) => setTimeout(r, SITE_CACHE_SECONDS * 1000 + 100))
    expect(await redirectOn(onB)).toBe(`${REDIRECT}/new`)
  })

  it("keeps B answering every command while A is killed with SIGKILL under load; what A acknowledged is on B", async () => {
    const oxd_id = await register(a.tcp())
    await a.tcp().call("uma_rs_protect", {
      oxd_id,
      resources: [{ path: "/load", conditions: [{ httpMethods: ["GET"], scopes: ["view"] }] }],
    })
    const answered = { a: 0, b: 0 }
    const bFailures: string[] = []
    let lastUrlOfA: string | undefined
    let stop = false
    let bAfterKill = 0
    let killed = false
    const worker = async (client: OxdClient, on: "a" | "b") => {
      for (let i = 0; !stop; i++) {
        try {
          if (i % 2) {
            await client.call("uma_rs_check_access", { oxd_id, path: "/load", http_method: "GET", rpt: "" })
          } else {
            const { authorization_url } = (await client.call("get_authorization_url", { oxd_id })) as {
              authorization_url: string
            }
            if (on === "a") lastUrlOfA = authorization_url
          }
          answered[on]++
          if (on === "b" && killed) bAfterKill++
        } catch (e) {
          if (on === "b") bFailures.push(e instanceof Error ? e.message : String(e))
          else if (killed) return // A is gone: its clients stop
        }
      }
    }
    const load = [
      ...[a.tcp(), a.tcp(), a.tcp()].map((c) => worker(c, "a")),
      ...[b.tcp(), b.tcp(), b.tcp()].map((c) => worker(c, "b")),
    ]
    while (answered.a < 100 || answered.b < 100) await new Promise((r) => setTimeout(r, 10))
    a.child.kill("SIGKILL")
    killed = true
    await a.exited
    while (bAfterKill < 200) await new Promise((r) => setTimeout(r, 10))
    stop = true
    await Promise.all(load)
    expect(bFailures).toEqual([])
    expect(bAfterKill).toBeGreaterThanOrEqual(200)
    // the last authorization request A acknowledged before it died is pending in the shared database: B finishes it
    expect(lastUrlOfA).toEqual(expect.any(String))
    const { code, state } = await headlessLogin(lastUrlOfA!, { ca: op.caPem })
    expect(await b.tcp().call("get_tokens_by_code", { oxd_id, code, state: state! })).toMatchObject({
      access_token: expect.any(String),
    })
  }, 120_000)
})

describe("oxd-server on a PostgreSQL database it cannot reach", () => {
  it("exits 1 at start naming the database and the reason, never the password", async () => {
    const main = fileURLToPath(new URL("./main.ts", import.meta.url))
    const child = spawn(
      process.execPath,
      [
        "--conditions=source",
        "--import",
        "tsx",
        main,
        "--database-url",
        "postgres://oxd:not-this-password@127.0.0.1:1/oxd",
        "--port",
        "0",
        "--rest-port",
        "0",
        "--ws-port",
        "0",
        "--rest-tls-dir",
        tempDir("oxd-unreachable-"),
      ],
      { cwd: fileURLToPath(new URL("../../../", import.meta.url)), stdio: ["ignore", "pipe", "pipe"] },
    )
    let out = ""
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString()
    })
    child.stderr.on("data", (d: Buffer) => {
      out += d.toString()
    })
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve))
    expect(code).toBe(1)
    expect(out).toContain("Cannot open the database postgres://***@127.0.0.1:1/oxd: connect ECONNREFUSED")
    expect(out).not.toContain("not-this-password")
  })
})
