/**
 * The legacy TCP length unit (audit §3, T3): a prefix counting UTF-16 units (the reference: CoreUtils.java:206-209,
 * SocketProcessor.java:78, oxd-client TransportClient.java:70) and one counting UTF-8 bytes are both read, and
 * always as the one reading that can be JSON.
 */
import { byteFrame, unitFrame } from "@oxd/testkit"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { asciiJson, LegacyBodyReader, legacyFrame, LegacyReplyReader, MAX_4_DIGIT_LENGTH } from "./frame.js"

const NON_ASCII = '{"command":"register_site","params":{"client_name":"Zürich café 😀","op_host":"https://op.example"}}'

/** A body as oxd-java and oxd-node frame it: the prefix is the JSON's String.length (UTF-16 units), raw UTF-8 after. */
const byUnits = unitFrame
/** A body as a client whose string length is bytes frames it. */
const byBytes = (json: string) => byteFrame(json)

/** Reads one frame (4-digit prefix) out of `buf` with a fresh reader; undefined while incomplete. */
const readOne = (buf: Buffer) => new LegacyBodyReader().read(buf, 4, Number(buf.subarray(0, 4).toString("latin1")))

/** Feeds `stream` to one reader a byte at a time (as a slow sender), then returns what it read. */
const trickle = (stream: Buffer) => {
  const reader = new LegacyBodyReader()
  const length = Number(stream.subarray(0, 4).toString("latin1"))
  for (let n = 5; n <= stream.length; n++) {
    const r = reader.read(stream.subarray(0, n), 4, length)
    if (r) return { ...r, at: n }
  }
  return undefined
}

describe("asciiJson", () => {
  it("writes non-ASCII as \\u escapes (a surrogate pair as two): the same value, one length in both units", () => {
    const escaped = asciiJson(NON_ASCII)
    expect(escaped).toContain("Z\\u00fcrich caf\\u00e9 \\ud83d\\ude00")
    expect(JSON.parse(escaped)).toEqual(JSON.parse(NON_ASCII))
    expect(Buffer.byteLength(escaped)).toBe(escaped.length)
    expect(asciiJson('{"a":"plain"}')).toBe('{"a":"plain"}')
  })

  it("keeps any JSON value (fast-check)", () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: "binary" }), (v) => {
        const escaped = asciiJson(JSON.stringify(v))
        expect(Buffer.byteLength(escaped)).toBe(escaped.length) // ASCII only
        expect(JSON.parse(escaped)).toEqual(JSON.parse(JSON.stringify(v)))
      }),
      { seed: 7, numRuns: 300 },
    )
  })
})

describe("legacyFrame", () => {
  it("an ASCII text: 4-digit length, then the text", () => {
    expect(legacyFrame('{"status":"ok","data":{}}').toString("latin1")).toBe('0025{"status":"ok","data":{}}')
  })

  it("T3: a non-ASCII text is escaped; its prefix is what oxd-java and oxd-node compute (String.length) and the byte count alike", () => {
    const frame = legacyFrame(NON_ASCII)
    const prefix = Number(frame.subarray(0, 4).toString("latin1"))
    const text = frame.subarray(4).toString("utf8")
    expect(prefix).toBe(text.length) // the reference's unit: Java/JS String.length of what is written
    expect(prefix).toBe(frame.length - 4) // a byte-counting reader's unit
    expect(JSON.parse(text)).toEqual(JSON.parse(NON_ASCII))
  })

  it("T4: past 9999 the prefix is wider", () => {
    const json = JSON.stringify({ blob: "z".repeat(12_000) })
    const frame = legacyFrame(json)
    expect(frame.subarray(0, 5).toString("latin1")).toBe(String(json.length))
    expect(frame.length).toBe(5 + json.length)
  })

  it("T3/T4: a text that fits 4 digits raw but not escaped is written raw, counted in UTF-16 units as the reference does", () => {
    const json = JSON.stringify({ blob: "é".repeat(3000) })
    expect(json.length).toBeLessThanOrEqual(MAX_4_DIGIT_LENGTH)
    expect(asciiJson(json).length).toBeGreaterThan(MAX_4_DIGIT_LENGTH)
    const frame = legacyFrame(json)
    expect(frame.subarray(0, 4).toString("latin1")).toBe(String(json.length))
    expect(frame.subarray(4).toString("utf8")).toBe(json)
  })

  it("escapes a text wider than 9999 either way (a wide prefix: the same in both units)", () => {
    const json = JSON.stringify({ blob: "é".repeat(11_000) })
    const frame = legacyFrame(json)
    const digits = String(asciiJson(json).length)
    expect(frame.subarray(0, digits.length).toString("latin1")).toBe(digits)
    expect(frame.length).toBe(digits.length + Number(digits))
  })
})

describe("LegacyBodyReader (T3: UTF-16 units or UTF-8 bytes)", () => {
  it("reads an ASCII body in one pass", () => {
    expect(readOne(byUnits('{"command":"x"}'))).toEqual({ json: '{"command":"x"}', bytes: 15 })
  })

  it("reads a body framed as oxd-java/oxd-node frame it (String.length), non-ASCII and an emoji (2 units) inside", () => {
    const frame = byUnits(NON_ASCII)
    expect(frame.subarray(0, 4).toString("latin1")).toBe("0100") // 100 UTF-16 units (😀 counts 2), 104 bytes
    expect(Buffer.byteLength(NON_ASCII)).toBe(104)
    expect(readOne(frame)).toEqual({ json: NON_ASCII, bytes: Buffer.byteLength(NON_ASCII) })
  })

  it("reads the same body framed by its byte count", () => {
    expect(readOne(byBytes(NON_ASCII))).toEqual({ json: NON_ASCII, bytes: Buffer.byteLength(NON_ASCII) })
  })

  it("waits for the rest of a UTF-16-counted body (its N bytes are not yet a JSON value)", () => {
    const frame = byUnits(NON_ASCII)
    expect(readOne(frame.subarray(0, frame.length - 1))).toBeUndefined()
    expect(readOne(frame.subarray(0, 4 + NON_ASCII.length))).toBeUndefined()
  })

  it("a byte-counted body is read at once, before anything follows (its client waits for the reply)", () => {
    expect(readOne(byBytes(NON_ASCII))).toMatchObject({ json: NON_ASCII })
    // and with the client's next frame behind it
    expect(readOne(Buffer.concat([byBytes(NON_ASCII), byUnits(NON_ASCII)]))).toMatchObject({ json: NON_ASCII })
  })

  it("reads either unit byte by byte (a slow sender), walking each byte once", () => {
    for (const frame of [byUnits(NON_ASCII), byBytes(NON_ASCII)])
      expect(trickle(frame)).toMatchObject({ json: NON_ASCII, at: frame.length })
  })

  it("a body whose first N bytes are themselves a whole JSON object: the next byte decides", () => {
    // a UTF-16-counted body with whitespace after its object: `{"a":"é"}` is 9 units, 10 bytes; with one space 10 units
    const json = '{"a":"é"} '
    const frame = byUnits(json)
    expect(frame.subarray(0, 4).toString("latin1")).toBe("0010")
    expect(Buffer.from('{"a":"é"}').length).toBe(10) // the first 10 bytes: a complete object
    // byte 10 is the space: a byte-counting client's next frame would start with a digit, so this is 10 units
    expect(readOne(frame)).toEqual({ json, bytes: 11 })
    // the same 10 bytes with a digit after (a byte-counting client's next frame): 10 bytes
    expect(readOne(Buffer.concat([byBytes('{"a":"é"}'), Buffer.from("0002")]))).toEqual({
      json: '{"a":"é"}',
      bytes: 10,
    })
    // the documented limit: the same UTF-16 stream split exactly after byte 10 is read as 10 bytes
    expect(readOne(frame.subarray(0, 14))).toEqual({ json: '{"a":"é"}', bytes: 10 })
  })

  it("finds the value's end by its structure: braces, brackets and quotes inside strings do not count", () => {
    for (const json of [
      '{"a":"é}","b":"{["}',
      '{"a":"\\"é}\\""}',
      '["é",{"b":"]"}]',
      '"é \\" }"',
      '{"a":{"b":["ü",{}]}}',
    ]) {
      expect(readOne(byUnits(json)), json).toMatchObject({ json })
      expect(readOne(byBytes(json)), json).toMatchObject({ json })
    }
  })

  it("takes a byte-counted body with whitespace around its value", () => {
    const json = ' \n{"a":"ü"}\t '
    expect(readOne(Buffer.concat([byBytes(json), Buffer.from("0009")]))).toEqual({
      json,
      bytes: Buffer.byteLength(json),
    })
    expect(readOne(byUnits(json))).toEqual({ json, bytes: Buffer.byteLength(json) })
  })

  it("takes N bytes at once when neither reading can be JSON (the caller's parse refuses them)", () => {
    for (const json of ['x"é"', '{"a":"é"}x', "é"]) expect(readOne(byBytes(json)), json).toMatchObject({ json })
  })

  it("reads a UTF-8 byte-order mark before the value in either unit (the decoder drops it)", () => {
    const bom = "\ufeff"
    const json = '{"command":"x","p":"é"}'
    expect(readOne(byBytes(bom + json))).toMatchObject({ json })
    expect(readOne(byUnits(bom + json))).toMatchObject({ json })
  })

  it("refuses invalid UTF-8 (T15) in either reading", () => {
    const bad = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]) // {"a":"\xc3("}
    expect(new LegacyBodyReader().read(Buffer.concat([Buffer.from("0010"), bad]), 4, 10)).toEqual({
      error: "the message is not valid UTF-8",
    })
    // not a value that closes within 6 bytes: read in units, the 0xff is no lead byte
    const units = Buffer.concat([Buffer.from("0006"), Buffer.from([0x7b, 0x22, 0xc3, 0xa9, 0xff, 0x22, 0x7d])])
    expect(new LegacyBodyReader().read(units, 4, 6)).toEqual({ error: "the message is not valid UTF-8" })
  })

  it("refuses a UTF-16 length that ends between the two units of an emoji", () => {
    const json = '{"a":"😀"}' // 10 units
    const frame = Buffer.from(`0007${json}`, "utf8")
    expect(new LegacyBodyReader().read(frame, 4, 7)).toEqual({
      error: expect.stringMatching(/between the two UTF-16 units/),
    })
  })

  it("reads at most 3 bytes a unit", () => {
    const json = JSON.stringify({ a: "日".repeat(3000) })
    const frame = byUnits(json)
    expect(frame.length - 4).toBeLessThanOrEqual(3 * json.length)
    expect(readOne(frame)).toMatchObject({ json })
  })
})

describe("LegacyReplyReader (a client's side)", () => {
  it("reads replies in UTF-16 units (SocketProcessor.java:76-88), in bytes, escaped, and wider than 4 digits, split anywhere", () => {
    const big = JSON.stringify({ status: "ok", data: { blob: "z".repeat(12_000) } })
    const stream = Buffer.concat([
      byUnits(NON_ASCII),
      byBytes(NON_ASCII),
      legacyFrame(NON_ASCII),
      legacyFrame(big),
      byUnits(NON_ASCII),
    ])
    for (const step of [1, 5, 64, stream.length]) {
      const reader = new LegacyReplyReader()
      const out = []
      for (let i = 0; i < stream.length; i += step) out.push(...reader.push(stream.subarray(i, i + step)))
      expect(
        out.map((r) => JSON.parse(r.json) as unknown),
        `step ${step}`,
      ).toEqual([NON_ASCII, NON_ASCII, NON_ASCII, big, NON_ASCII].map((j) => JSON.parse(j) as unknown))
      expect(out.map((r) => r.wide)).toEqual([false, false, false, true, false])
      expect(out[0]!.raw.toString("utf8")).toBe(NON_ASCII)
    }
  })

  it("throws on a stream that is not replies, or a reply over its limit", () => {
    expect(() => new LegacyReplyReader().push(Buffer.from('12{"status":"ok"}'))).toThrow(/length prefix/)
    expect(() => new LegacyReplyReader().push(Buffer.from("1234567890"))).toThrow(/not a number/)
    expect(() => new LegacyReplyReader(100).push(Buffer.from("0101{"))).toThrow(/over 100/)
    expect(() => new LegacyReplyReader().push(Buffer.from([0x30, 0x30, 0x30, 0x32, 0x22, 0xff]))).toThrow(
      /not valid UTF-8/,
    )
  })
})

describe("LegacyBodyReader: any JSON, either unit, any chunking (fast-check)", () => {
  const runs = { seed: Number(process.env["FUZZ_SEED"] ?? 7), numRuns: Number(process.env["FUZZ_RUNS"] ?? 300) }
  /** Any JSON text a client may send (fast-check's strings are full Unicode), at most 9999 units and bytes. */
  const text = fc
    .jsonValue({ maxDepth: 3, stringUnit: "binary" })
    .map((v) => JSON.stringify({ command: "x", params: v }))
    .filter((s) => Buffer.byteLength(s) <= MAX_4_DIGIT_LENGTH)

  it("a UTF-16-counted and a byte-counted body read back the JSON, with a next frame behind or nothing", () => {
    fc.assert(
      fc.property(text, fc.boolean(), fc.boolean(), (json, units, more) => {
        const frame = units ? byUnits(json) : byBytes(json)
        const stream = more ? Buffer.concat([frame, byUnits('{"command":"next"}')]) : frame
        expect(readOne(stream)).toEqual({ json, bytes: Buffer.byteLength(json) })
        // and a byte at a time
        expect(trickle(frame)).toMatchObject({ json, at: frame.length })
      }),
      runs,
    )
  })

  it("with whitespace around the JSON too, once the whole frame is in", () => {
    const space = fc.string({ unit: fc.constantFrom(" ", "\n", "\t", "\r"), maxLength: 6 })
    fc.assert(
      fc.property(text, space, space, fc.boolean(), fc.boolean(), (core, before, after, units, more) => {
        const json = before + core + after
        const frame = units ? byUnits(json) : byBytes(json)
        const stream = more ? Buffer.concat([frame, byBytes('{"command":"next","p":"é"}')]) : frame
        expect(readOne(stream)).toEqual({ json, bytes: Buffer.byteLength(json) })
      }),
      runs,
    )
  })

  it("what legacyFrame writes reads back the same value", () => {
    fc.assert(
      fc.property(text, (json) => {
        const r = readOne(legacyFrame(json))
        expect(r && "json" in r && JSON.parse(r.json)).toEqual(JSON.parse(json))
      }),
      runs,
    )
  })
})
