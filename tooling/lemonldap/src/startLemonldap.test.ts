import { existsSync } from "node:fs"
import { request } from "node:https"
import { connect } from "node:net"
import { describe, expect, it } from "vitest"
import { lemonldapAvailability, startLemonldap } from "./index.js"

const availability = lemonldapAvailability()
if (!availability.available) console.warn(`skipping the LemonLDAP::NG harness tests: ${availability.reason}`)

const json = (url: string, ca: string, body?: unknown) =>
  new Promise<{ status: number; json: Record<string, unknown> }>((resolve, reject) => {
    const req = request(
      url,
      { ca, agent: false, method: body ? "POST" : "GET", headers: body ? { "content-type": "application/json" } : {} },
      (res) => {
        let text = ""
        res.on("data", (d: Buffer) => (text += d.toString()))
        res.on("end", () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as Record<string, unknown> }))
      },
    )
    req.on("error", reject)
    req.end(body ? JSON.stringify(body) : undefined)
  })

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, "127.0.0.1")
    s.once("connect", () => (s.destroy(), resolve(true)))
    s.once("error", () => resolve(false))
  })

describe.skipIf(!availability.available)("startLemonldap", () => {
  it("serves an OIDC issuer over TLS with its own CA, open registration and the plugin's client options; stop() ends it", async () => {
    const op = await startLemonldap({ issuerPath: "/api/oidc" })
    try {
      expect(op.issuer).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/api\/oidc$/)
      const discovery = await json(`${op.issuer}/.well-known/openid-configuration`, op.caPem)
      expect(discovery.json).toMatchObject({
        issuer: op.issuer,
        token_endpoint: `${op.issuer}/oauth2/token`,
        registration_endpoint: `${op.issuer}/oauth2/register`,
      })
      // LemonLDAP::NG lists the grant types its clients allow: none with client_credentials yet
      expect(discovery.json["grant_types_supported"]).toEqual(["authorization_code"])
      const a = await json(String(discovery.json["registration_endpoint"]), op.caPem, {
        redirect_uris: ["https://rp.example/cb"],
        grant_types: ["authorization_code", "client_credentials"],
      })
      const b = await json(String(discovery.json["registration_endpoint"]), op.caPem, {
        redirect_uris: ["https://rp.example/cb"],
        grant_types: ["authorization_code", "refresh_token"],
      })
      expect(a.status).toBe(201)
      expect(b.status).toBe(201)
      // no RFC 7592 management, no token_endpoint_auth_method in the answer (RFC 7591 §3.2.1 asks for all registered metadata)
      expect(a.json["registration_client_uri"]).toBeUndefined()
      expect(a.json["token_endpoint_auth_method"]).toBeUndefined()
      // both registrations (within one second) kept, and their grant types honoured (OxdTest::ClientMetadata)
      const after = await json(`${op.issuer}/.well-known/openid-configuration`, op.caPem)
      expect(after.json["grant_types_supported"]).toEqual(
        expect.arrayContaining(["client_credentials", "refresh_token"]),
      )
      const port = Number(new URL(op.issuer).port)
      await op.stop()
      expect(await portOpen(port)).toBe(false)
      expect(existsSync(op.caFile)).toBe(false)
    } finally {
      await op.stop()
    }
  }, 60_000)
})
