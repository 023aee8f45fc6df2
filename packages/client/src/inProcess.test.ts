import { headlessLogin, type TestOp } from "@oxd/test-op"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { CALL_NOW, createOxdClient, OxdError, type InProcessCore } from "./inProcess.js"
import { createOxdClient as createNodeClient } from "./node.js"
import { startOp, startServers, type Servers } from "./test-support/servers.js"

const REDIRECT_URI = "https://rp.example.org/callback"
let op: TestOp
let servers: Servers

beforeAll(async () => {
  op = await startOp()
  servers = await startServers(op)
})
afterAll(async () => {
  await servers?.close()
  await op?.close()
})

const failure = async (call: Promise<unknown>): Promise<OxdError> => {
  try {
    await call
  } catch (e) {
    if (e instanceof OxdError) return e
    throw e
  }
  throw new Error("expected an OxdError")
}

const setupToken = async (c: ReturnType<typeof createOxdClient>) => {
  const setup = await c.setupClient({ op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI })
  return (
    await c.getClientToken({
      op_host: op.issuer,
      client_id: setup.client_id,
      client_secret: setup.client_secret ?? "",
      scope: ["uma_protection"],
    })
  ).access_token
}

describe("the in-process client (makeOxd's core, no network hop)", () => {
  it("signs a user in with the typed methods, on the same core the servers use", async () => {
    // the stack's core: protect_commands_with_access_token is on, so the in-process caller presents a token too
    const core: InProcessCore = servers.oxd
    const token = await setupToken(createOxdClient(core))
    const c = createOxdClient(core, { token })
    expect(c.transport).toBe("in-process")
    const { oxd_id } = await c.registerSite({ op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI })
    const { authorization_url } = await c.getAuthorizationUrl({ oxd_id })
    const { code, state } = await headlessLogin(authorization_url, { ca: op.caPem })
    const tokens = await c.getTokensByCode({ oxd_id, code, state: state! })
    expect(tokens.id_token_claims["sub"]).toEqual(["248289761001"])
    // the site is the core's: a tcp client of the same core sees it
    const tcp = createNodeClient({ transport: "tcp", port: servers.tcp.port, token })
    try {
      expect(await tcp.getLogoutUri({ oxd_id })).toEqual({ uri: expect.stringContaining(op.issuer) })
    } finally {
      await tcp.close()
    }
    await c.close()
    // close() leaves the app's core running
    expect((await createOxdClient(core, { token }).getAuthorizationUrl({ oxd_id })).authorization_url).toContain(
      "state=",
    )
  })

  it("throws the OxdError the tcp client throws (same error, same description; no HTTP status)", async () => {
    const token = await setupToken(createOxdClient(servers.oxd))
    const inProcess = await failure(createOxdClient(servers.oxd, { token }).getAuthorizationUrl({ oxd_id: "nope" }))
    const tcp = createNodeClient({ transport: "tcp", port: servers.tcp.port, token })
    try {
      const overTcp = await failure(tcp.getAuthorizationUrl({ oxd_id: "nope" }))
      expect([inProcess.error, inProcess.error_description, inProcess.httpStatus]).toEqual([
        overTcp.error,
        overTcp.error_description,
        undefined,
      ])
    } finally {
      await tcp.close()
    }
    // the token is required as the core's config says (on here), and a per-call null sends none
    expect(
      (await failure(createOxdClient(servers.oxd, { token }).getAuthorizationUrl({ oxd_id: "x" }, { token: null })))
        .error,
    ).toBe("blank_protection_access_token")
  })

  it("requireProtection asks for a token even when the core's config does not", async () => {
    const plain = await import("@oxd/test-stack").then((m) => m.startStack(op, { edges: [] }))
    try {
      const free = createOxdClient(plain.oxd)
      const { oxd_id } = await free.registerSite({ op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI })
      expect((await free.getAuthorizationUrl({ oxd_id })).authorization_url).toContain(op.issuer)
      const strict = createOxdClient(plain.oxd, { requireProtection: true })
      expect((await failure(strict.getAuthorizationUrl({ oxd_id }))).error).toBe("blank_protection_access_token")
    } finally {
      await plain.close()
    }
  })

  it("CALL_NOW: what the core answers at once (warm state) comes at once; the rest, and call(), as promises", async () => {
    const token = await setupToken(createOxdClient(servers.oxd))
    const c = createOxdClient(servers.oxd, { token })
    const { oxd_id } = await c.registerSite({ op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI })
    // the first login URL fetches the OP's discovery; the next one is the synchronous road's
    await c.getAuthorizationUrl({ oxd_id })
    const now = c[CALL_NOW]("get_authorization_url", { oxd_id })
    expect(now).not.toBeInstanceOf(Promise)
    expect((now as { authorization_url: string }).authorization_url).toContain(op.issuer)
    // call() keeps its contract: always a promise
    const promised = c.call("get_authorization_url", { oxd_id })
    expect(promised).toBeInstanceOf(Promise)
    expect((await promised).authorization_url).toContain(op.issuer)
    // an unknown site is the Effect road's: a promise that rejects with the OxdError call() gives
    const later = c[CALL_NOW]("get_authorization_url", { oxd_id: "nope" })
    expect(later).toBeInstanceOf(Promise)
    expect((await failure(later as Promise<unknown>)).error).toBe(
      (await failure(c.getAuthorizationUrl({ oxd_id: "nope" }))).error,
    )
    // an aborted signal: thrown at once, and call() rejects
    const signal = AbortSignal.abort(new Error("gave up"))
    expect(() => c[CALL_NOW]("get_authorization_url", { oxd_id }, { signal })).toThrow("gave up")
    await expect(c.call("get_authorization_url", { oxd_id }, { signal })).rejects.toThrow("gave up")
  })
})
