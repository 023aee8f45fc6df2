/**
 * The protection token cannot be bypassed on any transport: TCP (protect_commands_with_access_token), REST and
 * WebSocket refuse a missing, bogus, expired, revoked, scope-less, non-setup-client or other setup client's token
 * for a site, with the same oxd error everywhere. Reproduce: pnpm --filter @oxd/server exec vitest run src/protection-bypass.test.ts
 */
import { request } from "node:https"
import { makeConfig, makeOxd, type Oxd } from "@oxd/core"
import { createOxdClient, type OxdClient } from "@oxd/client/tcp"
import type { TestOp } from "@oxd/test-op"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { WebSocket } from "ws"
import { startAll, type Running } from "./startAll.js"
import { opJson, outcome, startOp } from "./test-support/child.js"

const REDIRECT = "https://rp.example.org/cb"
const TOKEN_TTL_S = 3

let op: TestOp
let oxd: Oxd
let running: Running
const clients: OxdClient[] = []

/** A client of each transport; `token` as the call's token (ws: per call, over a connection without one). */
type Transport = "tcp" | "https" | "ws"
const clientOf = (t: Transport): OxdClient => {
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

let setupA: { client_id: string; client_secret: string }
let setupB: { client_id: string; client_secret: string }
let siteA: string
let plain: { client_id: string; client_secret: string }

const tokenOf = async (c: { client_id: string; client_secret: string }, scope?: string[]) =>
  (
    (
      await oxd.dispatch(
        "get_client_token",
        { op_host: op.issuer, ...c, ...(scope ? { scope } : {}) },
        { transport: "internal" },
      )
    ).envelope as { data: { access_token: string } }
  ).data.access_token

/** RFC 7009 revocation at the OP, authenticated as the client the token was issued to. */
const revoke = async (c: { client_id: string; client_secret: string }, token: string) => {
  const endpoint = String((await opJson(op, "/.well-known/openid-configuration"))["revocation_endpoint"])
  await new Promise<void>((resolve, reject) => {
    const req = request(
      endpoint,
      {
        method: "POST",
        ca: op.caPem,
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          authorization: `Basic ${Buffer.from(`${encodeURIComponent(c.client_id)}:${encodeURIComponent(c.client_secret)}`).toString("base64")}`,
        },
      },
      (res) => {
        res.resume()
        res.on("end", () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`revocation: HTTP ${res.statusCode}`)),
        )
      },
    )
    req.on("error", reject)
    req.end(new URLSearchParams({ token }).toString())
  })
}

beforeAll(async () => {
  op = await startOp({ ttl: { ClientCredentials: TOKEN_TTL_S } })
  const config = makeConfig({
    database_url: ":memory:",
    log_level: "error",
    trusted_ca_file: op.caFile,
    allowed_op_hosts: [new URL(op.issuer).origin],
    port: 0,
    rest_port: 0,
    ws_port: 0,
    rest_plain_http: true,
    ws_plain: true,
    protect_commands_with_access_token: true,
    protection_cache_seconds: 0,
  })
  oxd = makeOxd(config)
  await oxd.ready()
  running = await startAll(oxd, config)
  const setup = async () => {
    const r = (
      await oxd.dispatch(
        "setup_client",
        { op_host: op.issuer, authorization_redirect_uri: REDIRECT },
        { transport: "internal" },
      )
    ).envelope as { data: { client_id: string; client_secret: string } }
    return { client_id: r.data.client_id, client_secret: r.data.client_secret }
  }
  setupA = await setup()
  setupB = await setup()
  const r = await oxd.dispatch(
    "register_site",
    { op_host: op.issuer, authorization_redirect_uri: REDIRECT },
    { transport: "internal", protectionToken: await tokenOf(setupA) },
  )
  siteA = (r.envelope as { data: { oxd_id: string } }).data.oxd_id
  // a confidential client of the OP that is not a setup client of this server
  const reg = await new Promise<Record<string, string>>((resolve, reject) => {
    void opJson(op, "/.well-known/openid-configuration").then((d) => {
      const req = request(
        String(d["registration_endpoint"]),
        { method: "POST", ca: op.caPem, headers: { "content-type": "application/json" } },
        (res) => {
          const chunks: Buffer[] = []
          res.on("data", (c: Buffer) => chunks.push(c))
          res.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString()) as Record<string, string>))
        },
      )
      req.on("error", reject)
      // with the protection scopes (get_client_token asks for openid, oxd and uma_protection when given none)
      req.end(
        JSON.stringify({
          grant_types: ["client_credentials"],
          response_types: [],
          redirect_uris: [],
          scope: "openid oxd uma_protection",
        }),
      )
    }, reject)
  })
  plain = { client_id: reg["client_id"]!, client_secret: reg["client_secret"]! }
})
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close().catch(() => undefined)))
  await running?.close()
  await oxd?.dispose()
  await op?.close()
})

describe("protection cannot be bypassed (get_authorization_url on setup client A's site)", () => {
  const transports: ReadonlyArray<Transport> = ["tcp", "https", "ws"]

  it("refuses every kind of wrong token, with the same code on tcp, https and ws; accepts the right one", async () => {
    // tokens that will have expired by the time the table runs
    const expiring = await Promise.all(transports.map(() => tokenOf(setupA)))
    const startedAt = Date.now()
    const table: Array<readonly [string, () => Promise<string | undefined>, string]> = [
      ["no token", async () => undefined, "blank_protection_access_token"],
      ["a bogus token", async () => "not-a-token-the-op-issued", "inactive_protection_access_token"],
      ["an injection-shaped token", async () => "'OR'1'='1'--;DROP%0d%0aX:", "inactive_protection_access_token"],
      ["setup client B's token (valid, for B's sites only)", () => tokenOf(setupB), "invalid_protection_access_token"],
      ["a token of a client that is no setup client", () => tokenOf(plain), "invalid_protection_access_token"],
      [
        "A's token without the protection scope",
        () => tokenOf(setupA, ["openid"]),
        "protection_access_token_insufficient_scope",
      ],
      ["A's valid token", () => tokenOf(setupA), "ok"],
    ]
    const results: Record<string, Record<Transport, string>> = {}
    for (const [name, token, expected] of table) {
      for (const t of transports) {
        const tok = await token()
        const got = await outcome(
          clientOf(t).call("get_authorization_url", { oxd_id: siteA }, tok === undefined ? {} : { token: tok }),
        )
        ;(results[name] ??= {} as Record<Transport, string>)[t] = got
        // REST without a Bearer: the reference's 403 with error "403" (oxd-https-extension RestResource.java:217-235, H1)
        expect(got, `${name} over ${t}`).toBe(t === "https" && tok === undefined ? "403" : expected)
      }
    }
    // revoked after a successful use (protection_cache_seconds 0: the OP is asked every time)
    for (const t of transports) {
      const tok = await tokenOf(setupA)
      const c = clientOf(t)
      expect(await outcome(c.call("get_authorization_url", { oxd_id: siteA }, { token: tok }))).toBe("ok")
      await revoke(setupA, tok)
      expect(
        await outcome(c.call("get_authorization_url", { oxd_id: siteA }, { token: tok })),
        `revoked over ${t}`,
      ).toBe("inactive_protection_access_token")
      ;(results["A's token, used, then revoked"] ??= {} as Record<Transport, string>)[t] =
        "inactive_protection_access_token"
    }
    // expired
    await new Promise((r) => setTimeout(r, Math.max(0, TOKEN_TTL_S * 1000 + 1000 - (Date.now() - startedAt))))
    for (const [i, t] of transports.entries()) {
      expect(
        await outcome(clientOf(t).call("get_authorization_url", { oxd_id: siteA }, { token: expiring[i]! })),
        `expired over ${t}`,
      ).toBe("inactive_protection_access_token")
      ;(results["A's expired token"] ??= {} as Record<Transport, string>)[t] = "inactive_protection_access_token"
    }
    console.log(
      `protection table:\n${Object.entries(results)
        .map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`)
        .join("\n")}`,
    )
  }, 60_000)

  it("register_site with a bogus token is refused on every transport (no site is created)", async () => {
    for (const t of transports) {
      expect(
        await outcome(
          clientOf(t).call(
            "register_site",
            { op_host: op.issuer, authorization_redirect_uri: REDIRECT },
            { token: "bogus-token" },
          ),
        ),
      ).toBe("inactive_protection_access_token")
      // REST: the reference's 403 "403" (RestResource.java:76-79, 217-235)
      expect(
        await outcome(clientOf(t).call("register_site", { op_host: op.issuer, authorization_redirect_uri: REDIRECT })),
      ).toBe(t === "https" ? "403" : "blank_protection_access_token")
    }
  })
})
