import { LegacyBodyReader, legacyFrame, MAX_4_DIGIT_LENGTH } from "@oxd/wire/frame"

/**
 * The legacy framing: 4 ASCII digits giving the length of the JSON that follows, counted in UTF-16 units (the
 * reference server and its clients: Java/JS String.length) or in UTF-8 bytes (clients whose strings are bytes);
 * @oxd/core's legacyFrame says how both are read unambiguously, and writes replies so that both units agree.
 * A reply longer than 9999 gets a wider prefix (the reference closes without replying: the connection closes
 * after it, see Connection).
 */
export const MAX_FRAME = MAX_4_DIGIT_LENGTH

export type FrameEvent =
  { readonly _tag: "Frame"; readonly json: string } | { readonly _tag: "FrameError"; readonly reason: string }

const DIGIT_0 = 0x30
const DIGIT_9 = 0x39
const PLUS = 0x2b
const EMPTY = Buffer.alloc(0)

/** Accumulates bytes and yields whole frames; after the first FrameError it yields nothing more. */
export class FrameDecoder {
  #buffer: Buffer = Buffer.alloc(0)
  #broken = false
  /** The body being read; what it learnt of a frame still arriving is kept until the frame is whole. */
  readonly #body = new LegacyBodyReader()

  get pending(): number {
    return this.#buffer.length
  }

  push(chunk: Buffer): FrameEvent[] {
    if (this.#broken) return []
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk])
    const out: FrameEvent[] = []
    const buf = this.#buffer
    // frames are read at an offset and the rest kept once at the end (not a new view of the rest per frame)
    let at = 0
    while (buf.length - at >= 4) {
      let length = 0
      for (let i = at; i < at + 4; i++) {
        const c = buf[i]!
        // the reference parses the prefix with Long.parseLong, which takes a leading + (CoreUtils.java:153-159)
        if (c === PLUS && i === at) continue
        if (c < DIGIT_0 || c > DIGIT_9)
          return this.#fail(out, "the message must start with a 4-digit length (e.g. 0071{…})")
        length = length * 10 + (c - DIGIT_0)
      }
      if (length === 0) return this.#fail(out, "the length prefix is 0: a message must carry a JSON command")
      const body = this.#body.read(buf, at + 4, length)
      if (body === undefined) break
      if ("error" in body) return this.#fail(out, body.error)
      this.#body.reset()
      at += 4 + body.bytes
      out.push({ _tag: "Frame", json: body.json })
    }
    if (at > 0) this.#buffer = at === buf.length ? EMPTY : buf.subarray(at)
    return out
  }

  /** The peer finished sending: whatever is left is a truncated frame. */
  end(): FrameEvent[] {
    if (this.#broken || this.#buffer.length === 0) return []
    return this.#fail([], `the connection ended inside a message (${this.#buffer.length} bytes of it arrived)`)
  }

  #fail(out: FrameEvent[], reason: string): FrameEvent[] {
    this.#broken = true
    this.#buffer = Buffer.alloc(0)
    out.push({ _tag: "FrameError", reason })
    return out
  }
}

/**
 * The last frozen value encoded, and its frame: a shared constant reply (core's reply to a granted check, frozen
 * all through) is encoded once. A frozen value is taken to be frozen all through.
 */
let lastShared: unknown
let lastSharedFrame: Buffer | undefined

export const encodeFrame = (value: unknown): Buffer => {
  if (value === lastShared && lastSharedFrame) return lastSharedFrame
  const frame = legacyFrame(JSON.stringify(value))
  // only a frozen value can be trusted to encode the same next time; the frame is never written to once made
  if (typeof value === "object" && value !== null && Object.isFrozen(value)) {
    lastShared = value
    lastSharedFrame = frame
  }
  return frame
}

/** Whether a frame's prefix is wider than 4 digits (its 5th byte is a digit, not the JSON's first). */
export const isWideFrame = (frame: Buffer): boolean => frame[4]! >= DIGIT_0 && frame[4]! <= DIGIT_9
