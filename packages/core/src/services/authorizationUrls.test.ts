import { randomBytes } from "node:crypto"
import * as oidc from "openid-client"
import { describe, expect, it } from "vitest"
import { makeAuthorizationUrls, MAX_KEY_CHARS, MAX_TEMPLATES } from "./authorizationUrls.js"

const config = (endpoint: string, clientId = "client-1") =>
  new oidc.Configuration({ issuer: "https://op.example", authorization_endpoint: endpoint }, clientId, {
    client_secret: "s",
  })
const openidClient = (cfg: oidc.Configuration, params: Record<string, string>) =>
  oidc.buildAuthorizationUrl(cfg, params).href
const b64 = (n: number) => randomBytes(n).toString("base64url")

const counting = () => {
  let builds = 0
  const urls = makeAuthorizationUrls(
    (cfg: oidc.Configuration, p: Record<string, string>) => (builds++, openidClient(cfg, p)),
  )
  return { urls, builds: () => builds }
}

describe("login URLs from a template", () => {
  const login = (extra: Record<string, string> = {}, pkce = true) => ({
    response_type: "code",
    redirect_uri: "https://rp.example/cb?x=1&y=é",
    scope: "openid profile",
    ...extra,
    state: b64(39),
    nonce: b64(16),
    ...(pkce ? { code_challenge: b64(32), code_challenge_method: "S256" } : {}),
  })

  it("are the text openid-client builds, login after login, with the URL built once per set of other parameters", () => {
    const { urls, builds } = counting()
    const cfg = config("https://op.example/authorize?tenant=a%20b")
    for (let i = 0; i < 20; i++) {
      const p = login()
      expect(urls(cfg, p)).toBe(openidClient(cfg, p))
    }
    expect(builds()).toBe(1)
    // without PKCE, other parameters, another configuration: a template each
    const other = config("https://op.example/authorize", "client-2")
    for (const [c, p] of [
      [cfg, login({}, false)],
      [cfg, login({ prompt: "login", acr_values: "otp basic" })],
      [other, login()],
    ] as const) {
      expect(urls(c, p)).toBe(openidClient(c, p))
      const again = { ...p, state: b64(39), nonce: b64(16) }
      expect(urls(c, again)).toBe(openidClient(c, again))
    }
    expect(builds()).toBe(4)
  })

  it("never mistake one set of other parameters for another", () => {
    const { urls } = counting()
    const cfg = config("https://op.example/authorize")
    // the same characters in one parameter or in two
    const a = { a: "b", c: "d", state: "S", nonce: "N" }
    const b = { a: "b1:c1:d", state: "S", nonce: "N" }
    expect(urls(cfg, a)).toBe(openidClient(cfg, a))
    expect(urls(cfg, b)).toBe(openidClient(cfg, b))
    expect(urls(cfg, a)).not.toBe(urls(cfg, b))
  })

  it("take a login's other parameters for the last login's only when every name and value is the same, in order", () => {
    const { urls, builds } = counting()
    const cfg = config("https://op.example/authorize")
    const sets = [
      login(),
      login({ prompt: "login" }),
      { ...login(), redirect_uri: "https://rp.example/other" },
      {
        scope: "openid profile",
        response_type: "code",
        redirect_uri: "https://rp.example/cb?x=1&y=é",
        state: b64(39),
        nonce: b64(16),
        code_challenge: b64(32),
        code_challenge_method: "S256",
      },
      login({}, false),
    ]
    for (let round = 0; round < 3; round++) {
      for (const set of sets) {
        for (let i = 0; i < 2; i++) {
          const p = { ...set, state: b64(39), nonce: b64(16) }
          expect(urls(cfg, p)).toBe(openidClient(cfg, p))
        }
      }
    }
    expect(builds()).toBe(sets.length)
    // the last login's set, but a state a query string escapes: built afresh, and the set's template still serves
    const odd = { ...sets[4]!, state: "a b" }
    expect(urls(cfg, odd)).toBe(openidClient(cfg, odd))
    expect(builds()).toBe(sets.length + 1)
    const after = { ...sets[4]!, state: b64(39) }
    expect(urls(cfg, after)).toBe(openidClient(cfg, after))
    expect(builds()).toBe(sets.length + 1)
  })

  it("build afresh what a template could not carry as it is", () => {
    const { urls, builds } = counting()
    const cfg = config("https://op.example/authorize")
    // a caller's state with characters a query string escapes
    const odd = { response_type: "code", state: "a b+c/é", nonce: "n" }
    expect(urls(cfg, odd)).toBe(openidClient(cfg, odd))
    expect(urls(cfg, odd)).toBe(openidClient(cfg, odd))
    expect(builds()).toBe(2)
  })

  it("keep a bounded number of templates, none for a long set of parameters: callers' parameters cannot fill memory", () => {
    const { urls, builds } = counting()
    const cfg = config("https://op.example/authorize")
    const long = { response_type: "code", x: "v".repeat(MAX_KEY_CHARS), state: "S", nonce: "N" }
    expect(urls(cfg, long)).toBe(openidClient(cfg, long))
    urls(cfg, long)
    expect(builds()).toBe(2)
    const nth = (i: number) => ({ response_type: "code", custom: String(i), state: b64(39), nonce: b64(16) })
    for (let i = 0; i <= MAX_TEMPLATES; i++) urls(cfg, nth(i))
    expect(builds()).toBe(2 + MAX_TEMPLATES + 1)
    // the bound was passed at the last one: the others were dropped, the last one kept
    urls(cfg, nth(MAX_TEMPLATES))
    expect(builds()).toBe(2 + MAX_TEMPLATES + 1)
    const first = nth(0)
    expect(urls(cfg, first)).toBe(openidClient(cfg, first))
    expect(builds()).toBe(2 + MAX_TEMPLATES + 2)
  })
})
