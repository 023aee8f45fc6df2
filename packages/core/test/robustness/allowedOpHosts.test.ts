/**
 * Which OPs the server talks to (allowed_op_hosts, security review V4), over core's dispatch and real test OPs on
 * loopback: a loopback OP is refused unless its origin is listed — literal, decimal or resolved from a name — every
 * endpoint a discovery document names is held to the same rule, and the commands that need no token do not relay
 * the OP's free text.
 */
import type { TestOp } from "@oxd/test-op"
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import type { Config } from "../../src/config/OxdConfig.js"
import { makeConfig } from "../../src/config/loadConfig.js"
import { makeOxd, type Oxd } from "../../src/makeOxd.js"
import type { Transport } from "../../src/services/opResilience.js"
import {
  authorize,
  call,
  failure,
  ok,
  opJson,
  opOrigin,
  oxdFor,
  REDIRECT_URI,
  registerAtOp,
  registerSite,
  signIn,
  startOp,
} from "../support.js"
import { photoAndDocument, registerUmaSite } from "../uma.js"

let op: TestOp
/** Another OP on another loopback origin, never listed: where a rewritten discovery document sends the server. */
let other: TestOp
/** An OP whose issuer is https://localhost:<port>: a name that resolves to loopback. */
let named: TestOp
const opened: Oxd[] = []

beforeAll(async () => {
  ;[op, other, named] = await Promise.all([startOp(), startOp(), startOp({ host: "localhost" })])
})
afterEach(() => {
  op.reset()
  other.reset()
})
afterAll(async () => {
  await Promise.all(opened.map((o) => o.dispose()))
  await Promise.all([op?.close(), other?.close(), named?.close()])
})

/** A fresh core (nothing discovered yet), listing the test OP unless told otherwise. */
const fresh = (over: Partial<Config> = {}) => {
  const oxd = oxdFor(op, { op_retries: 0, ...over })
  opened.push(oxd)
  return oxd
}
const setupClient = (oxd: Oxd, opHost: string) =>
  call(oxd, "setup_client", { op_host: opHost, authorization_redirect_uri: REDIRECT_URI })
const requests = (o: TestOp) => Object.values(o.counters()).reduce((a, b) => a + b, 0)

describe("allowed_op_hosts: the OP named in op_host", () => {
  it("refuses a loopback OP that is not listed, before sending it anything, with invalid_op_host saying what to do", async () => {
    const unlisted = fresh({ allowed_op_hosts: [] })
    for (const r of [
      setupClient(unlisted, op.issuer),
      call(unlisted, "get_client_token", { op_host: op.issuer, client_id: "a", client_secret: "b" }),
      call(unlisted, "register_site", { op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI }),
    ]) {
      const e = await failure(r)
      expect(e).toMatchObject({ error: "invalid_op_host", http: 400 })
      expect(e.error_description).toContain("127.0.0.1 is a loopback address")
      expect(e.error_description).toContain(`add the origin ${opOrigin(op)} to allowed_op_hosts`)
    }
    expect(requests(op)).toBe(0)
  })

  it("refuses the same address in other spellings: decimal, hex, IPv4-mapped IPv6", async () => {
    const unlisted = fresh({ allowed_op_hosts: [] })
    for (const host of [
      `https://2130706433:${op.port}`,
      `https://0x7f.1:${op.port}`,
      `https://[::ffff:127.0.0.1]:${op.port}`,
    ]) {
      const e = await failure(setupClient(unlisted, host))
      expect(e.error).toBe("invalid_op_host")
      expect(e.error_description).toMatch(/(127\.0\.0\.1|::ffff:7f00:1) is a loopback address/)
    }
    expect(requests(op)).toBe(0)
  })

  it("uses a loopback OP whose origin is listed", async () => {
    const listed = fresh({ allowed_op_hosts: [opOrigin(op)] })
    const data = await ok(setupClient(listed, op.issuer))
    expect(data["op_host"]).toBe(op.issuer)
    expect(op.counters()["registration"]).toBe(2) // the setup client and the site
  })

  it("refuses, with a list, every origin not on it (the test OP's other port, a public-looking name) without a DNS look-up", async () => {
    const listed = fresh()
    const e = await failure(setupClient(listed, other.issuer))
    expect(e).toMatchObject({ error: "invalid_op_host", http: 400 })
    expect(e.error_description).toContain("its origin is not in allowed_op_hosts")
    expect(e.error_description).toContain(`add the origin ${opOrigin(other)} to allowed_op_hosts`)
    expect((await failure(setupClient(listed, "https://op.example.com"))).error_description).toContain(
      "add the origin https://op.example.com",
    )
    expect(requests(other)).toBe(0)
  })

  it("matches a wildcard on subdomains, not on the domain itself (URL check only: no network)", async () => {
    const urls: string[] = []
    const recording: Transport = (url) => {
      urls.push(url)
      return Promise.resolve(new Response("{}", { status: 404 }))
    }
    const oxd = makeOxd(
      makeConfig({ database_url: ":memory:", log_level: "error", allowed_op_hosts: ["https://*.example.com"] }),
      { opTransport: recording },
    )
    opened.push(oxd)
    expect((await failure(setupClient(oxd, "https://op.example.com"))).error).toBe("no_connect_discovery_response") // allowed: the request went out
    expect(urls).toEqual(["https://op.example.com/.well-known/openid-configuration"])
    const apex = await failure(setupClient(oxd, "https://example.com"))
    expect(apex.error).toBe("invalid_op_host")
    expect(apex.error_description).toContain("add the origin https://example.com to allowed_op_hosts")
    expect(urls).toHaveLength(1)
  })
})

describe("allowed_op_hosts: a host name is judged by the addresses it resolves to, at the connection", () => {
  const localhost = () => `https://localhost:${named.port}`

  it("refuses a name that resolves to loopback when nothing is listed", async () => {
    const e = await failure(setupClient(fresh({ allowed_op_hosts: [] }), localhost()))
    expect(e).toMatchObject({ error: "invalid_op_host", http: 400 })
    expect(e.error_description).toMatch(/localhost resolves to a loopback address \((127\.0\.0\.1|::1)\)/)
    expect(e.error_description).toContain(`add the origin ${localhost()} to allowed_op_hosts`)
    expect(Object.keys(named.counters())).toEqual([])
  })

  it("matches the origin as the caller wrote it: listing https://127.0.0.1:<port> does not allow https://localhost:<port>", async () => {
    const e = await failure(setupClient(fresh({ allowed_op_hosts: [`https://127.0.0.1:${named.port}`] }), localhost()))
    expect(e.error_description).toContain("its origin is not in allowed_op_hosts")
  })

  it("lets a listed name reach its loopback address", async () => {
    const data = await ok(setupClient(fresh({ allowed_op_hosts: [localhost()] }), localhost()))
    expect(data["op_host"]).toBe(localhost())
  })
})

describe("allowed_op_hosts: every endpoint a discovery document names", () => {
  /** Where the other OP serves `field` (a real endpoint of a real OP), its counters left at zero. */
  const otherEndpoint = async (field: string): Promise<string> => {
    const url = (await opJson(other, `${other.issuer}/.well-known/openid-configuration`)).body[field] as string
    other.reset()
    return url
  }
  /** The test OP advertising `field` on the other (unlisted) OP; a core that discovers it afresh. */
  const advertising = async (field: string, over: Partial<Config> = {}) => {
    op.rewriteDiscovery({ openid: { [field]: await otherEndpoint(field) } })
    return fresh(over)
  }
  const refusedAt = async (reply: ReturnType<typeof call>, url: string) => {
    const e = await failure(reply)
    expect(e).toMatchObject({ error: "invalid_op_host", http: 400 })
    expect(e.error_description).toContain(`does not call ${url}`)
    expect(e.error_description).toContain(`add the origin ${opOrigin(other)} to allowed_op_hosts`)
    expect(requests(other)).toBe(0)
  }

  it("userinfo_endpoint: refused there, while the listed OP serves the rest of the login", async () => {
    const oxd = await advertising("userinfo_endpoint")
    const oxdId = await registerSite(oxd, op)
    const { access_token } = await signIn(oxd, op, oxdId)
    await refusedAt(call(oxd, "get_user_info", { oxd_id: oxdId, access_token }), `${other.issuer}/me`)
  })

  it("userinfo_endpoint: reached once that origin is listed too (the refusal above is the list's doing)", async () => {
    const oxd = await advertising("userinfo_endpoint", { allowed_op_hosts: [opOrigin(op), opOrigin(other)] })
    const oxdId = await registerSite(oxd, op)
    const { access_token } = await signIn(oxd, op, oxdId)
    // the other OP does not know the token: its answer (a refusal, answered as no claims, UI3), not a refusal by the server
    expect(await ok(call(oxd, "get_user_info", { oxd_id: oxdId, access_token }))).toMatchObject({ claims: {} })
    expect(other.counters()["userinfo"]).toBe(1)
  })

  it("token_endpoint (get_client_token, a command without a token)", async () => {
    const c = await registerAtOp(op, { grant_types: ["client_credentials"], response_types: [], redirect_uris: [] })
    const oxd = await advertising("token_endpoint")
    await refusedAt(
      call(oxd, "get_client_token", {
        op_host: op.issuer,
        client_id: c["client_id"],
        client_secret: c["client_secret"],
      }),
      `${other.issuer}/token`,
    )
  })

  it("registration_endpoint (register_site)", async () => {
    const oxd = await advertising("registration_endpoint")
    await refusedAt(
      call(oxd, "register_site", { op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI }),
      `${other.issuer}/reg`,
    )
  })

  it("introspection_endpoint (introspect_access_token)", async () => {
    const oxd = await advertising("introspection_endpoint")
    const oxdId = await registerSite(oxd, op)
    await refusedAt(
      call(oxd, "introspect_access_token", { oxd_id: oxdId, access_token: "any" }),
      `${other.issuer}/token/introspection`,
    )
  })

  it("jwks_uri (the ID token of get_tokens_by_code is not checked against keys from another host)", async () => {
    const oxd = await advertising("jwks_uri")
    const oxdId = await registerSite(oxd, op)
    const { code, state } = await authorize(oxd, op, oxdId)
    await refusedAt(call(oxd, "get_tokens_by_code", { oxd_id: oxdId, code, state }), `${other.issuer}/jwks`)
  })

  it("the UMA document's endpoints (uma_rs_protect's resource registration)", async () => {
    op.rewriteDiscovery({ uma: { resource_registration_endpoint: other.uma.endpoints.resourceRegistration } })
    const oxd = fresh()
    const oxdId = await registerUmaSite(oxd, op)
    await refusedAt(
      call(oxd, "uma_rs_protect", { oxd_id: oxdId, resources: photoAndDocument() }),
      other.uma.endpoints.resourceRegistration,
    )
  })
})

describe("commands without a token do not relay the OP's free text", () => {
  it("get_client_token: the OAuth error code and HTTP status, not the description", async () => {
    const c = await registerAtOp(op, { grant_types: ["client_credentials"], response_types: [], redirect_uris: [] })
    const e = await failure(
      call(fresh(), "get_client_token", { op_host: op.issuer, client_id: c["client_id"], client_secret: "wrong" }),
    )
    // GC5 / X9: the reference's internal_error (GetClientTokenOperation.java:75-97)
    expect(e).toMatchObject({ error: "internal_error", http: 400 })
    expect(e.error_description).toBe(
      'The OP refused client_credentials with "invalid_client" (HTTP 401); its description is not passed on to commands that need no protection token.',
    )
  })

  it("setup_client: the same for a registration the OP refuses; register_site (a protected command) still tells the OP's words", async () => {
    const oxd = fresh()
    const params = { op_host: op.issuer, authorization_redirect_uri: REDIRECT_URI, response_types: ["no_such_type"] }
    const unauthenticated = await failure(call(oxd, "setup_client", params))
    // SC10 / X9: the reference's internal_error (RegisterSiteOperation.java:286)
    expect(unauthenticated).toMatchObject({ error: "internal_error", http: 400 })
    expect(unauthenticated.error_description).toBe(
      'The OP refused registration with "invalid_client_metadata" (HTTP 400); its description is not passed on to commands that need no protection token.',
    )
    const protectedOne = await failure(call(oxd, "register_site", params))
    expect(protectedOne.error_description).toMatch(/^The OP refused registration with "invalid_client_metadata": .+/)
  })
})
