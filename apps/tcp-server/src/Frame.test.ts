import { byteFrame, unitFrame } from "@oxd/testkit"
import { describe, expect, it } from "vitest"
import { encodeFrame, FrameDecoder, isWideFrame, type FrameEvent } from "./Frame.js"

/** A raw frame as a byte-counting client sends it (unitFrame: as oxd-java, TransportClient.java:70, and oxd-node do). */
const frame = byteFrame
const jsons = (events: ReadonlyArray<FrameEvent>) => events.map((e) => (e._tag === "Frame" ? e.json : `!${e.reason}`))
const errors = (events: ReadonlyArray<FrameEvent>) => events.filter((e) => e._tag === "FrameError")

/** mulberry32: a small seeded PRNG so failures reproduce. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = seed
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

const A = '{"command":"get_authorization_url","params":{"oxd_id":"6F96"}}'
const B = '{"command":"register_site","params":{}}'

describe("FrameDecoder", () => {
  it("decodes one frame", () => {
    const d = new FrameDecoder()
    expect(jsons(d.push(frame(A)))).toEqual([A])
    expect(d.pending).toBe(0)
    expect(d.end()).toEqual([])
  })

  it("decodes two frames from one chunk", () => {
    const d = new FrameDecoder()
    expect(jsons(d.push(Buffer.concat([frame(A), frame(B)])))).toEqual([A, B])
    expect(d.pending).toBe(0)
  })

  it("keeps a partial second frame for the next chunk", () => {
    const d = new FrameDecoder()
    const all = Buffer.concat([frame(A), frame(B)])
    const cut = frame(A).length + 10
    expect(jsons(d.push(all.subarray(0, cut)))).toEqual([A])
    expect(d.pending).toBe(10)
    expect(jsons(d.push(all.subarray(cut)))).toEqual([B])
  })

  it.each([1, 2, 3, 4, 5, 20])("decodes a frame split after byte %i (inside the prefix too)", (at) => {
    const d = new FrameDecoder()
    const f = frame(A)
    expect(d.push(f.subarray(0, at))).toEqual([])
    expect(jsons(d.push(f.subarray(at)))).toEqual([A])
    expect(d.end()).toEqual([])
  })

  it("decodes a byte-by-byte trickle", () => {
    const d = new FrameDecoder()
    const all = Buffer.concat([frame(A), frame(B), frame(A)])
    const out: FrameEvent[] = []
    for (let i = 0; i < all.length; i++) out.push(...d.push(all.subarray(i, i + 1)))
    expect(jsons(out)).toEqual([A, B, A])
    expect(d.end()).toEqual([])
  })

  it.each(["00a1", "-001", "abcd", " 012", "0+12", "++12", "0x10", "1e02"])(
    "rejects the length prefix %j and yields nothing after",
    (prefix) => {
      const d = new FrameDecoder()
      const events = d.push(Buffer.from(prefix + "{}" + frame(A).toString(), "utf8"))
      expect(events).toHaveLength(1)
      expect(events[0]!._tag).toBe("FrameError")
      expect(d.push(frame(A))).toEqual([])
      expect(d.end()).toEqual([])
    },
  )

  it("T1: takes a + before 3 digits, as the reference's Long.parseLong does (CoreUtils.java:153-159, 195-203)", () => {
    const json = '{"command":"x"}'
    const d = new FrameDecoder()
    expect(jsons(d.push(Buffer.from(`+015${json}`)))).toEqual([json])
    expect(jsons(d.push(Buffer.from(`+000${json}`)))).toEqual([expect.stringMatching(/length prefix is 0/)])
  })

  it("answers the frames before a broken prefix, then the error", () => {
    const d = new FrameDecoder()
    const events = d.push(Buffer.concat([frame(A), Buffer.from("zzzz{}")]))
    expect(events.map((e) => e._tag)).toEqual(["Frame", "FrameError"])
  })

  it("rejects a broken prefix split across chunks", () => {
    const d = new FrameDecoder()
    expect(d.push(Buffer.from("00"))).toEqual([])
    expect(errors(d.push(Buffer.from("x1{}")))).toHaveLength(1)
  })

  it("rejects length 0", () => {
    const d = new FrameDecoder()
    const events = d.push(Buffer.from("0000" + frame(A).toString()))
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ _tag: "FrameError", reason: expect.stringContaining("0") })
    expect(d.push(frame(A))).toEqual([])
  })

  it.each([
    ["a lone continuation byte", [0x7b, 0x80, 0x7d]],
    ["a truncated 2-byte sequence", [0x7b, 0xc3, 0x7d]],
    ["an overlong encoding", [0x7b, 0xc0, 0xaf, 0x7d]],
    ["a UTF-16 surrogate", [0x7b, 0xed, 0xa0, 0x80, 0x7d]],
    ["0xff", [0xff]],
  ])("rejects invalid UTF-8 (%s)", (_, bytes) => {
    const d = new FrameDecoder()
    const body = Buffer.from(bytes)
    const events = d.push(Buffer.concat([byteFrame(body), frame(A)]))
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ _tag: "FrameError", reason: expect.stringMatching(/UTF-8/) })
    expect(d.push(frame(A))).toEqual([])
  })

  it("does not reject a multi-byte character split across chunks", () => {
    const json = '{"command":"x","params":{"name":"€😀"}}'
    const f = frame(json)
    const at = f.indexOf(0xe2) + 1 // inside the 3-byte €
    const d = new FrameDecoder()
    expect(d.push(f.subarray(0, at))).toEqual([])
    expect(jsons(d.push(f.subarray(at)))).toEqual([json])
  })

  it.each([
    ["a partial prefix", "00"],
    ["a whole prefix", "0040"],
    ["a partial body", '0040{"command":'],
  ])("end() with %s is a truncation error", (_, raw) => {
    const d = new FrameDecoder()
    expect(d.push(Buffer.from(raw))).toEqual([])
    const events = d.end()
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ _tag: "FrameError", reason: expect.stringMatching(/ended inside a message/) })
    expect(events[0]).toMatchObject({ reason: expect.stringContaining(`${raw.length} bytes`) })
    expect(d.end()).toEqual([])
  })

  it("T3: reads a length counted in UTF-8 bytes and one counted in UTF-16 units (CoreUtils.java:206-209), pipelined and mixed", () => {
    const json = '{"command":"ünïcödé","params":{"x":"日本語","y":"😀","client_name":"Zürich café"}}'
    expect(Buffer.byteLength(json)).toBeGreaterThan(json.length)
    expect(frame(json).subarray(0, 4).toString()).toBe(String(Buffer.byteLength(json)).padStart(4, "0"))
    expect(unitFrame(json).subarray(0, 4).toString()).toBe(String(json.length).padStart(4, "0"))
    const raw = Buffer.concat([frame(json), unitFrame(json), frame(A), unitFrame(json), frame(json), unitFrame(B)])
    expect(jsons(new FrameDecoder().push(raw))).toEqual([json, json, A, json, json, B])
    // and a byte at a time
    const d = new FrameDecoder()
    const out: FrameEvent[] = []
    for (let i = 0; i < raw.length; i++) out.push(...d.push(raw.subarray(i, i + 1)))
    expect(jsons(out)).toEqual([json, json, A, json, json, B])
    expect(d.pending).toBe(0)
  })

  it("T3: a UTF-16-counted frame whose first N bytes are a whole JSON object is read whole (the byte after decides)", () => {
    // '{"command":"é"} ': 16 units, 17 bytes; its first 16 bytes are the whole object
    const json = '{"command":"é"} '
    const d = new FrameDecoder()
    expect(jsons(d.push(Buffer.concat([unitFrame(json), frame(A)])))).toEqual([json, A])
  })

  it("accepts the largest 4-digit frame (9999 units, 3 bytes each)", () => {
    const json = JSON.stringify({ command: "x", params: { pad: "" } })
    const padded = JSON.stringify({ command: "x", params: { pad: "日".repeat(9999 - json.length) } })
    expect(padded.length).toBe(9999)
    expect(jsons(new FrameDecoder().push(unitFrame(padded)))).toEqual([padded])
  })

  it("accepts the largest 4-digit frame (9999 bytes)", () => {
    const json = JSON.stringify({ command: "x", params: { pad: "" } })
    const padded = JSON.stringify({ command: "x", params: { pad: "p".repeat(9999 - json.length) } })
    expect(Buffer.byteLength(padded)).toBe(9999)
    const d = new FrameDecoder()
    expect(jsons(d.push(frame(padded)))).toEqual([padded])
  })

  it("round-trips random valid frames, each counted in bytes or UTF-16 units, split at random points (seeded)", () => {
    const alphabet = ["a", "Z", "0", " ", '"', "\\", "\n", "é", "€", "日", "😀", "{", "}"]
    for (let seed = 1; seed <= 200; seed++) {
      const rand = prng(seed)
      const int = (n: number) => Math.floor(rand() * n)
      const count = 1 + int(8)
      const originals: string[] = []
      for (let i = 0; i < count; i++) {
        const size = rand() < 0.1 ? 2000 + int(800) : int(60)
        let s = ""
        for (let k = 0; k < size; k++) s += alphabet[int(alphabet.length)]
        originals.push(JSON.stringify({ command: `c${int(100)}`, params: { s } }))
      }
      const stream = Buffer.concat(originals.map((o) => (rand() < 0.5 ? frame(o) : unitFrame(o))))
      const d = new FrameDecoder()
      const out: FrameEvent[] = []
      let at = 0
      while (at < stream.length) {
        const step = rand() < 0.3 ? 1 + int(4) : 1 + int(stream.length / 3)
        out.push(...d.push(Buffer.from(stream.subarray(at, at + step))))
        at += step
      }
      expect(errors(out), `seed ${seed}`).toEqual([])
      expect(jsons(out), `seed ${seed}`).toEqual(originals)
      expect(d.end(), `seed ${seed}`).toEqual([])
    }
  })
})

describe("encodeFrame", () => {
  it("pads the length to 4 digits", () => {
    const f = encodeFrame({ status: "ok", data: {} })
    expect(f.toString()).toBe('0025{"status":"ok","data":{}}')
  })

  it("T3: writes non-ASCII as \\u escapes: the prefix is what oxd-java/oxd-node compute (String.length) and the byte count", () => {
    const value = { status: "ok", data: { client_name: "Zürich café", emoji: "😀", error_description: "ünïcödé" } }
    const f = encodeFrame(value)
    const text = f.subarray(4).toString("utf8")
    expect(Number(f.subarray(0, 4).toString("ascii"))).toBe(text.length)
    expect(text.length).toBe(f.length - 4)
    expect(text).toContain("Z\\u00fcrich caf\\u00e9")
    expect(text).toContain("\\ud83d\\ude00")
    expect(JSON.parse(text)).toEqual(value)
    expect(jsons(new FrameDecoder().push(f)).map((j) => JSON.parse(j) as unknown)).toEqual([value])
  })

  it("T3/T4: a reply that fits 4 digits in UTF-16 units but not escaped goes raw, counted in UTF-16 units as the reference does", () => {
    const value = { status: "ok", data: { blob: "€".repeat(5000) } }
    const f = encodeFrame(value)
    const text = f.subarray(4).toString("utf8")
    expect(f.subarray(0, 4).toString()).toBe(String(text.length))
    expect(text).toBe(JSON.stringify(value))
    expect(isWideFrame(f)).toBe(false)
  })

  it("T4: writes a wider prefix past 9999", () => {
    const value = { status: "ok", data: { blob: "€".repeat(11_000) } }
    const f = encodeFrame(value)
    const text = f.subarray(5).toString("latin1")
    expect(f.subarray(0, 5).toString()).toBe(String(text.length))
    expect(text.length).toBeGreaterThan(9999)
    expect(JSON.parse(text)).toEqual(value)
    expect(isWideFrame(f)).toBe(true)
    expect(isWideFrame(encodeFrame({ status: "ok", data: { blob: "€".repeat(1000) } }))).toBe(false)
  })
})

describe("encodeFrame of shared replies", () => {
  it("encodes a frozen value once and gives the same bytes again; a value that is not frozen is encoded every time", () => {
    const shared = Object.freeze({ status: "ok", data: Object.freeze({ access: "granted" }) })
    const first = encodeFrame(shared)
    expect(first.toString()).toBe('0043{"status":"ok","data":{"access":"granted"}}')
    expect(encodeFrame(shared)).toBe(first)
    const open = { status: "ok", data: { n: 1 } }
    const a = encodeFrame(open)
    open.data.n = 2
    expect(encodeFrame(open).toString()).toBe('0030{"status":"ok","data":{"n":2}}')
    expect(a.toString()).toBe('0030{"status":"ok","data":{"n":1}}')
  })
})
