/**
 * Property-based tests of the legacy framing (fast-check): any chunking of valid frames decodes to the same
 * messages; arbitrary bytes never throw, give at most one FrameError and nothing after it, and never hold more than
 * one frame's worth of bytes. Seed FUZZ_SEED (default 7), FUZZ_RUNS runs (default 200); a long run:
 *   FUZZ_RUNS=100000 pnpm --filter @oxd/tcp-server exec vitest run src/Frame.fuzz.test.ts
 */
import fc from "fast-check"
import { byteFrame, unitFrame } from "@oxd/testkit"
import { describe, expect, it } from "vitest"
import { encodeFrame, FrameDecoder, MAX_FRAME, type FrameEvent } from "./Frame.js"

const fuzz = { seed: Number(process.env["FUZZ_SEED"] ?? 7), numRuns: Number(process.env["FUZZ_RUNS"] ?? 200) } as const

/** Cuts `bytes` at the given points (any order, duplicates and out-of-range ones ignored). */
const cut = (bytes: Buffer, points: ReadonlyArray<number>) => {
  const at = [...new Set(points.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b)
  const chunks: Buffer[] = []
  let from = 0
  for (const p of at) {
    chunks.push(bytes.subarray(from, p))
    from = p
  }
  chunks.push(bytes.subarray(from))
  return chunks
}

const decodeAll = (chunks: ReadonlyArray<Buffer>, end = true) => {
  const d = new FrameDecoder()
  const events: FrameEvent[] = []
  let maxPending = 0
  for (const c of chunks) {
    events.push(...d.push(c))
    maxPending = Math.max(maxPending, d.pending)
  }
  if (end) events.push(...d.end())
  return { events, maxPending }
}

/** A message a client might send: any JSON object text (any Unicode), at most MAX_FRAME bytes. */
const message = fc
  .jsonValue({ maxDepth: 3, stringUnit: "binary" })
  .map((v) => JSON.stringify({ command: "x", params: v }))
  .filter((s) => Buffer.byteLength(s) <= MAX_FRAME)

/** T3: a frame as a byte-counting client writes it, or as oxd-java/oxd-node do (String.length: UTF-16 units). */
const framed = (m: string, units: boolean) => (units ? unitFrame(m) : byteFrame(m))

describe(`FrameDecoder under arbitrary input (fast-check, seed ${fuzz.seed}, ${fuzz.numRuns} runs)`, () => {
  it("any chunking of valid frames gives back exactly the messages, in order", () => {
    fc.assert(
      fc.property(
        fc.array(message, { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        (messages, points) => {
          const bytes = Buffer.concat(messages.map((m) => encodeFrame(JSON.parse(m))))
          const { events } = decodeAll(cut(bytes, points))
          expect(events.map((e) => (e._tag === "Frame" ? (JSON.parse(e.json) as unknown) : e))).toEqual(
            messages.map((m) => JSON.parse(m) as unknown),
          )
        },
      ),
      fuzz,
    )
  })

  it("T3: any mix of byte-counted and UTF-16-counted frames, any chunking, gives back exactly the messages", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(message, fc.boolean()), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        (messages, points) => {
          const bytes = Buffer.concat(messages.map(([m, units]) => framed(m, units)))
          const { events } = decodeAll(cut(bytes, points))
          expect(events).toEqual(messages.map(([m]) => ({ _tag: "Frame", json: m })))
        },
      ),
      fuzz,
    )
  })

  it("arbitrary bytes, arbitrarily chunked: no throw, at most one FrameError and nothing after it, bounded buffer", () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 3000 }), { maxLength: 12 }), fc.boolean(), (chunks, end) => {
        const { events, maxPending } = decodeAll(
          chunks.map((c) => Buffer.from(c)),
          end,
        )
        const errorAt = events.findIndex((e) => e._tag === "FrameError")
        if (errorAt >= 0) expect(events.length).toBe(errorAt + 1)
        // a body counted in UTF-16 units takes up to 3 bytes a unit
        expect(maxPending).toBeLessThanOrEqual(4 + 3 * MAX_FRAME + 3 + 3000)
        for (const e of events) if (e._tag === "Frame") expect(e.json.length).toBeLessThanOrEqual(MAX_FRAME)
      }),
      fuzz,
    )
  })

  it("garbage after valid frames: the frames come first, then one FrameError", () => {
    fc.assert(
      fc.property(
        fc.array(message, { maxLength: 4 }),
        fc
          .uint8Array({ minLength: 4, maxLength: 200 })
          .filter((g) => !/^(\d{4}|\+\d{3})/.test(Buffer.from(g).subarray(0, 4).toString("latin1"))),
        fc.array(fc.nat(), { maxLength: 10 }),
        (messages, garbage, points) => {
          const bytes = Buffer.concat([...messages.map((m) => encodeFrame(JSON.parse(m))), Buffer.from(garbage)])
          const { events } = decodeAll(cut(bytes, points))
          expect(events.slice(0, messages.length).every((e) => e._tag === "Frame")).toBe(true)
          expect(events.slice(messages.length).map((e) => e._tag)).toEqual(["FrameError"])
        },
      ),
      fuzz,
    )
  })

  it("a valid prefix of a frame followed by the end is one FrameError (truncated), never a frame", () => {
    fc.assert(
      fc.property(message, fc.nat(), (m, k) => {
        const bytes = encodeFrame(JSON.parse(m))
        const upTo = 1 + (k % (bytes.length - 1))
        const { events } = decodeAll([bytes.subarray(0, upTo)])
        expect(events.map((e) => e._tag)).toEqual(["FrameError"])
      }),
      fuzz,
    )
  })
})
