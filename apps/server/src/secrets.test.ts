/**
 * Secrets never appear in the server's logs (all of stdout and stderr, at debug level, as JSON), in the WebSocket
 * event stream, in /metrics nor in the spans exported to a collector, during a full OIDC and UMA flow over TCP, REST
 * and WebSocket, failures included.
 * Reproduce: pnpm --filter @oxd/server exec vitest run src/secrets.test.ts
 */
import { join } from "node:path"
import type { OxdEvent } from "@oxd/client/tcp"
import { headlessLogin, type TestOp } from "@oxd/test-op"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { failureOf, startOp, startServer, stopAll, tempDir, type ChildServer } from "./test-support/child.js"
import { startOtlpCollector } from "./test-support/otlpCollector.js"

const REDIRECT = "https://rp.example.org/cb"
let op: TestOp
let server: ChildServer | undefined
let collector: Awaited<ReturnType<typeof startOtlpCollector>>
beforeAll(async () => {
  op = await startOp()
  collector = await startOtlpCollector()
})
afterAll(async () => {
  await stopAll(server, op)
  await collector?.close()
})

/**
 * Anything shaped like a random token or secret: 32+ characters of the base64url alphabet mixing digits, upper and
 * lower case (error codes such as inactive_protection_access_token and UUIDs such as oxd_ids are not).
 */
const TOKEN_SHAPED = /[A-Za-z0-9_-]{32,}/g
const tokenShaped = (text: string) =>
  [...text.matchAll(TOKEN_SHAPED)].map((m) => m[0]).filter((m) => /\d/.test(m) && /[A-Z]/.test(m) && /[a-z]/.test(m))

describe("secrets in logs and events", () => {
  it("no client secret, registration token, protection token, access/refresh/ID token, PAT, RPT or PCT is ever logged or streamed", async () => {
    server = await startServer(op, join(tempDir("oxd-secrets-"), "oxd.db"), [
      "--log-level",
      "debug",
      "--log-format",
      "json",
      "--protect-commands-with-access-token",
      "--otlp-endpoint",
      collector.url,
    ])
    const secrets: Record<string, string> = {}
    const keep = (name: string, v: unknown) => {
      if (typeof v === "string" && v.length > 0) secrets[name] = v
    }

    // TCP: setup client, protection token, a site, a whole sign-in
    const open = server.tcp()
    const setup = (await open.call("setup_client", {
      op_host: op.issuer,
      authorization_redirect_uri: REDIRECT,
    })) as unknown as Record<string, string>
    keep("client_secret", setup["client_secret"])
    keep("registration_access_token", setup["client_registration_access_token"])
    const { access_token: token } = (await open.call("get_client_token", {
      op_host: op.issuer,
      client_id: setup["client_id"],
      client_secret: setup["client_secret"],
    })) as { access_token: string }
    keep("protection_access_token", token)

    // WebSocket: the event stream of this setup client's sites, for the whole flow
    const ws = server.ws(token)
    const events: OxdEvent[] = []
    let started!: () => void
    const subscribed = new Promise<void>((r) => {
      started = r
    })
    const stop = ws.events({}, { onEvent: (e) => events.push(e), onStarted: () => started() })
    await subscribed

    const tcp = server.tcp(token)
    const { oxd_id: site } = (await tcp.call("register_site", {
      op_host: op.issuer,
      authorization_redirect_uri: REDIRECT,
      grant_types: [
        "authorization_code",
        "refresh_token",
        "client_credentials",
        "urn:ietf:params:oauth:grant-type:uma-ticket",
      ],
      scope: ["openid", "profile", "uma_protection", "offline_access"],
    })) as { oxd_id: string }
    const { authorization_url } = (await tcp.call("get_authorization_url", { oxd_id: site, prompt: "consent" })) as {
      authorization_url: string
    }
    const { code, state } = await headlessLogin(authorization_url, { ca: op.caPem })
    keep("authorization_code", code)
    const tokens = (await tcp.call("get_tokens_by_code", { oxd_id: site, code, state: state! })) as unknown as Record<
      string,
      string
    >
    keep("access_token", tokens["access_token"])
    keep("refresh_token", tokens["refresh_token"])
    keep("id_token", tokens["id_token"])
    keep("id_token_signature", tokens["id_token"]?.split(".")[2])
    await tcp.call("get_user_info", { oxd_id: site, access_token: tokens["access_token"]! })
    if (tokens["refresh_token"]) {
      const refreshed = (await tcp.call("get_access_token_by_refresh_token", {
        oxd_id: site,
        refresh_token: tokens["refresh_token"],
      })) as unknown as Record<string, string>
      keep("access_token_2", refreshed["access_token"])
      keep("refresh_token_2", refreshed["refresh_token"])
    }
    await tcp.call("introspect_access_token", { oxd_id: site, access_token: tokens["access_token"]! })
    await tcp.call("get_logout_uri", { oxd_id: site })

    // REST: UMA, which makes the server fetch and use a PAT of its own
    const rest = server.https(token)
    await rest.call("uma_rs_protect", {
      oxd_id: site,
      resources: [{ path: "/photo", conditions: [{ httpMethods: ["GET"], scopes: ["view"] }] }],
    })
    const denied = (await rest.call("uma_rs_check_access", {
      oxd_id: site,
      path: "/photo",
      http_method: "GET",
      rpt: "",
    })) as { ticket: string }
    keep("ticket", denied.ticket)
    const rpt = (await rest.call("uma_rp_get_rpt", { oxd_id: site, ticket: denied.ticket })) as {
      access_token: string
      pct: string | null
    }
    keep("rpt", rpt.access_token)
    keep("pct", rpt.pct)
    expect(
      await rest.call("uma_rs_check_access", {
        oxd_id: site,
        path: "/photo",
        http_method: "GET",
        rpt: rpt.access_token,
      }),
    ).toMatchObject({ access: "granted" })
    await rest.call("introspect_rpt", { oxd_id: site, rpt: rpt.access_token })
    await ws.call("update_site", { oxd_id: site, post_logout_redirect_uri: "https://rp.example.org/bye" })

    // failures that carry secrets in their params
    // the reference's code for a used state: bad_request "'state' is not registered." (issue 22, TC4)
    expect(await failureOf(tcp.call("get_tokens_by_code", { oxd_id: site, code, state: state! }))).toBe("bad_request")
    expect(await failureOf(server.tcp(setup["client_secret"]).call("get_authorization_url", { oxd_id: site }))).toBe(
      "inactive_protection_access_token",
    )
    // a token the OP refuses: no claims, as the reference answers (issue 22, UI3)
    expect(
      await rest.call("get_user_info", { oxd_id: site, access_token: tokens["refresh_token"] ?? "x" }),
    ).toMatchObject({ claims: {} })
    // an OP's refusal of get_client_token: the reference's internal_error (audit X9)
    expect(
      await failureOf(
        open.call("get_client_token", {
          op_host: op.issuer,
          client_id: setup["client_id"],
          client_secret: tokens["access_token"]!,
        }),
      ),
    ).toBe("internal_error")
    await rest.call("introspect_rpt", { oxd_id: site, rpt: tokens["access_token"]! })
    await failureOf(ws.call("uma_rp_get_rpt", { oxd_id: site, ticket: rpt.access_token }))
    // failures on the OP's side, logged as warnings with their descriptions
    op.fault({ mode: "http500", paths: ["/me"] }) // every attempt: userinfo is a read, so it is retried once
    expect(await failureOf(tcp.call("get_user_info", { oxd_id: site, access_token: tokens["access_token"]! }))).toBe(
      "internal_error",
    )
    op.fault(null)
    const again = await headlessLogin(
      ((await tcp.call("get_authorization_url", { oxd_id: site })) as { authorization_url: string }).authorization_url,
      { ca: op.caPem },
    )
    op.misbehave({ kind: "bad_signature" })
    // the reference's code for every ID token fault but the nonce (issue 22, TC17)
    expect(
      await failureOf(tcp.call("get_tokens_by_code", { oxd_id: site, code: again.code, state: again.state! })),
    ).toBe("invalid_id_token_unknown")

    await new Promise((r) => setTimeout(r, 300))
    const metrics = await (await fetch(`${server.restUrl}/metrics`)).text()
    stop()
    await server.closeClients()
    server.child.kill("SIGTERM")
    expect(await server.exited).toBe(0)

    const log = server.output()
    const stream = JSON.stringify(events)
    expect(Object.keys(secrets)).toEqual(
      expect.arrayContaining([
        "client_secret",
        "registration_access_token",
        "protection_access_token",
        "access_token",
        "id_token",
        "rpt",
      ]),
    )
    expect(log).toMatch(/"level":"DEBUG"/) // debug logging was on
    // and server-side failures were logged with their descriptions
    expect(
      log.split("\n").some((l) => l.includes("get_user_info failed: internal_error") && l.includes('"level":"WARN"')),
    ).toBe(true)
    const spans = collector.text() // sent at the latest when the server stopped
    expect(spans).toContain('"name":"oxd.get_tokens_by_code"')
    expect(metrics).toMatch(
      /^oxd_commands_total\{command="get_tokens_by_code",transport="tcp",outcome="bad_request"\} 1$/m,
    )
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(["site_registered", "tokens_issued", "access_checked", "site_updated"]),
    )
    for (const [name, value] of Object.entries(secrets)) {
      expect(log.includes(value), `${name} in the log`).toBe(false)
      expect(stream.includes(value), `${name} in the event stream`).toBe(false)
      expect(metrics.includes(value), `${name} in /metrics`).toBe(false)
      expect(spans.includes(value), `${name} in an exported span`).toBe(false)
    }
    // and nothing shaped like one (the PAT never leaves the server, so it is found this way); client_ids are public
    const publicIds = new Set([setup["client_id"], setup["client_id_of_oxd_id"]])
    expect(tokenShaped(log).filter((t) => !publicIds.has(t))).toEqual([])
    expect(tokenShaped(stream).filter((t) => !publicIds.has(t))).toEqual([])
    expect(tokenShaped(metrics)).toEqual([])
    // trace and span ids are 32 and 16 hex digits: never mixed case, so not token-shaped
    expect(tokenShaped(spans).filter((t) => !publicIds.has(t))).toEqual([])
  }, 120_000)
})
