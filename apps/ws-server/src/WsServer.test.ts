import { request } from "node:http"
import { commands, type OxdEvent } from "@oxd/core"
import { procedureName } from "@oxd/wire"
import type { TestOp } from "@oxd/test-op"
import { eventually } from "@oxd/testkit"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { WebSocket } from "ws"
import { appRouter } from "./router.js"
import {
  connect,
  oxdError,
  registerSite,
  setupClient,
  signIn,
  startOp,
  startServer,
  type Client,
  type Running,
} from "./test-support/ws.js"

let op: TestOp
let running: Running
const clients: Client[] = []
const open = (token?: string) => {
  const c = connect(running.server, token ? { token } : {})
  clients.push(c)
  return c
}

beforeAll(async () => {
  op = await startOp()
  running = await startServer(op, { server: { plain: true } })
})
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close().catch(() => undefined)))
  await running?.close()
  await op?.close()
})

/** A raw WebSocket (no tRPC client): what it receives, and how it closed. */
const raw = async (url: string, path = "") => {
  const socket = new WebSocket(`${url}${path}`)
  const messages: unknown[] = []
  let closed: { code: number; reason: string } | undefined
  socket.on("message", (d: Buffer) => {
    messages.push(JSON.parse(d.toString()))
  })
  socket.on("close", (code, reason) => {
    closed = { code, reason: reason.toString() }
  })
  socket.on("error", () => undefined)
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve())
    socket.once("error", reject)
  })
  return { socket, messages, closed: () => closed }
}

describe("the router", () => {
  it("has every command of core's registry as a mutation named by procedureName, and the events subscription", () => {
    const procedures = appRouter._def.procedures as Record<string, { _def: { type: string } }>
    for (const def of Object.values(commands))
      expect(procedures[procedureName(def.name)]?._def.type, def.name).toBe("mutation")
    expect(procedures["events"]?._def.type).toBe("subscription")
    const aliases = Object.values(commands).flatMap((def) => def.aliases)
    for (const alias of aliases) expect(procedures[procedureName(alias)]?._def.type, alias).toBe("mutation")
    expect(Object.keys(procedures)).toHaveLength(Object.keys(commands).length + aliases.length + 1)
  })
})

describe("commands over WebSocket", () => {
  it("multiplexes many calls on one socket, with the connection-params token", async () => {
    const admin = open()
    const { token } = await setupClient(admin, op)
    const c = open(token)
    const oxdId = await registerSite(c, op)
    const urls = await Promise.all(
      Array.from({ length: 12 }, () => c.trpc.getAuthorizationUrl.mutate({ oxd_id: oxdId })),
    )
    expect(new Set(urls.map((u) => new URL(u.authorization_url).searchParams.get("state"))).size).toBe(12)
    expect(running.server.connections()).toBeGreaterThanOrEqual(2)
  })

  it("carries the oxd error code and description in error.data.oxd, with the tRPC code of its HTTP status", async () => {
    const admin = open()
    const { token } = await setupClient(admin, op)
    const c = open(token)
    const unknown = await oxdError(c.trpc.getAuthorizationUrl.mutate({ oxd_id: "no-such-site" }))
    expect(unknown).toMatchObject({ error: "invalid_oxd_id", code: "BAD_REQUEST", httpStatus: 400 })
    expect(unknown.error_description).toContain("no-such-site")
    expect(unknown.message).toBe(unknown.error_description)
    // params are decoded by core, with the same codes as over TCP and REST
    const missing = await oxdError(c.trpc.getAuthorizationUrl.mutate({} as never))
    expect(missing).toMatchObject({ error: "bad_request", httpStatus: 400 })
    expect(missing.error_description).toContain("oxd_id")
    const oxdId = await registerSite(c, op)
    const method = await oxdError(c.trpc.umaRsCheckAccess.mutate({ oxd_id: oxdId, path: "/x", http_method: "" }))
    expect(method).toMatchObject({ error: "invalid_http_method", code: "BAD_REQUEST" })
  })

  it("refuses protected commands without a token (blank_protection_access_token, FORBIDDEN) but runs setup_client", async () => {
    const anonymous = open()
    const refused = await oxdError(anonymous.trpc.getAuthorizationUrl.mutate({ oxd_id: "whatever" }))
    expect(refused).toMatchObject({ error: "blank_protection_access_token", code: "FORBIDDEN", httpStatus: 403 })
    await expect(setupClient(anonymous, op)).resolves.toMatchObject({ token: expect.any(String) })
  })

  it("lets a token in the params override the connection's for one call", async () => {
    const admin = open()
    const a = await setupClient(admin, op)
    const b = await setupClient(admin, op)
    const asB = open(b.token)
    const siteOfB = await registerSite(asB, op)
    const asA = open(a.token)
    const refused = await oxdError(asA.trpc.getAuthorizationUrl.mutate({ oxd_id: siteOfB }))
    expect(refused).toMatchObject({ error: "invalid_protection_access_token", code: "FORBIDDEN" })
    const ok = await asA.trpc.getAuthorizationUrl.mutate({ oxd_id: siteOfB, protection_access_token: b.token })
    expect(ok.authorization_url).toContain(op.issuer.replace(/\/$/, ""))
    // and the connection's token is back for the next call
    expect((await oxdError(asA.trpc.getAuthorizationUrl.mutate({ oxd_id: siteOfB }))).error).toBe(
      "invalid_protection_access_token",
    )
  })

  it("answers an unknown procedure with unsupported_operation", async () => {
    const r = await raw(running.server.url)
    r.socket.send(JSON.stringify({ id: 1, method: "mutation", params: { path: "noSuchCommand", input: {} } }))
    await eventually(() => r.messages.length > 0)
    expect(r.messages[0]).toMatchObject({ id: 1, error: { data: { oxd: { error: "unsupported_operation" } } } })
    r.socket.close()
  })
})

describe("the WebSocket edge", () => {
  it("answers a frame that is not a tRPC message with an oxd error and keeps serving the socket", async () => {
    const r = await raw(running.server.url)
    r.socket.send("hello, oxd")
    r.socket.send(Buffer.from([0xff, 0x00, 0x12]))
    r.socket.send(
      JSON.stringify({ id: 7, method: "mutation", params: { path: "getAuthorizationUrl", input: { oxd_id: "x" } } }),
    )
    await eventually(() => r.messages.length >= 3)
    const [text, binary, call] = r.messages as Array<{
      id: unknown
      error: { data: { oxd: { error: string; error_description: string } } }
    }>
    expect(text!.id).toBeNull()
    expect(text!.error.data.oxd.error).toBe("bad_request")
    expect(binary!.error.data.oxd.error).toBe("bad_request")
    expect(call).toMatchObject({ id: 7, error: { data: { oxd: { error: "blank_protection_access_token" } } } })
    expect(r.closed()).toBeUndefined()
    r.socket.close()
  })

  it("closes a connection that sends a message over ws_max_message_bytes (1009) and keeps serving the others", async () => {
    const small = await startServer(op, { server: { plain: true, maxMessageBytes: 1024 } })
    try {
      const bystander = connect(small.server)
      const r = await raw(small.server.url)
      r.socket.send(
        JSON.stringify({
          id: 1,
          method: "mutation",
          params: { path: "setupClient", input: { pad: "x".repeat(4096) } },
        }),
      )
      await eventually(() => r.closed() !== undefined)
      expect(r.closed()!.code).toBe(1009)
      expect(r.messages).toEqual([])
      const refused = await oxdError(bystander.trpc.getAuthorizationUrl.mutate({ oxd_id: "x" }))
      expect(refused.error).toBe("blank_protection_access_token")
      await bystander.close()
    } finally {
      await small.close()
    }
  })

  it("answers a plain HTTP request with 426 Upgrade Required", async () => {
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(running.server.url.replace(/^ws:/, "http:"), (res) => {
        let text = ""
        res.on("data", (d: Buffer) => {
          text += d.toString()
        })
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }))
      })
      req.on("error", reject)
      req.end()
    })
    expect(status).toBe(426)
    expect(JSON.parse(body)).toMatchObject({ status: "error", data: { error: "bad_request" } })
  })
})

describe("the events subscription", () => {
  /** Subscribes and collects what arrives (the tracked envelope: { id, data }). */
  const follow = (c: Client, input?: { lastEventId?: string; protection_access_token?: string }) => {
    const got: Array<{ id: string; data: OxdEvent }> = []
    const errors: Array<{ error: string }> = []
    let started = false
    const sub = c.trpc.events.subscribe(input, {
      onStarted: () => {
        started = true
      },
      onData: (e) => {
        got.push(e as { id: string; data: OxdEvent })
      },
      onError: (e) => {
        errors.push((e.data as { oxd: { error: string } }).oxd)
      },
    })
    // "started" comes once the token is identified and the stream registered
    return { got, errors, started: () => eventually(() => started), stop: () => sub.unsubscribe() }
  }

  it("streams what happens to the caller's own sites, none of another setup client's, never a token value", async () => {
    const admin = open()
    const a = await setupClient(admin, op)
    const b = await setupClient(admin, op)
    const asA = open(a.token)
    const asB = open(b.token)
    const eventsA = follow(asA)
    const eventsB = follow(asB)
    await Promise.all([eventsA.started(), eventsB.started()])

    const siteA = await registerSite(asA, op)
    const siteB = await registerSite(asB, op)
    const tokensA = await signIn(asA, op, siteA)
    const tokensB = await signIn(asB, op, siteB)
    const refreshed = await asA.trpc.getAccessTokenByRefreshToken.mutate({
      oxd_id: siteA,
      refresh_token: tokensA.refresh_token!,
    })
    await asA.trpc.getLogoutUri.mutate({ oxd_id: siteA })
    await asA.trpc.updateSite.mutate({ oxd_id: siteA, client_name: "renamed" })

    const umaSite = await registerSite(asA, op, {
      scope: ["openid", "uma_protection"],
      grant_types: ["authorization_code", "client_credentials", "urn:ietf:params:oauth:grant-type:uma-ticket"],
    })
    await asA.trpc.umaRsProtect.mutate({
      oxd_id: umaSite,
      resources: [{ path: "/photo", conditions: [{ httpMethods: ["GET"], scopes: ["view"] }] }],
    })
    const denied = await asA.trpc.umaRsCheckAccess.mutate({
      oxd_id: umaSite,
      path: "/photo",
      http_method: "GET",
      rpt: "",
    })
    expect(denied.access).toBe("denied")
    await asA.trpc.removeSite.mutate({ oxd_id: siteA })

    await eventually(() => eventsA.got.some((e) => e.data.type === "site_removed"))
    await eventually(() => eventsB.got.some((e) => e.data.type === "tokens_issued"))
    const typesA = eventsA.got.filter((e) => e.data.oxd_id === siteA).map((e) => e.data.type)
    expect(typesA).toEqual([
      "site_registered",
      "tokens_issued",
      "tokens_refreshed",
      "logout_uri_issued",
      "site_updated",
      "site_removed",
    ])
    expect(eventsA.got.find((e) => e.data.type === "access_checked")?.data).toMatchObject({
      oxd_id: umaSite,
      op_host: op.issuer,
      setup_client_id: a.clientId,
      access: "denied",
      path: "/photo",
      http_method: "GET",
    })
    expect(eventsA.got.find((e) => e.data.type === "tokens_issued")?.data).toMatchObject({
      refresh_token_issued: true,
      expires_in: expect.any(Number),
    })
    // isolation: each sees only its own setup client's sites
    expect(eventsA.got.every((e) => e.data.setup_client_id === a.clientId && e.data.oxd_id !== siteB)).toBe(true)
    expect(eventsB.got.length).toBeGreaterThan(0)
    expect(eventsB.got.every((e) => e.data.setup_client_id === b.clientId && e.data.oxd_id === siteB)).toBe(true)
    // tracked: the envelope id is the event's id
    expect(eventsA.got.every((e) => e.id === e.data.id)).toBe(true)
    // never a token value
    const text = JSON.stringify([eventsA.got, eventsB.got])
    const secrets = [
      a.token,
      b.token,
      tokensA.access_token,
      tokensA.id_token,
      tokensA.refresh_token,
      tokensB.access_token,
      tokensB.id_token,
      refreshed.access_token,
      refreshed.refresh_token,
    ]
    for (const s of secrets) if (s) expect(text).not.toContain(s)
    expect(eventsA.errors).toEqual([])
    eventsA.stop()
    eventsB.stop()
  })

  it("resumes after lastEventId: the retained events after it are replayed first", async () => {
    const admin = open()
    const a = await setupClient(admin, op)
    const c = open(a.token)
    const first = follow(c)
    await first.started()
    const one = await registerSite(c, op)
    const two = await registerSite(c, op)
    await eventually(() => first.got.length >= 2)
    first.stop()
    const resumed = follow(c, { lastEventId: first.got[0]!.id })
    await eventually(() => resumed.got.length >= 1)
    expect(resumed.got.map((e) => e.data.oxd_id)).toEqual([two])
    expect(first.got.map((e) => e.data.oxd_id)).toEqual([one, two])
    resumed.stop()
  })

  it("refuses to stream without a valid token", async () => {
    const anonymous = follow(open())
    await eventually(() => anonymous.errors.length > 0)
    expect(anonymous.errors[0]!.error).toBe("blank_protection_access_token")
    const forged = follow(open("not-a-token"))
    await eventually(() => forged.errors.length > 0)
    expect(forged.errors[0]!.error).toBe("inactive_protection_access_token")
  })
})
