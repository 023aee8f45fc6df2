import { headlessLogin, type TestOp } from "@oxd/test-op"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createOxdClient, OxdError, OxdTransportError, type OxdClient, type OxdEvent } from "./node.js"
import { startOp, startServers, type Servers } from "./test-support/servers.js"

const REDIRECT_URI = "https://rp.example.org/callback"
let op: TestOp
let servers: Servers
const closers: Array<() => Promise<void>> = []

beforeAll(async () => {
  op = await startOp()
  servers = await startServers(op)
})
afterAll(async () => {
  for (const c of closers) await c().catch(() => undefined)
  await servers?.close()
  await op?.close()
})

const transports = ["tcp", "https", "ws"] as const
type Transport = (typeof transports)[number]

const clientFor = (transport: Transport, token?: string): OxdClient => {
  const withToken = token ? { token } : {}
  let client: OxdClient
  if (transport === "tcp") client = createOxdClient({ transport, port: servers.tcp.port, ...withToken })
  // the servers' self-signed certificate: as PEM text over https, as a file over ws
  else if (transport === "https")
    client = createOxdClient({ transport, baseUrl: servers.rest.url, ca: servers.rest.tls!.certPem, ...withToken })
  else client = createOxdClient({ transport, url: servers.ws.url, ca: servers.certFile, ...withToken })
  closers.push(() => client.close())
  return client
}

const failure = async (call: Promise<unknown>): Promise<OxdError> => {
  try {
    await call
  } catch (e) {
    if (e instanceof OxdError) return e
    throw e
  }
  throw new Error("expected an OxdError")
}

/** A setup client and its token, made over TCP (setup_client needs none). */
const protectionToken = async () => {
  const c = clientFor("tcp")
  const setup = await c.setupClient({ op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI })
  const { access_token } = await c.getClientToken({
    op_host: op.issuer,
    client_id: setup.client_id,
    client_secret: setup.client_secret,
    scope: ["uma_protection"],
  })
  return { token: access_token, clientId: setup.client_id }
}

describe("the same interface over tcp, https and ws", () => {
  it.each(transports)("%s: a whole sign-in with typed methods; results are the reply's data", async (transport) => {
    const { token } = await protectionToken()
    const c = clientFor(transport, token)
    expect(c.transport).toBe(transport)
    const { oxd_id } = await c.registerSite({
      op_host: op.issuer,
      authorization_redirect_uri: REDIRECT_URI,
      scope: ["openid", "profile"],
    })
    const { authorization_url } = await c.getAuthorizationUrl({ oxd_id })
    const { code, state } = await headlessLogin(authorization_url, { ca: op.caPem })
    const tokens = await c.getTokensByCode({ oxd_id, code, state: state! })
    expect(tokens.id_token_claims["sub"]).toEqual(["248289761001"])
    const info = await c.call("get_user_info", { oxd_id, access_token: tokens.access_token })
    expect(info.claims["sub"]).toEqual(["248289761001"])
    // an older command name goes through call()
    await expect(c.call("update_site_registration", { oxd_id, client_name: "renamed" })).resolves.toEqual({ oxd_id })
  })

  it("tcp (T3): non-ASCII params and replies go through whole (client_name, a login_hint with an emoji)", async () => {
    const { token } = await protectionToken()
    const c = clientFor("tcp", token)
    const hint = "Zürich café 😀"
    const { oxd_id } = await c.registerSite({
      op_host: op.issuer,
      authorization_redirect_uri: REDIRECT_URI,
      client_name: `RP ${hint}`,
    })
    const { authorization_url } = await c.getAuthorizationUrl({ oxd_id, custom_parameters: { login_hint: hint } })
    expect(new URL(authorization_url).searchParams.get("login_hint")).toBe(hint)
    // a reply carrying non-ASCII: the unknown command's name, quoted back
    const e = await failure(c.call("commänd_😀", {}))
    expect(e.error).toBe("unsupported_operation")
    expect(e.error_description).toContain("commänd_😀")
  })

  it("throws the same OxdError values whatever the transport (httpStatus only where the transport has one; REST's missing Bearer is the reference's \"403\")", async () => {
    const { token } = await protectionToken()
    const errors = await Promise.all(
      transports.map(async (t) => failure(clientFor(t, token).getAuthorizationUrl({ oxd_id: "no-such-site" }))),
    )
    for (const e of errors) {
      expect(e).toBeInstanceOf(OxdError)
      expect(e.error).toBe("invalid_oxd_id")
    }
    expect(new Set(errors.map((e) => e.error_description)).size).toBe(1)
    // https: an oxd error is still an OxdError when it comes with HTTP 200 (rest_error_status: reference, the default:
    // oxd-https-extension RestResource.java:201-215)
    expect(errors.map((e) => e.httpStatus)).toEqual([undefined, 200, 400])
    const blank = await Promise.all(
      transports.map(async (t) => failure(clientFor(t).getAuthorizationUrl({ oxd_id: "x" }))),
    )
    // REST without a Bearer: the reference's 403 with error "403" (H1, RestResource.java:217-235)
    expect(blank.map((e) => [e.error, e.httpStatus])).toEqual([
      ["blank_protection_access_token", undefined],
      ["403", 403],
      ["blank_protection_access_token", 403],
    ])
    const unknown = await Promise.all(
      transports.map(async (t) => failure(clientFor(t, token).call("no_such_command", {}))),
    )
    expect(unknown.map((e) => e.error)).toEqual([
      "unsupported_operation",
      "unsupported_operation",
      "unsupported_operation",
    ])
    // the server's error data carries details, null here, as the reference's does (ErrorResponse.java:22-27)
    expect(unknown[0]!.toEnvelope()).toEqual({
      status: "error",
      data: { error: "unsupported_operation", error_description: unknown[0]!.error_description, details: null },
    })
  })

  it.each(transports)("%s: a per-call token wins over the client's", async (transport) => {
    const a = await protectionToken()
    const b = await protectionToken()
    const siteOfB = (
      await clientFor("tcp", b.token).registerSite({ op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI })
    ).oxd_id
    const c = clientFor(transport, a.token)
    expect((await failure(c.getAuthorizationUrl({ oxd_id: siteOfB }))).error).toBe("invalid_protection_access_token")
    await expect(c.getAuthorizationUrl({ oxd_id: siteOfB }, { token: b.token })).resolves.toHaveProperty(
      "authorization_url",
    )
  })

  it.each(transports)("%s: a server that cannot be reached is an OxdTransportError", async (transport) => {
    const c =
      transport === "tcp"
        ? createOxdClient({ transport, port: 1, connectTimeoutMs: 2000 })
        : transport === "https"
          ? createOxdClient({ transport, baseUrl: "https://127.0.0.1:1", timeoutMs: 2000 })
          : createOxdClient({ transport, url: "ws://127.0.0.1:1", connectTimeoutMs: 1000 })
    closers.push(() => c.close())
    await expect(c.setupClient({ op_host: op.issuer })).rejects.toBeInstanceOf(OxdTransportError)
  })
})

describe("ws: events", () => {
  it("streams the caller's own sites' events", async () => {
    const { token, clientId } = await protectionToken()
    const c = createOxdClient({ transport: "ws", url: servers.ws.url, ca: servers.certFile, token })
    closers.push(() => c.close())
    const events: OxdEvent[] = []
    let started = false
    const stop = c.events(
      {},
      {
        onEvent: (e) => events.push(e),
        onStarted: () => {
          started = true
        },
      },
    )
    while (!started) await new Promise((r) => setTimeout(r, 20))
    const { oxd_id } = await c.registerSite({ op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI })
    while (events.length === 0) await new Promise((r) => setTimeout(r, 20))
    expect(events[0]).toMatchObject({ type: "site_registered", oxd_id, setup_client_id: clientId })
    // the typed tRPC client shares the socket
    await expect(c.trpc.getAuthorizationUrl.mutate({ oxd_id })).resolves.toHaveProperty("authorization_url")
    stop()
  })
})
