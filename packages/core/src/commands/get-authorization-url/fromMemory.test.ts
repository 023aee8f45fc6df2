/**
 * get_authorization_url answered from memory (fromMemory.ts): once the site and the OP's discovery are cached and
 * the state key is loaded, the URL is built synchronously, the same URL the handler builds, and a login through it
 * completes. Against the real test OP.
 */
import { headlessLogin, type TestOp } from "@oxd/test-op"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Reply } from "../../envelope.js"
import type { Oxd } from "../../makeOxd.js"
import { failure, ok, oxdFor, registerSite, startOp } from "../../../test/support.js"

let op: TestOp
let oxd: Oxd
let oxdId: string
beforeAll(async () => {
  op = await startOp()
  oxd = oxdFor(op)
  oxdId = await registerSite(oxd, op)
})
afterAll(async () => {
  await oxd?.dispose()
  await op?.close()
})

const callNow = (params: Record<string, unknown>) => oxd.call("get_authorization_url", params, { transport: "internal" })
const urlOf = (reply: Reply) => new URL((reply.envelope.data as { authorization_url: string }).authorization_url)
/** The URL's parameters without the random ones. */
const fixedParams = (url: URL) => [...url.searchParams].filter(([k]) => !["state", "nonce", "code_challenge"].includes(k)).sort()

describe("get_authorization_url answered from memory", () => {
  const params = { prompt: "login", acr_values: ["basic"], scope: ["openid", "profile"], custom_parameters: { ui_hint: "x", state: "not-this" } }

  it("builds, synchronously once warm, the URL the handler builds", async () => {
    const p = { ...params, oxd_id: oxdId }
    const first = callNow(p)
    expect(first).toBeInstanceOf(Promise) // the handler: it loads the state key and discovers the OP
    const ordinary = urlOf(await first)
    const now = callNow(p)
    expect(now).not.toBeInstanceOf(Promise)
    const fromMemory = urlOf(now as Reply)
    expect(`${fromMemory.origin}${fromMemory.pathname}`).toBe(`${ordinary.origin}${ordinary.pathname}`)
    expect(fixedParams(fromMemory)).toEqual(fixedParams(ordinary))
    expect(fromMemory.searchParams.get("ui_hint")).toBe("x")
    expect(fromMemory.searchParams.getAll("state")).toHaveLength(1)
    expect(fromMemory.searchParams.get("state")).not.toBe(ordinary.searchParams.get("state"))
  })

  it("gives a URL whose login completes: state, nonce and PKCE verifier are those get_tokens_by_code derives", async () => {
    await ok(callNow({ oxd_id: oxdId }))
    const reply = callNow({ oxd_id: oxdId })
    expect(reply).not.toBeInstanceOf(Promise)
    const { code, state } = await headlessLogin(urlOf(reply as Reply).href, { ca: op.caPem })
    const tokens = await ok(oxd.call("get_tokens_by_code", { oxd_id: oxdId, code, state }, { transport: "internal" }))
    expect(tokens["access_token"]).toEqual(expect.any(String))
  })

  it("leaves an unknown site to the handler, which refuses it", async () => {
    const reply = callNow({ oxd_id: "unknown" })
    expect(reply).toBeInstanceOf(Promise)
    expect((await failure(reply)).error).toBe("invalid_oxd_id")
  })
})
