import { describe, expect, it } from "vitest"
import {
  bytesOf,
  deepArrayJson,
  INJECTION_STRINGS,
  loadCorpus,
  paramCases,
  partBytes,
  POLLUTION_KEYS,
  prototypePolluted,
  WRONG_TYPE_VALUES,
} from "./index.js"

describe("the corpus", () => {
  for (const transport of ["tcp", "http", "ws"] as const) {
    it(`${transport}: every file parses, every case has a unique name and an expectation`, () => {
      const cases = loadCorpus(transport)
      expect(cases.length).toBeGreaterThan(10)
      expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length)
      for (const c of cases) expect(c.expect).toBeDefined()
    })
  }

  it("builds bytes: frames carry their byte length", () => {
    expect(partBytes({ frame: "é" }).toString("latin1")).toBe("0002\u00c3\u00a9")
    expect(partBytes({ json: { a: 1 } }, { frameJson: true }).toString()).toBe('0007{"a":1}')
    expect(partBytes({ json: { a: 1 } }).toString()).toBe('{"a":1}')
    expect(partBytes({ hex: "00 ff" })).toEqual(Buffer.from([0, 255]))
    expect(bytesOf([{ repeat: "ab", times: 3, prefix: "<", suffix: ">", framed: true }]).toString()).toBe(
      "0008<ababab>",
    )
    // the largest-frame case is exactly 9999 bytes
    const largest = loadCorpus("tcp").find((c) => c.name.startsWith("a largest frame"))!
    expect(bytesOf(largest.parts).length).toBe(4 + 9999)
  })
})

describe("generated cases", () => {
  it("give every field of every command every wrong type, injection string and pollution key", () => {
    const cases = paramCases([{ name: "c", params: { fields: { a: 0, b: 0 } } }])
    const perField = WRONG_TYPE_VALUES.length + INJECTION_STRINGS.length + POLLUTION_KEYS.length * 2
    expect(cases).toHaveLength(2 * perField + POLLUTION_KEYS.length)
    const proto = cases.find((c) => c.name === "c.a.__proto__")!
    expect(Object.keys(proto.params["a"] as object)).toEqual(["__proto__"])
    expect(JSON.stringify(proto.params)).toContain('"__proto__"')
    expect(prototypePolluted()).toBe(false)
  })

  it("nest deeply without recursion", () => {
    expect(() => JSON.parse(deepArrayJson(100_000))).not.toThrow()
  })
})
