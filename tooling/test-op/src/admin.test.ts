import * as client from "openid-client"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { TestOp } from "./server.js"
import { codeFlow, getJson, register, startOp } from "./test-support/helpers.js"

let op: TestOp
beforeAll(async () => {
  op = await startOp()
})
afterAll(() => op?.close())

const post = (path: string, body?: unknown) =>
  getJson(`${op.issuer}/__test/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })

describe("admin HTTP API (for out-of-process servers under test)", () => {
  it("describes the OP", async () => {
    const { status, body } = await getJson(`${op.issuer}/__test/info`)
    expect(status).toBe(200)
    expect(body).toMatchObject({ issuer: op.issuer, port: op.port, ca_file: op.caFile })
    expect(body.users.map((u: { username: string }) => u.username)).toEqual(["alice", "bob"])
  })

  it("queues misbehaviours for a client", async () => {
    const config = await register(op)
    const clientId = config.clientMetadata().client_id
    const { status, body } = await post("misbehave", { kind: "wrong_aud", client_id: clientId })
    expect(status).toBe(200)
    expect(body.pending).toEqual([{ kind: "wrong_aud", clientId, once: true }])
    await expect(codeFlow(op, config)).rejects.toMatchObject({ code: "OAUTH_JWT_CLAIM_COMPARISON_FAILED" })
    expect((await getJson(`${op.issuer}/__test/misbehave`)).body.pending).toEqual([])
  })

  it("validates requests", async () => {
    expect((await post("misbehave", { kind: "nope" })).status).toBe(400)
    expect((await post("misbehave", { kind: "expired", once: "yes" })).status).toBe(400)
    const noJson = await fetch(`${op.issuer}/__test/reset`, { method: "POST" })
    expect(noJson.status).toBe(415)
    expect((await getJson(`${op.issuer}/__test/nothing`)).status).toBe(404)
  })

  it("rotates keys, reports counters and resets", async () => {
    await post("reset")
    await getJson(`${op.issuer}/.well-known/openid-configuration`)
    const rotated = await post("rotate-keys", { keep_old: false })
    expect(rotated.status).toBe(200)
    const { body: jwks } = await getJson(`${op.issuer}/jwks`)
    expect(jwks.keys.map((k: { kid: string }) => k.kid).sort()).toEqual(Object.values(rotated.body.kids).sort())
    expect(rotated.body.kid).toBe(rotated.body.kids.RS256)

    expect((await getJson(`${op.issuer}/__test/counters`)).body).toEqual({ discovery: 1, jwks: 1 })
    await post("misbehave", { kind: "expired", once: false })
    expect((await post("reset")).status).toBe(200)
    expect((await getJson(`${op.issuer}/__test/counters`)).body).toEqual({})
    expect((await getJson(`${op.issuer}/__test/misbehave`)).body.pending).toEqual([])
    // still a working OP after all that
    const config = await register(op)
    client.enableNonRepudiationChecks(config)
    await expect(codeFlow(op, config)).resolves.toBeDefined()
  })
})
