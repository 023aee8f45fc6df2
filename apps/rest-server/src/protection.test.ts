import type { TestOp } from "@oxd/test-op"
import { startOp } from "@oxd/testkit"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { errorCode, startTestRest, type RawReply, type TestRest } from "./test-support/http.js"

// The real test OP; protection tokens (client credentials) live 2 s, so one test can watch a token expire.
const TOKEN_TTL_SECONDS = 2
let op: TestOp
let rest: TestRest

beforeAll(async () => {
  op = await startOp({ ttl: { ClientCredentials: TOKEN_TTL_SECONDS } })
  rest = await startTestRest({ trusted_ca_file: op.caFile, allowed_op_hosts: [new URL(op.issuer).origin] })
})
afterAll(async () => {
  await rest?.close()
  await op?.close()
})

const ok = (r: RawReply): Record<string, any> => {
  expect(r.body?.status, `expected status ok, got HTTP ${r.status} ${r.text.slice(0, 300)}`).toBe("ok")
  expect(r.status).toBe(200)
  return r.body.data
}
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` })

/** setup_client + get_client_token over REST (neither needs a token): a setup client and its protection token. */
const setupClient = async () => {
  const setup = ok(
    await rest.send("/setup-client", {
      body: { op_host: op.issuer, authorization_redirect_uri: "https://rp.example/cb" },
    }),
  )
  const token = async () =>
    String(
      ok(
        await rest.send("/get-client-token", {
          body: {
            op_host: op.issuer,
            client_id: setup["client_id"],
            client_secret: setup["client_secret"],
            scope: ["uma_protection"],
          },
        }),
      )["access_token"],
    )
  return { setup, token }
}

/** A site registered with the token of a setup client. */
const registerSite = async (token: string) =>
  String(
    ok(
      await rest.send("/register-site", {
        body: { op_host: op.issuer, authorization_redirect_uri: "https://rp.example/cb", scope: ["openid"] },
        headers: bearer(token),
      }),
    )["oxd_id"],
  )

describe("Authorization: Bearer <protection_access_token>", () => {
  it("setup_client and get_client_token need no token; register_site and site commands take the setup client's", async () => {
    const { token } = await setupClient()
    const t = await token()
    const oxdId = await registerSite(t)
    const url = ok(await rest.send("/get-authorization-url", { body: { oxd_id: oxdId }, headers: bearer(t) }))[
      "authorization_url"
    ]
    expect(String(url)).toContain(op.issuer)
  })

  it('H1: no bearer: 403 with error "403" (register_site and site commands; oxd-https-extension RestResource.java:217-235)', async () => {
    const { token } = await setupClient()
    const oxdId = await registerSite(await token())
    const site = await rest.send("/get-authorization-url", { body: { oxd_id: oxdId } })
    expect(site.status).toBe(403)
    expect(errorCode(site)).toBe("403")
    const register = await rest.send("/register-site", {
      body: { op_host: op.issuer, authorization_redirect_uri: "https://rp.example/cb" },
    })
    expect(register.status).toBe(403)
    expect(errorCode(register)).toBe("403")
  })

  // H4 (DELIBERATE): the reference's REST accepts any non-blank Bearer (ValidationService.java:111-114 with the shipped
  // protection off); every token is checked here, with the codes and the HTTP 200 of a 3.1.4 with protection on
  it("H4: a bearer the OP never issued: inactive_protection_access_token, HTTP 200 (ValidationService.java:164-167, RestResource.java:201-215)", async () => {
    const { token } = await setupClient()
    const oxdId = await registerSite(await token())
    const r = await rest.send("/get-authorization-url", {
      body: { oxd_id: oxdId },
      headers: bearer("not-a-token-the-op-issued"),
    })
    expect(r.status).toBe(200)
    expect(errorCode(r)).toBe("inactive_protection_access_token")
  })

  it("H4: a bearer of another setup client: invalid_protection_access_token, HTTP 200 (ValidationService.java:142-146)", async () => {
    const mine = await setupClient()
    const oxdId = await registerSite(await mine.token())
    const other = await setupClient()
    const otherToken = await other.token()
    const r = await rest.send("/get-authorization-url", { body: { oxd_id: oxdId }, headers: bearer(otherToken) })
    expect(r.status).toBe(200)
    expect(errorCode(r)).toBe("invalid_protection_access_token")
    expect(r.text).not.toContain(otherToken)
  })

  it('H3: a token only in the body is no token (403 "403"); with a Bearer header, the header\'s token is the one checked (RestResource.java:78)', async () => {
    const { token } = await setupClient()
    const t = await token()
    const oxdId = await registerSite(t)
    const bodyOnly = await rest.send("/get-authorization-url", { body: { oxd_id: oxdId, protection_access_token: t } })
    expect(bodyOnly.status).toBe(403)
    expect(errorCode(bodyOnly)).toBe("403")
    // the header overwrites the body's token, both ways
    expect(
      ok(
        await rest.send("/get-authorization-url", {
          body: { oxd_id: oxdId, protection_access_token: "not-a-token" },
          headers: bearer(t),
        }),
      )["authorization_url"],
    ).toBeTypeOf("string")
    const headerWins = await rest.send("/get-authorization-url", {
      body: { oxd_id: oxdId, protection_access_token: t },
      headers: bearer("not-a-token"),
    })
    expect(errorCode(headerWins)).toBe("inactive_protection_access_token")
  })

  it("an expired bearer: inactive_protection_access_token (HTTP 200), even one that worked before", async () => {
    const { token } = await setupClient()
    const t = await token()
    const oxdId = await registerSite(t)
    ok(await rest.send("/get-authorization-url", { body: { oxd_id: oxdId }, headers: bearer(t) }))
    await new Promise((r) => setTimeout(r, (TOKEN_TTL_SECONDS + 1) * 1000))
    const r = await rest.send("/get-authorization-url", { body: { oxd_id: oxdId }, headers: bearer(t) })
    expect(r.status).toBe(200)
    expect(errorCode(r)).toBe("inactive_protection_access_token")
    // a fresh token of the same setup client works again
    ok(await rest.send("/get-authorization-url", { body: { oxd_id: oxdId }, headers: bearer(await token()) }))
  })
})

describe("rest_error_status: http", () => {
  it('H4 (http): a bearer the OP never issued is HTTP 403 inactive_protection_access_token; no bearer 403 "403"', async () => {
    const http = await startTestRest({
      trusted_ca_file: op.caFile,
      allowed_op_hosts: [new URL(op.issuer).origin],
      rest_error_status: "http",
    })
    try {
      const setup = ok(
        await http.send("/setup-client", {
          body: { op_host: op.issuer, authorization_redirect_uri: "https://rp.example/cb" },
        }),
      )
      const t = String(
        ok(
          await http.send("/get-client-token", {
            body: {
              op_host: op.issuer,
              client_id: setup["client_id"],
              client_secret: setup["client_secret"],
              scope: ["uma_protection"],
            },
          }),
        )["access_token"],
      )
      const oxdId = String(
        ok(
          await http.send("/register-site", {
            body: { op_host: op.issuer, authorization_redirect_uri: "https://rp.example/cb" },
            headers: bearer(t),
          }),
        )["oxd_id"],
      )
      const inactive = await http.send("/get-authorization-url", {
        body: { oxd_id: oxdId },
        headers: bearer("not-a-token-the-op-issued"),
      })
      expect(inactive.status).toBe(403)
      expect(errorCode(inactive)).toBe("inactive_protection_access_token")
      const none = await http.send("/get-authorization-url", { body: { oxd_id: oxdId } })
      expect(none.status).toBe(403)
      expect(errorCode(none)).toBe("403")
    } finally {
      await http.close()
    }
  })
})
