import type { TestOp } from "@oxd/test-op"
import { exportJWK, generateKeyPair } from "jose"
import { describe, expect, it } from "vitest"
import type { Oxd } from "../../makeOxd.js"
import { call, failure, ok, oxdFor, protectionToken, registerSite, startOpAndOxd } from "../../../test/support.js"

let op: TestOp
let oxd: Oxd
startOpAndOxd((o, x) => ([op, oxd] = [o, x]))

const rp = async (oxdId: string) =>
  (await ok<{ node: Record<string, unknown> }>(call(oxd, "get_rp", { oxd_id: oxdId }))).node
const atOp = async (clientId: string) =>
  ((await op.provider.Client.find(clientId))?.metadata() ?? {}) as Record<string, unknown>

describe("register_site and update_site: oxd 4.x registration params (RegisterSiteParams on master)", () => {
  it("sends the 4.x client metadata to the OP under its registration names, and keeps it for get_rp", async () => {
    const oxdId = await registerSite(oxd, op, {
      request_object_signing_alg: "RS256",
      id_token_signed_response_alg: "RS256",
      user_info_signed_response_alg: "RS256",
      subject_type: "public",
      default_max_age: 3600,
      require_auth_time: true,
      logo_uri: "https://rp.example.org/logo.png",
      policy_uri: "https://rp.example.org/policy",
      access_token_as_jwt: true,
      rpt_as_jwt: "true",
    })
    const node = await rp(oxdId)
    expect(node).toMatchObject({
      request_object_signing_alg: "RS256",
      id_token_signed_response_alg: "RS256",
      user_info_signed_response_alg: "RS256",
      subject_type: "public",
      default_max_age: 3600,
      require_auth_time: true,
      logo_uri: "https://rp.example.org/logo.png",
      access_token_as_jwt: true,
      rpt_as_jwt: true,
    })
    // the real OP registered them (oidc-provider keeps only the metadata of its enabled features: not the request
    // object and signed userinfo ones, which this OP does not offer, nor Gluu's access_token_as_jwt, rpt_as_jwt)
    expect(await atOp(String(node["client_id"]))).toMatchObject({
      id_token_signed_response_alg: "RS256",
      default_max_age: 3600,
      require_auth_time: true,
      logo_uri: "https://rp.example.org/logo.png",
      policy_uri: "https://rp.example.org/policy",
    })
    // get_request_object_uri signs with the site's registered algorithm when the call names none
    const { request_uri } = await ok<{ request_uri: string }>(
      call(oxd, "get_request_object_uri", { oxd_id: oxdId, oxd_host_url: "oxd.example.org" }),
    )
    const jwt = await ok<string>(
      call(oxd, "get_request_object", { request_object_id: request_uri.slice(request_uri.lastIndexOf("/") + 1) }),
    )
    expect(JSON.parse(Buffer.from(jwt.split(".")[0]!, "base64url").toString())).toMatchObject({ alg: "RS256" })
  })

  it("changes them with update_site, at the OP and here", async () => {
    const oxdId = await registerSite(oxd, op)
    await ok(call(oxd, "update_site", { oxd_id: oxdId, id_token_signed_response_alg: "ES256", default_max_age: 60 }))
    const node = await rp(oxdId)
    expect(node).toMatchObject({ id_token_signed_response_alg: "ES256", default_max_age: 60 })
    expect(await atOp(String(node["client_id"]))).toMatchObject({ id_token_signed_response_alg: "ES256" })
  })

  // RegisterSiteParams.java:82-83, :126-127, :132-135; RegisterSiteOperation.java:581-583, :726-740 (master)
  it("sends jwks, custom_attributes and the spontaneous scope settings to the OP", async () => {
    const { publicKey } = await generateKeyPair("ES256", { extractable: true })
    const jwk = { ...(await exportJWK(publicKey)), kid: "rp-1", use: "sig" }
    const oxdId = await registerSite(oxd, op, {
      jwks: JSON.stringify({ keys: [jwk] }),
      custom_attributes: { oxIncludeClaimsInIdToken: "true", ignored: null },
      allow_spontaneous_scopes: true,
      spontaneous_scopes: ["^transaction:.+$"],
    })
    const registered = await atOp(String((await rp(oxdId))["client_id"]))
    expect(registered).toMatchObject({
      jwks: { keys: [expect.objectContaining({ kid: "rp-1", x: jwk.x })] },
      oxIncludeClaimsInIdToken: "true",
      allow_spontaneous_scopes: true,
      spontaneous_scopes: ["^transaction:.+$"],
    })
    expect(registered).not.toHaveProperty("ignored")
  })

  it("refuses a jwks with a private key, one that is no key set, and custom_attributes that would override a param", async () => {
    const before = op.counters()["registration.create"] ?? 0
    const { privateKey } = await generateKeyPair("ES256", { extractable: true })
    const refusal = async (extra: Record<string, unknown>) =>
      failure(
        call(oxd, "register_site", {
          op_host: op.issuer,
          authorization_redirect_uri: "https://rp.example.org/cb",
          ...extra,
        }),
      )
    const secret = await refusal({ jwks: { keys: [await exportJWK(privateKey)] } })
    expect(secret).toMatchObject({ error: "bad_request" })
    expect(secret.error_description).toMatch(/private member d/)
    expect((await refusal({ jwks: "{not json" })).error).toBe("bad_request")
    expect((await refusal({ jwks: { kty: "EC" } })).error).toBe("bad_request")
    for (const name of ["redirect_uris", "grant_types", "token_endpoint_auth_method", "oxAuthTrustedClient"]) {
      const r = await refusal({ custom_attributes: { [name]: "x" } })
      expect(r.error, name).toBe("bad_request")
      expect(r.error_description).toContain(`custom_attributes.${name}`)
    }
    expect(op.counters()["registration.create"] ?? 0).toBe(before)
  })

  // reference: INVALID_SIGNATURE_ALGORITHM (ErrorResponseCode.java:75), INVALID_SUBJECT_TYPE (:77); nothing registered
  it("refuses an unknown signature algorithm or subject type before registering", async () => {
    const before = op.counters()["registration.create"] ?? 0
    const alg = await failure(
      call(oxd, "register_site", {
        op_host: op.issuer,
        authorization_redirect_uri: "https://rp.example.org/cb",
        request_object_signing_alg: "RS1024",
      }),
    )
    expect(alg.error).toBe("invalid_algorithm")
    const st = await failure(
      call(oxd, "register_site", {
        op_host: op.issuer,
        authorization_redirect_uri: "https://rp.example.org/cb",
        subject_type: "secret",
      }),
    )
    expect(st.error).toBe("invalid_subject_type")
    expect(op.counters()["registration.create"] ?? 0).toBe(before)
  })
})

describe("register_site: op_configuration_endpoint (oxd 4.x)", () => {
  // reference: DiscoveryService.java:67-70 on master, op_configuration_endpoint wins over op_host
  it("registers at the OP the configuration endpoint names, and shows it in get_rp", async () => {
    const endpoint = `${op.issuer}/.well-known/openid-configuration`
    const { oxd_id, op_host } = await ok<{ oxd_id: string; op_host: string }>(
      call(oxd, "register_site", {
        op_configuration_endpoint: endpoint,
        op_host: "https://ignored.invalid",
        authorization_redirect_uri: "https://rp.example.org/callback",
      }),
    )
    expect(op_host).toBe(op.issuer)
    expect(await rp(oxd_id)).toMatchObject({ op_host: op.issuer, op_configuration_endpoint: endpoint })
    const url = await ok<{ authorization_url: string }>(call(oxd, "get_authorization_url", { oxd_id }))
    expect(url.authorization_url.startsWith(op.issuer)).toBe(true)
  })
})

describe("register_site with op_configuration_endpoint and protection on", () => {
  it("asks the endpoint's OP whose protection token it is, and binds the site to that setup client", async () => {
    const guarded = oxdFor(op, { protect_commands_with_access_token: true })
    try {
      const { token } = await protectionToken(guarded, op)
      const { oxd_id } = await ok<{ oxd_id: string }>(
        call(
          guarded,
          "register_site",
          {
            op_configuration_endpoint: `${op.issuer}/.well-known/openid-configuration`,
            authorization_redirect_uri: "https://rp.example.org/callback",
          },
          { protectionToken: token },
        ),
      )
      expect((await ok(call(guarded, "get_rp", { oxd_id }, { protectionToken: token })))["node"]["op_host"]).toBe(
        op.issuer,
      )
      expect((await failure(call(guarded, "get_rp", { oxd_id }, { protectionToken: "bogus" }))).http).toBe(403)
    } finally {
      await guarded.dispose()
    }
  })
})
