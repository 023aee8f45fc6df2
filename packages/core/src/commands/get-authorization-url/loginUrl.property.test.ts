/**
 * The login URL is security-relevant and built by string surgery for speed (services/authorizationUrls.ts: a template
 * per site and set of parameters, the per-login values pasted in). Property: over generated parameters — `&`, `#`,
 * `=`, `?`, `+`, `%`, CR/LF, NUL, unicode and lone surrogates in keys and values — the URL is exactly what a
 * `URLSearchParams` reference gives for the parameters the command documents: every parameter encoded, none missing,
 * none injected, nothing after a `#`. Checked on both roads (dispatch, and `call`, which may answer synchronously)
 * and on a repeat of the same parameters (the template's reuse). The real test OP, its discovery cached.
 */
import type { TestOp } from "@oxd/test-op"
import fc from "fast-check"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Reply } from "../../envelope.js"
import type { Oxd } from "../../makeOxd.js"
import { ok, opJson, oxdFor, REDIRECT_URI, registerSite, startOp } from "../../../test/support.js"

const fuzz = { seed: Number(process.env["FUZZ_SEED"] ?? 25), numRuns: Number(process.env["FUZZ_RUNS"] ?? 100) } as const

let op: TestOp
let oxd: Oxd
let oxdId: string
let endpoint: string
beforeAll(async () => {
  op = await startOp()
  oxd = oxdFor(op)
  oxdId = await registerSite(oxd, op)
  endpoint = (await opJson(op, `${op.issuer}/.well-known/openid-configuration`)).body.authorization_endpoint as string
})
afterAll(async () => {
  await oxd?.dispose()
  await op?.close()
})

/** Parameters the server sets itself, or refuses in custom_parameters: custom keys are drawn from outside them. */
const SERVER_PARAMS = new Set([
  "client_id",
  "response_type",
  "redirect_uri",
  "scope",
  "state",
  "nonce",
  "code_challenge",
  "code_challenge_method",
  "acr_values",
  "prompt",
  "hd",
  "custom_response_headers",
  "request",
  "request_uri",
  "response_mode",
  "registration",
])

const tricky = fc.constantFrom(
  "&",
  "#",
  "=",
  "?",
  "+",
  "%",
  "%26",
  " ",
  "\r",
  "\n",
  "\r\n",
  "\u0000",
  "/",
  ";",
  "é",
  "😀",
  "\u2028",
  "\ud800",
  "a",
  "Z",
  "0",
  "_",
  "-",
  ".",
  "~",
)
const text = fc.oneof(
  fc.string({ unit: tricky, maxLength: 12 }),
  fc.string({ unit: "binary", maxLength: 8 }),
  fc.string({ maxLength: 8 }),
)
const key = text.filter((k) => !SERVER_PARAMS.has(k))
const value = fc.oneof(
  { weight: 6, arbitrary: text },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.boolean() },
)
const params = fc.record(
  {
    scope: fc.array(text, { minLength: 1, maxLength: 3 }),
    acr_values: fc.array(text, { maxLength: 2 }),
    prompt: text,
    hd: text,
    custom_parameters: fc.dictionary(key, value, { maxKeys: 4 }),
  },
  { requiredKeys: ["scope"] },
)
type Params = typeof params extends fc.Arbitrary<infer P> ? P : never

/** The query a URLSearchParams reference gives for `p` (the per-login values and client_id read from `actual`). */
const reference = (p: Params, actual: URLSearchParams): URLSearchParams => {
  const custom = Object.entries(p.custom_parameters ?? {})
    .filter((e): e is [string, string | number | boolean] => e[1] !== null)
    .map(([k, v]) => [k, String(v)] as const)
  const q = new URLSearchParams()
  for (const [k, v] of custom) q.append(k, v)
  q.append("client_id", actual.get("client_id")!)
  q.append("response_type", "code")
  q.append("redirect_uri", REDIRECT_URI)
  q.append("scope", p.scope.join(" "))
  for (const k of ["state", "nonce", "code_challenge"]) q.append(k, actual.get(k)!)
  q.append("code_challenge_method", "S256")
  if (p.acr_values && p.acr_values.length > 0) q.append("acr_values", p.acr_values.join(" "))
  if (p.prompt) q.append("prompt", p.prompt)
  if (p.hd) q.append("hd", p.hd)
  if (custom.length > 0) q.append("custom_response_headers", JSON.stringify(custom.map(([k, v]) => ({ [k]: v }))))
  return q
}

/** The URL's query as its raw `name=value` pieces, in order-free form. */
const pieces = (query: string) => query.split("&").sort()

const check = (p: Params, href: string) => {
  const at = href.indexOf("?")
  expect(href.slice(0, at)).toBe(endpoint)
  expect(href).not.toContain("#")
  expect(href).toMatch(/^[!-~]*$/) // printable ASCII only: everything else is escaped
  const actual = new URLSearchParams(href.slice(at + 1))
  for (const k of ["state", "nonce", "code_challenge"]) expect(actual.get(k), k).toMatch(/^[A-Za-z0-9_-]+$/)
  expect(pieces(href.slice(at + 1))).toEqual(pieces(reference(p, actual).toString()))
}

const urlOf = async (reply: Reply | Promise<Reply>) =>
  (await ok<{ authorization_url: string }>(reply)).authorization_url

describe(`the login URL against a URLSearchParams reference (fast-check, seed ${fuzz.seed}, ${fuzz.numRuns} runs)`, () => {
  it("encodes every parameter and lets none through unencoded, on both roads, built afresh and from its template", async () => {
    await fc.assert(
      fc.asyncProperty(params, async (p) => {
        const input = { oxd_id: oxdId, ...p }
        for (let i = 0; i < 2; i++) {
          check(p, await urlOf(oxd.dispatch("get_authorization_url", input, { transport: "internal" })))
          check(p, await urlOf(oxd.call("get_authorization_url", input, { transport: "internal" })))
        }
      }),
      fuzz,
    )
  })

  it("is the reference also for the reference's plain call (no optional parameters but scope)", async () => {
    const href = await urlOf(
      oxd.dispatch("get_authorization_url", { oxd_id: oxdId, scope: ["openid"] }, { transport: "internal" }),
    )
    check({ scope: ["openid"] }, href)
  })
})
