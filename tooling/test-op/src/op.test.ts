import { X509Certificate } from "node:crypto"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import * as tls from "node:tls"
import * as client from "openid-client"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { ensureCertificates } from "./certs.js"
import { headlessLogin } from "./headlessLogin.js"
import { startTestOp, type TestOp } from "./server.js"
import { getJson, register, startOp } from "./test-support/helpers.js"

let op: TestOp
beforeAll(async () => {
  op = await startOp()
})
afterAll(() => op?.close())

describe("discovery and TLS", () => {
  it("serves discovery over HTTPS on loopback, trusted through the CA", async () => {
    expect(op.issuer).toBe(`https://127.0.0.1:${op.port}`)
    const { status, body } = await getJson(`${op.issuer}/.well-known/openid-configuration`)
    expect(status).toBe(200)
    expect(body).toMatchObject({
      issuer: op.issuer,
      authorization_endpoint: `${op.issuer}/auth`,
      token_endpoint: `${op.issuer}/token`,
      userinfo_endpoint: `${op.issuer}/me`,
      jwks_uri: `${op.issuer}/jwks`,
      registration_endpoint: `${op.issuer}/reg`,
      introspection_endpoint: `${op.issuer}/token/introspection`,
      revocation_endpoint: `${op.issuer}/token/revocation`,
      end_session_endpoint: `${op.issuer}/session/end`,
    })
    expect(body.id_token_signing_alg_values_supported).toEqual(expect.arrayContaining(["RS256", "ES256"]))
    expect(body.token_endpoint_auth_methods_supported).toEqual(
      expect.arrayContaining(["client_secret_basic", "client_secret_post", "private_key_jwt", "none"]),
    )
    expect(body.grant_types_supported).toEqual(
      expect.arrayContaining(["authorization_code", "refresh_token", "client_credentials"]),
    )
    expect(body.scopes_supported).toEqual(
      expect.arrayContaining(["openid", "profile", "email", "offline_access", "uma_protection"]),
    )
    expect(body.claims_supported).toEqual(
      expect.arrayContaining(["sub", "name", "email", "email_verified", "preferred_username", "picture"]),
    )
    expect(body.code_challenge_methods_supported).toContain("S256")
  })

  it("publishes public RS256 and ES256 keys only", async () => {
    const { body } = await getJson(`${op.issuer}/jwks`)
    expect(body.keys.map((k: { alg: string }) => k.alg).sort()).toEqual(["ES256", "RS256"])
    for (const key of body.keys) {
      expect(key).toMatchObject({ use: "sig", kid: expect.any(String) })
      expect(key).not.toHaveProperty("d")
    }
  })

  it("works with openid-client discovery", async () => {
    const config = await client.discovery(new URL(op.issuer), "any-client")
    expect(config.serverMetadata().issuer).toBe(op.issuer)
  })

  it("uses a CA:true root and a server cert for 127.0.0.1, ::1 and localhost, reused across starts", async () => {
    const again = await ensureCertificates(process.env.OXD_TEST_OP_STATE_DIR)
    expect(again.caPem).toBe(op.caPem)
    expect(again.caFile).toBe(op.caFile)
    const ca = new X509Certificate(op.caPem)
    const cert = new X509Certificate(again.certPem)
    expect(ca.ca).toBe(true)
    expect(cert.ca).toBe(false)
    expect(cert.checkIssued(ca) && cert.verify(ca.publicKey)).toBe(true)
    expect(cert.subjectAltName).toMatch(/IP Address:127\.0\.0\.1/)
    expect(cert.subjectAltName).toMatch(/IP Address:0:0:0:0:0:0:0:1|IP Address:::1/)
    expect(cert.subjectAltName).toMatch(/DNS:localhost/)
  })

  it("rejects TLS clients that trust a different CA", async () => {
    const dir = mkdtempSync(join(tmpdir(), "test-op-other-ca-"))
    try {
      const other = await ensureCertificates(dir)
      expect(other.caPem).not.toBe(op.caPem)
      const connect = (ca: string) =>
        new Promise<void>((resolve, reject) => {
          const socket = tls.connect({ host: "127.0.0.1", port: op.port, ca, servername: undefined }, () => {
            socket.end()
            resolve()
          })
          socket.on("error", reject)
        })
      await expect(connect(other.caPem)).rejects.toThrow(/self-signed|unable to (get|verify)/i)
      await expect(connect(op.caPem)).resolves.toBeUndefined()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it("listens on ::1 when IPv6 is available", async (ctx) => {
    const v6 = await startOp({ host: "::1" }).catch((err: NodeJS.ErrnoException) => {
      if (err.code === "EADDRNOTAVAIL" || err.code === "EAFNOSUPPORT") return undefined
      throw err
    })
    if (!v6) return ctx.skip()
    try {
      expect(v6.issuer).toBe(`https://[::1]:${v6.port}`)
      expect((await getJson(`${v6.issuer}/.well-known/openid-configuration`)).body.issuer).toBe(v6.issuer)
    } finally {
      await v6.close()
    }
  })

  it("listens on localhost too, and refuses non-loopback hosts", async () => {
    const local = await startOp({ host: "localhost" })
    try {
      expect(local.issuer).toBe(`https://localhost:${local.port}`)
      expect((await getJson(`${local.issuer}/.well-known/openid-configuration`)).body.issuer).toBe(local.issuer)
    } finally {
      await local.close()
    }
    await expect(startTestOp({ host: "0.0.0.0" })).rejects.toThrow(/refusing/)
    await expect(startTestOp({ host: "192.168.1.10" })).rejects.toThrow(/refusing/)
  })
})

describe("dynamic client registration (RFC 7591/7592)", () => {
  it("registers openly, then reads, updates and deletes with the registration access token", async () => {
    const { status, body: created } = await getJson(`${op.issuer}/reg`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        redirect_uris: ["https://client.example.org/cb"],
        grant_types: ["authorization_code", "refresh_token"],
        response_types: ["code"],
        client_name: "before",
      }),
    })
    expect(status).toBe(201)
    expect(created).toMatchObject({
      client_id: expect.any(String),
      client_secret: expect.any(String),
      registration_access_token: expect.any(String),
      registration_client_uri: `${op.issuer}/reg/${created.client_id}`,
      token_endpoint_auth_method: "client_secret_basic",
    })
    const auth = { authorization: `Bearer ${created.registration_access_token}` }

    const read = await getJson(created.registration_client_uri, { headers: auth })
    expect(read.status).toBe(200)
    expect(read.body).toMatchObject({ client_id: created.client_id, client_name: "before" })

    const {
      registration_access_token: _rat,
      registration_client_uri: _uri,
      client_secret_expires_at: _exp,
      client_id_issued_at: _iat,
      ...metadata
    } = read.body
    const updated = await getJson(created.registration_client_uri, {
      method: "PUT",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ ...metadata, client_name: "after", redirect_uris: ["https://client.example.org/cb2"] }),
    })
    expect(updated.status).toBe(200)
    expect(updated.body).toMatchObject({ client_name: "after", redirect_uris: ["https://client.example.org/cb2"] })
    // rotation is off: the original token keeps working
    expect(updated.body.registration_access_token).toBe(created.registration_access_token)
    expect((await getJson(created.registration_client_uri, { headers: auth })).body.client_name).toBe("after")

    const del = await fetch(created.registration_client_uri, { method: "DELETE", headers: auth })
    expect(del.status).toBe(204)
    expect((await getJson(created.registration_client_uri, { headers: auth })).status).toBe(401)
  })

  it("rejects management calls with a wrong registration access token", async () => {
    const config = await register(op)
    const { registration_client_uri } = config.clientMetadata() as { registration_client_uri?: string }
    expect((await getJson(String(registration_client_uri), { headers: { authorization: "Bearer nope" } })).status).toBe(
      401,
    )
  })

  it("accepts https redirect URIs on any host and http ones on localhost/127.0.0.1", async () => {
    const redirect_uris = [
      "https://client.example.org/cb",
      "https://127.0.0.1:8443/cb",
      "http://localhost:8080/cb",
      "http://127.0.0.1:9999/callback",
    ]
    const config = await register(op, { redirect_uris })
    expect(config.clientMetadata().redirect_uris).toEqual(redirect_uris)
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: "http://localhost:8080/cb",
      scope: "openid",
      state: "st",
    })
    const result = await headlessLogin(url.href, { ca: op.caPem })
    expect(result.redirectUrl.startsWith("http://localhost:8080/cb?")).toBe(true)
    expect(result.state).toBe("st")
  })

  it("registers a client_credentials-only client without redirect URIs", async () => {
    const config = await register(op, { grant_types: ["client_credentials"], response_types: [], redirect_uris: [] })
    expect(config.clientMetadata().grant_types).toEqual(["client_credentials"])
  })
})
