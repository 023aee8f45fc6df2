import { headlessLogin, type TestOp } from "@oxd/test-op"
import { startOp } from "@oxd/testkit"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startTestRest, type RawReply, type SendOptions, type TestRest } from "../test-support/http.js"

// oxd 4.x's request objects by reference: get_request_object_uri (GetRequestObjectUriOperation.java:37-110 on
// master) answers <oxd_host_url>/get-request-object/{id}, which the OP fetches (RR:54-59) when the authorization
// request names it (OpenID Connect Core §6.2). The OP is the real test OP with request objects on (tooling/test-op
// requestUri.ts), fetching over TLS it verifies: the 4.x listener serves the OP's own loopback certificate.
const REDIRECT_URI = "https://rp.example/cb"
let op: TestOp
let rest: TestRest

beforeAll(async () => {
  op = await startOp({ requestObjects: true })
  rest = await startTestRest(
    {
      trusted_ca_file: op.caFile,
      allowed_op_hosts: [new URL(op.issuer).origin],
      rest_tls_cert_file: op.tlsFiles.cert,
      rest_tls_key_file: op.tlsFiles.key,
    },
    { api: "4" },
  )
})
afterAll(async () => {
  await rest?.close()
  await op?.close()
})

/** The listener serves the OP's certificate: trust the OP's CA. */
const send = (path: string, opts: SendOptions = {}) => rest.send(path, { ...opts, ca: op.caPem })
const bare = (r: RawReply): Record<string, any> => {
  expect(r.status, `expected 200, got ${r.status} ${r.text.slice(0, 300)}`).toBe(200)
  return r.body
}
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` })

/** A site that signs its request objects with the server's RS256 key, registered by value (4.x register_site jwks). */
const registerSigningSite = async () => {
  const jwks = bare(await send("/get-rp-jwks", { method: "GET" }))
  const site = bare(
    await send("/register-site", {
      body: {
        op_host: op.issuer,
        authorization_redirect_uri: REDIRECT_URI,
        scope: ["openid", "oxd"],
        jwks: JSON.stringify(jwks),
        request_object_signing_alg: "RS256",
      },
    }),
  )
  const { access_token } = bare(
    await send("/get-client-token", {
      body: { op_host: op.issuer, client_id: site["client_id"], client_secret: site["client_secret"], scope: ["oxd"] },
    }),
  )
  return { oxdId: String(site["oxd_id"]), clientId: String(site["client_id"]), token: String(access_token) }
}

describe("request_uri served by the 4.x listener, fetched by the OP", () => {
  it("get_request_object_uri → an authorization request by reference → the OP fetches and accepts it → get_tokens_by_code", async () => {
    const { oxdId, clientId, token } = await registerSigningSite()
    // the server's own request: its sealed state, nonce and PKCE challenge go into the request object
    const login = new URL(
      bare(await send("/get-authorization-url", { body: { oxd_id: oxdId }, headers: bearer(token) }))[
        "authorization_url"
      ],
    )
    const q = login.searchParams
    const carried = ["redirect_uri", "scope", "state", "nonce", "code_challenge", "code_challenge_method"]
    const { request_uri } = bare(
      await send("/get-request-object-uri", {
        body: {
          oxd_id: oxdId,
          oxd_host_url: rest.server.url,
          params: Object.fromEntries(carried.map((k) => [k, q.get(k)])),
        },
        headers: bearer(token),
      }),
    )
    expect(request_uri).toMatch(new RegExp(`^${rest.server.url}/get-request-object/`))
    // by reference: only client_id, response_type and scope beside it (OpenID Connect Core §6.2)
    const byReference = new URL(`${login.origin}${login.pathname}`)
    byReference.search = new URLSearchParams({
      client_id: clientId,
      response_type: "code",
      scope: "openid",
      request_uri,
    }).toString()
    const before = op.counters()["request_uri.fetch"] ?? 0
    const { code, state } = await headlessLogin(byReference.href, { ca: op.caPem })
    expect(op.counters()["request_uri.fetch"]).toBe(before + 1)
    expect(op.counters()["request_uri.failed"] ?? 0).toBe(0)
    // the OP took the state from the request object: the server's own, which get_tokens_by_code accepts once
    expect(state).toBe(q.get("state"))
    const tokens = bare(
      await send("/get-tokens-by-code", { body: { oxd_id: oxdId, code, state }, headers: bearer(token) }),
    )
    expect(tokens["access_token"]).toEqual(expect.any(String))
  })

  it("an unknown request object id: the listener answers 404 and the OP refuses the request", async () => {
    const { clientId } = await registerSigningSite()
    const auth = new URL(`${op.issuer}/auth`)
    auth.search = new URLSearchParams({
      client_id: clientId,
      response_type: "code",
      scope: "openid",
      request_uri: `${rest.server.url}/get-request-object/00000000-0000-4000-8000-000000000000`,
    }).toString()
    const failedBefore = op.counters()["request_uri.failed"] ?? 0
    await expect(headlessLogin(auth.href, { ca: op.caPem })).rejects.toThrow()
    expect(op.counters()["request_uri.failed"]).toBe(failedBefore + 1)
  })
})
