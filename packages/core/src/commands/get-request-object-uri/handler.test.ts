import type { TestOp } from "@oxd/test-op"
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from "jose"
import { describe, expect, it } from "vitest"
import type { Oxd } from "../../makeOxd.js"
import {
  call,
  failure,
  ok,
  oxdFor,
  registerAtOp,
  registerSite,
  startOpOxdAndSite,
  testClock,
} from "../../../test/support.js"

let op: TestOp
let oxd: Oxd
let oxdId: string
startOpOxdAndSite((o, x, id) => ([op, oxd, oxdId] = [o, x, id]))

const HOST = "https://oxd.example.org:8443/"
const idOf = (requestUri: string) => requestUri.slice(requestUri.lastIndexOf("/") + 1)
const clientIdOf = async (id: string) =>
  (await ok<{ node: { client_id: string } }>(call(oxd, "get_rp", { oxd_id: id }))).node.client_id

const make = (params: Record<string, unknown>, x: Oxd = oxd, id = oxdId) =>
  call(x, "get_request_object_uri", { oxd_id: id, oxd_host_url: HOST, ...params })
const fetchObject = async (requestUri: string, x: Oxd = oxd) =>
  ok<string>(call(x, "get_request_object", { request_object_id: idOf(requestUri) }))

describe("get_request_object_uri and get_request_object (oxd 4.x)", () => {
  // reference: GetRequestObjectUriOperation.java:51-65 (request_uri = base + id, :119-127), :75-110 (claims)
  it("signs a request object with the server's key for the algorithm, verifiable with get_rp_jwks", async () => {
    const { request_uri } = await ok<{ request_uri: string }>(
      make({ request_object_signing_alg: "RS256", params: { scope: "openid", state: "s1", nonce: "n1" } }),
    )
    expect(request_uri).toMatch(/^https:\/\/oxd\.example\.org:8443\/get-request-object\/[0-9a-f-]{36}$/)
    const jwt = await fetchObject(request_uri)
    expect(typeof jwt).toBe("string")
    const jwks = await ok<JSONWebKeySet>(call(oxd, "get_rp_jwks", {}))
    const { payload, protectedHeader } = await jwtVerify(jwt, createLocalJWKSet(jwks), { algorithms: ["RS256"] })
    expect(protectedHeader).toMatchObject({ alg: "RS256", typ: "JWT" })
    const clientId = await clientIdOf(oxdId)
    expect(payload).toMatchObject({
      iss: clientId,
      client_id: clientId,
      aud: op.issuer,
      oxd_id: oxdId,
      // a string, as the authorization request parameter (4.x writes a list: docs/compatibility.md)
      response_type: "code",
      scope: "openid",
      state: "s1",
      nonce: "n1",
    })
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(300)
    expect(payload.jti).toEqual(expect.any(String))
    // the 4.x wire names answer too
    const again = await ok<{ request_uri: string }>(
      call(oxd, "get_request_uri", {
        oxd_id: oxdId,
        oxd_host_url: "oxd.example.org",
        request_object_signing_alg: "ES256",
      }),
    )
    expect(again.request_uri.startsWith("https://oxd.example.org/get-request-object/")).toBe(true)
    expect(
      decodeProtectedHeader(
        await ok<string>(call(oxd, "get_request_object_jwt", { request_object_id: idOf(again.request_uri) })),
      ).alg,
    ).toBe("ES256")
  })

  it("signs HS256 with the site's client secret, and none unsigned", async () => {
    const client = await registerAtOp(op)
    const site = await registerSite(oxd, op, { client_id: client["client_id"], client_secret: client["client_secret"] })
    const { request_uri } = await ok<{ request_uri: string }>(make({ request_object_signing_alg: "HS256" }, oxd, site))
    await jwtVerify(await fetchObject(request_uri), new TextEncoder().encode(client["client_secret"]))
    const unsigned = await ok<{ request_uri: string }>(make({ request_object_signing_alg: "none" }))
    expect((await fetchObject(unsigned.request_uri)).endsWith(".")).toBe(true)
  })

  // DELIBERATE: the keys are the server's, so a site's params may not name another client (docs/compatibility.md)
  it("refuses params that set the claims the server signs for (iss, client_id, aud…)", async () => {
    for (const claim of ["iss", "client_id", "aud", "oxd_id", "exp"]) {
      const e = await failure(make({ request_object_signing_alg: "RS256", params: { [claim]: "someone-else" } }))
      expect(e.error).toBe("bad_request")
      expect(e.error_description).toContain(claim)
    }
  })

  // reference: BAD_REQUEST_NO_OXD_HOST (:112-117, ErrorResponseCode.java:103), INVALID_ALGORITHM (:46-49)
  it("refuses a call without oxd_host_url or without an algorithm (none registered)", async () => {
    expect((await failure(call(oxd, "get_request_object_uri", { oxd_id: oxdId }))).error).toBe(
      "bad_request_no_oxd_host",
    )
    expect((await failure(make({}))).error).toBe("invalid_algorithm")
    expect((await failure(make({ request_object_signing_alg: "RS1" }))).error).toBe("invalid_algorithm")
  })

  // reference: REQUEST_OBJECT_NOT_FOUND (GetRequestObjectOperation.java:28-31, ErrorResponseCode.java:102)
  it("answers request_object_not_found for an unknown id, and once the object has expired", async () => {
    const unknown = await failure(call(oxd, "get_request_object", { request_object_id: "no-such-id" }))
    expect([unknown.error, unknown.http]).toEqual(["request_object_not_found", 404])
    const { clock, advance } = await testClock()
    const timed = oxdFor(op, { request_object_expiration_in_minutes: 1 }, { clock })
    try {
      const site = await registerSite(timed, op)
      const { request_uri } = await ok<{ request_uri: string }>(
        make({ request_object_signing_alg: "RS256" }, timed, site),
      )
      await fetchObject(request_uri, timed)
      await advance(61_000)
      expect((await failure(call(timed, "get_request_object", { request_object_id: idOf(request_uri) }))).error).toBe(
        "request_object_not_found",
      )
    } finally {
      await timed.dispose()
    }
  })
})
