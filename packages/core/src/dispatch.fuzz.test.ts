/**
 * Property-based tests of the one door into core (fast-check): arbitrary JSON params — wrong types, injection
 * strings, prototype-pollution keys, deep nesting — to every command always give an oxd envelope, never a defect
 * (the internal_error naming a request id) and never a crash; every command's result survives encode → JSON → decode.
 * internal_error itself is a reply like others: the reference's code for malformed params (audit X1–X3) and for an OP
 * that cannot be used (X10).
 *
 * Bounded and reproducible in CI (seed FUZZ_SEED, default 7; FUZZ_RUNS runs, default 200). A long run:
 *   FUZZ_RUNS=100000 pnpm --filter @oxd/core exec vitest run src/dispatch.fuzz.test.ts
 * The OP is unreachable (a transport that refuses every connection): nothing leaves the machine.
 */
import { INJECTION_STRINGS, POLLUTION_KEYS, WRONG_TYPE_VALUES } from "@oxd/hostile"
import { Arbitrary, Effect, Schema } from "effect"
import fc from "fast-check"
import { afterAll, describe, expect, it } from "vitest"
import type { AnyCommand } from "./Command.js"
import { aliases, commands } from "./commands/index.js"
import { makeConfig } from "./config/loadConfig.js"
import type { Reply } from "./envelope.js"
import { makeOxd } from "./makeOxd.js"
import type { Transport } from "./services/opResilience.js"

const SEED = Number(process.env["FUZZ_SEED"] ?? 7)
const RUNS = Number(process.env["FUZZ_RUNS"] ?? 200)
const fuzz = { seed: SEED, numRuns: RUNS, endOnFailure: true } as const
/** Long runs get time to finish. */
const TIMEOUT = Math.max(60_000, RUNS * 50)

const refuse: Transport = () =>
  Promise.reject(
    Object.assign(new TypeError("fetch failed"), {
      cause: Object.assign(new Error("connect ECONNREFUSED (fuzz: no network)"), { code: "ECONNREFUSED" }),
    }),
  )
const oxd = makeOxd(makeConfig({ database_url: ":memory:", log_level: "error", op_retries: 0 }), {
  opTransport: refuse,
})
afterAll(() => oxd.dispose())

const all = Object.values(commands) as ReadonlyArray<AnyCommand>
const names = [...all.map((c) => c.name), ...Object.keys(aliases)]
const fieldsOf = (c: AnyCommand) => Object.keys((c.params as unknown as { fields?: object }).fields ?? {})

/** Strings an attacker would try, beside arbitrary ones (full Unicode, lone surrogates included). */
const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 50 }),
  fc.string({ unit: "binary", maxLength: 50 }),
  fc.constantFrom(...INJECTION_STRINGS),
  fc.constantFrom("00000000-0000-4000-8000-000000000000", "https://127.0.0.1:1", "https://op.invalid", "GET", "openid"),
)
const leaf = fc.oneof(fc.jsonValue({ maxDepth: 2 }), hostileString, fc.constantFrom(...WRONG_TYPE_VALUES))

/** An object with own keys only (`__proto__` included, as JSON.parse would make it). */
const ownObject = (entries: ReadonlyArray<readonly [string, unknown]>) => {
  const o: Record<string, unknown> = {}
  for (const [k, v] of entries)
    Object.defineProperty(o, k, { value: v, enumerable: true, configurable: true, writable: true })
  return o
}
const value: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.array(tie("v"), { maxLength: 4 }),
    fc
      .array(fc.tuple(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom(...POLLUTION_KEYS)), tie("v")), {
        maxLength: 4,
      })
      .map(ownObject),
  ),
})).v

/** Params of a command: its own field names (so decoding gets past the first field) and others, any values. */
const paramsFor = (c: AnyCommand) =>
  fc
    .array(
      fc.tuple(
        fc.oneof(
          // a command may have no field at all (get_rp_jwks)
          ...(fieldsOf(c).length > 0 ? [fc.constantFrom(...fieldsOf(c))] : []),
          fc.constantFrom(...POLLUTION_KEYS),
          fc.string({ maxLength: 10 }),
        ),
        value,
      ),
      { maxLength: 8 },
    )
    .map((entries) => JSON.parse(JSON.stringify(ownObject(entries))) as unknown)

const wellFormed = (r: Reply) => {
  expect(r.envelope.status === "ok" || r.envelope.status === "error").toBe(true)
  if (r.envelope.status === "error") {
    expect(typeof r.envelope.data.error).toBe("string")
    expect(typeof r.envelope.data.error_description).toBe("string")
    expect(r.envelope.data.error_description.length).toBeLessThan(2000)
    expect(r.http).toBeGreaterThanOrEqual(400)
    expect(r.http).toBeLessThan(600)
  } else expect(r.http).toBe(200)
}
/** A defect's reply (envelope.ts defectError), as opposed to an error the server chose. */
const defect = (r: Reply): string | false =>
  r.envelope.status === "error" &&
  r.envelope.data.error_description.startsWith("Internal error; the server logged it") &&
  r.envelope.data.error_description
const polluted = () =>
  (({}) as Record<string, unknown>)["polluted"] !== undefined || ({} as Record<string, unknown>)["oxd_id"] !== undefined

describe(`dispatch under arbitrary input (fast-check, seed ${SEED}, ${RUNS} runs)`, () => {
  it(
    "every command answers arbitrary params with an envelope, never a defect, never a crash",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc
            .constantFrom(...names)
            .chain((name) =>
              fc.tuple(fc.constant(name), paramsFor(all.find((c) => c.name === name || c.aliases.includes(name))!)),
            ),
          async ([name, params]) => {
            const r = await oxd.dispatch(name, params, { transport: "internal" })
            wellFormed(r)
            expect(defect(r), `${name} ${JSON.stringify(params).slice(0, 300)}`).toBe(false)
            expect(polluted()).toBe(false)
          },
        ),
        fuzz,
      )
    },
    TIMEOUT,
  )

  it(
    "valid params (generated from each command's schema) with one field made hostile: never a defect",
    async () => {
      const validish = (c: AnyCommand) =>
        fc.tuple(fc.integer(), fc.boolean()).map(([seed, plausible]) => {
          const base = Effect.runSync(
            Arbitrary.sampleEffect(Arbitrary.schema(Schema.toEncoded(c.params)), { seed, count: 1, size: 6 }),
          )[0] as Record<string, unknown>
          // half the time with URLs that pass validation, so handlers go on to the (unreachable) OP
          if (!plausible) return base
          const fields = fieldsOf(c)
          return {
            ...base,
            ...(fields.includes("op_host") ? { op_host: "https://op.fuzz.invalid" } : {}),
            ...(fields.includes("authorization_redirect_uri")
              ? { authorization_redirect_uri: "https://rp.example.org/cb" }
              : {}),
          }
        })
      await fc.assert(
        fc.asyncProperty(
          fc
            // commands with a field to make hostile
            .constantFrom(...all.filter((c) => fieldsOf(c).length > 0))
            .chain((c) => fc.tuple(fc.constant(c), validish(c), fc.constantFrom(...fieldsOf(c)), value, fc.boolean())),
          async ([c, base, field, hostile, replace]) => {
            const params = JSON.parse(
              JSON.stringify(replace ? ownObject([...Object.entries(base ?? {}), [field, hostile]]) : (base ?? {})),
            ) as unknown
            const r = await oxd.dispatch(c.name, params, { transport: "internal" })
            wellFormed(r)
            expect(defect(r), `${c.name} ${JSON.stringify(params).slice(0, 300)}`).toBe(false)
          },
        ),
        fuzz,
      )
    },
    TIMEOUT,
  )

  // X2: internal_error "Command parameters are not specified or otherwise malformed." (ERC:21, Convertor.java:37-52)
  it(
    "params that are not an object are internal_error (X2); unknown names are unsupported_operation",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...names),
          fc
            .oneof(fc.jsonValue(), hostileString)
            .filter((v) => v !== null && (typeof v !== "object" || Array.isArray(v))),
          async (name, params) => {
            const r = await oxd.dispatch(name, params, { transport: "internal" })
            expect(r.envelope).toMatchObject({
              status: "error",
              data: {
                error: "internal_error",
                error_description: expect.stringContaining("params must be a JSON object"),
              },
            })
          },
        ),
        fuzz,
      )
      await fc.assert(
        fc.asyncProperty(
          hostileString.filter((s) => !Object.hasOwn(commands, s) && !Object.hasOwn(aliases, s)),
          async (name) => {
            const r = await oxd.dispatch(name, {}, { transport: "internal" })
            wellFormed(r)
            expect(r.envelope.status === "error" && r.envelope.data.error).toBe("unsupported_operation")
          },
        ),
        fuzz,
      )
    },
    TIMEOUT,
  )

  it(
    "every result survives encode → JSON → decode (what every transport and client does)",
    () => {
      fc.assert(
        fc.property(fc.constantFrom(...all), fc.integer(), (c, seed) => {
          const [value] = Effect.runSync(
            Arbitrary.sampleEffect(Arbitrary.schema(c.result), { seed, count: 1, size: 8 }),
          )
          const encoded = Schema.encodeUnknownSync(c.result)(value)
          const wire = JSON.parse(JSON.stringify(encoded)) as unknown
          const decoded = Schema.decodeUnknownSync(c.result)(wire)
          expect(JSON.parse(JSON.stringify(Schema.encodeUnknownSync(c.result)(decoded)))).toEqual(wire)
        }),
        fuzz,
      )
    },
    TIMEOUT,
  )
})

describe("found by the fuzzers (kept as examples)", () => {
  // an object where a string goes is a malformed param (X3: internal_error, ERC:21)
  it("a field named __proto__ or constructor in a record param is a malformed param, not a defect", async () => {
    for (const key of POLLUTION_KEYS) {
      const params = JSON.parse(`{"oxd_id":"x","custom_parameters":{"${key}":{"a":1}}}`) as unknown
      const r = await oxd.dispatch("get_authorization_url", params, { transport: "internal" })
      expect(r.envelope).toMatchObject({
        status: "error",
        data: { error: "internal_error", error_description: expect.stringContaining(`custom_parameters.${key}`) },
      })
    }
  })

  it('a param key holding ] or " in a record param is a malformed param named by its path, not a defect', async () => {
    for (const key of ["-@WB.]&", 'a"]b', "]]]", "\\", "\n"]) {
      const params = { oxd_id: "x", custom_parameters: { [key]: {} } }
      const r = await oxd.dispatch("get_authorization_url", JSON.parse(JSON.stringify(params)), {
        transport: "internal",
      })
      expect(r.envelope).toMatchObject({
        status: "error",
        data: { error: "internal_error", error_description: expect.stringContaining("custom_parameters") },
      })
    }
  })

  it("params nested 100,000 deep are refused before decoding, without a stack overflow", async () => {
    const depth = 100_000
    for (const text of [
      `{"oxd_id":"x","deep":${"[".repeat(depth)}${"]".repeat(depth)}}`,
      `{"oxd_id":"x","deep":${'{"a":'.repeat(depth)}{}${"}".repeat(depth)}}`,
    ]) {
      const r = await oxd.dispatch("get_authorization_url", JSON.parse(text), { transport: "internal" })
      // X5 (an addition): refused with the reference's code for params it cannot read (ERC:21)
      expect(r.envelope).toMatchObject({
        status: "error",
        data: { error: "internal_error", error_description: expect.stringMatching(/nest deeper than 64 levels/) },
      })
    }
    // 64 levels are fine (decoding goes on to the site lookup)
    const ok = await oxd.dispatch(
      "get_authorization_url",
      JSON.parse(`{"oxd_id":"x","deep":${"[".repeat(63)}${"]".repeat(63)}}`),
      { transport: "internal" },
    )
    expect(ok.envelope).toMatchObject({ data: { error: "invalid_oxd_id" } })
  })
})
