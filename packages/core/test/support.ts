/**
 * Shared setup for core's tests: the real test OP (tooling/test-op) on 127.0.0.1, an Oxd on an in-memory
 * store that trusts the OP's CA and lists its origin in allowed_op_hosts, and a headless sign-in. Never a mocked OP.
 */
import { request } from "node:https"
import { headlessLogin, type TestOp } from "@oxd/test-op"
import { opOrigin, startOp } from "@oxd/testkit"
import { Effect, Scope } from "effect"
import { TestClock } from "effect/testing"
import { afterAll, beforeAll, expect } from "vitest"
import type { Config } from "../src/config/OxdConfig.js"
import { makeConfig } from "../src/config/loadConfig.js"
import type { ErrorEnvelope, Reply } from "../src/envelope.js"
import { makeOxd, type Oxd } from "../src/makeOxd.js"

export const REDIRECT_URI = "https://rp.example.org/callback"
export const POST_LOGOUT_URI = "https://rp.example.org/logged-out"

/** The real test OP (one CA for every test file, generated once, git-ignored) and its origin, from the shared kit. */
export { opOrigin, startOp }

export const oxdFor = (op: TestOp, overrides: Partial<Config> = {}, options: Parameters<typeof makeOxd>[1] = {}): Oxd =>
  makeOxd(
    makeConfig({
      database_url: ":memory:",
      log_level: "error",
      trusted_ca_file: op.caFile,
      allowed_op_hosts: [opOrigin(op)],
      ...overrides,
    }),
    options,
  )

/** A TestClock set to the wall time (the OP's tokens carry real times), for `oxdFor(op, {}, { clock })`: moved by `advance`. */
export const testClock = async () => {
  // its scope only ends a "time not adjusted" warning: it lives as long as the test file
  const clock = await Effect.runPromise(Effect.provideService(TestClock.make(), Scope.Scope, Scope.makeUnsafe()))
  await Effect.runPromise(clock.setTime(Date.now()))
  return { clock, advance: (ms: number) => Effect.runPromise(clock.adjust(ms)) }
}

/** A test OP and a core on it for the tests of one file: `use` gets both once they are up (and may set up more); both stop after the file. */
export const startOpAndOxd = (use: (op: TestOp, oxd: Oxd) => unknown, overrides: Partial<Config> = {}) => {
  let op: TestOp | undefined
  let oxd: Oxd | undefined
  beforeAll(async () => {
    op = await startOp()
    oxd = oxdFor(op, overrides)
    await use(op, oxd)
  })
  afterAll(async () => {
    await oxd?.dispose()
    await op?.close()
  })
}

/** startOpAndOxd with a site registered by `register` (register_site by default): `use` gets the OP, the core and the site's oxd_id. */
export const startOpOxdAndSite = (
  use: (op: TestOp, oxd: Oxd, oxdId: string) => unknown,
  register: (oxd: Oxd, op: TestOp) => Promise<string> = (oxd, op) => registerSite(oxd, op),
) => startOpAndOxd(async (op, oxd) => use(op, oxd, await register(oxd, op)))

/** Runs one command over the internal transport. */
export const call = (
  oxd: Oxd,
  command: string,
  params: unknown,
  ctx: { protectionToken?: string; requestId?: string } = {},
): Promise<Reply> => oxd.dispatch(command, params, { transport: "internal", ...ctx })

/** The data of an ok reply; fails the test with the error envelope otherwise. */
export const ok = async <A = Record<string, any>>(reply: Promise<Reply> | Reply): Promise<A> => {
  const r = await reply
  if (r.envelope.status !== "ok") throw new Error(`expected ok, got ${r.http} ${JSON.stringify(r.envelope)}`)
  expect(r.http).toBe(200)
  return r.envelope.data as A
}

/** The error of an error reply: { error, error_description, http }. */
export const failure = async (reply: Promise<Reply> | Reply): Promise<ErrorEnvelope["data"] & { http: number }> => {
  const r = await reply
  if (r.envelope.status !== "error") throw new Error(`expected an error, got ${JSON.stringify(r.envelope)}`)
  return { ...r.envelope.data, http: r.http }
}

export const registerSite = async (
  oxd: Oxd,
  op: TestOp,
  params: Record<string, unknown> = {},
  ctx: { protectionToken?: string } = {},
): Promise<string> => {
  const data = await ok<{ oxd_id: string }>(
    call(
      oxd,
      "register_site",
      {
        op_host: op.issuer,
        authorization_redirect_uri: REDIRECT_URI,
        post_logout_redirect_uri: POST_LOGOUT_URI,
        ...params,
      },
      ctx,
    ),
  )
  return data.oxd_id
}

/** get_authorization_url, then a headless login as alice at the real OP: the code and state the RP would receive. */
export const authorize = async (
  oxd: Oxd,
  op: TestOp,
  oxdId: string,
  params: Record<string, unknown> = {},
  ctx: { protectionToken?: string } = {},
) => {
  const { authorization_url } = await ok<{ authorization_url: string }>(
    call(oxd, "get_authorization_url", { oxd_id: oxdId, ...params }, ctx),
  )
  const { code, state } = await headlessLogin(authorization_url, { ca: op.caPem })
  if (!state) throw new Error("the OP returned no state")
  return { code, state, authorizationUrl: authorization_url }
}

export interface SignedIn {
  readonly access_token: string
  readonly expires_in: number | null
  readonly refresh_token: string | null
  readonly id_token: string
  readonly id_token_claims: Record<string, ReadonlyArray<string>>
}

/** A full code flow through oxd: authorize, log in, get_tokens_by_code. */
export const signIn = async (
  oxd: Oxd,
  op: TestOp,
  oxdId: string,
  ctx: { protectionToken?: string } = {},
): Promise<SignedIn> => {
  const { code, state } = await authorize(oxd, op, oxdId, {}, ctx)
  return ok<SignedIn>(call(oxd, "get_tokens_by_code", { oxd_id: oxdId, code, state }, ctx))
}

/** setup_client + get_client_token: a protection token of a fresh setup client. */
export const protectionToken = async (oxd: Oxd, op: TestOp): Promise<{ token: string; setup: Record<string, any> }> => {
  const setup = await ok(call(oxd, "setup_client", { op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI }))
  const { access_token } = await ok<{ access_token: string }>(
    call(oxd, "get_client_token", {
      op_host: op.issuer,
      client_id: setup["client_id"],
      client_secret: setup["client_secret"],
    }),
  )
  return { token: access_token, setup }
}

/** A JSON request to the OP over HTTPS, trusting only the test CA (for reading what the OP holds). */
export const opJson = (
  op: TestOp,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
) =>
  new Promise<{ status: number; body: any }>((resolve, reject) => {
    const body = init.body === undefined ? undefined : JSON.stringify(init.body)
    const req = request(
      url,
      {
        method: init.method ?? "GET",
        ca: op.caPem,
        headers: {
          accept: "application/json",
          ...(body ? { "content-type": "application/json" } : {}),
          ...init.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on("data", (c: Buffer) => chunks.push(c))
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8")
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined })
        })
        res.on("error", reject)
      },
    )
    req.on("error", reject)
    req.end(body)
  })

/** The claims of a JWT, undecoded signature (tests only read what oxd already validated). */
export const jwtClaims = (jwt: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString("utf8")) as Record<string, unknown>

export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/** Registers a client at the OP directly (RFC 7591), as an operator would: for register_site with client_id. */
export const registerAtOp = async (
  op: TestOp,
  metadata: Record<string, unknown> = {},
): Promise<Record<string, any>> => {
  const discovery = await opJson(op, `${op.issuer}/.well-known/openid-configuration`)
  const res = await opJson(op, discovery.body.registration_endpoint, {
    method: "POST",
    body: {
      redirect_uris: [REDIRECT_URI],
      post_logout_redirect_uris: [POST_LOGOUT_URI],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      ...metadata,
    },
  })
  if (res.status !== 201) throw new Error(`registration at the OP failed: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body
}
