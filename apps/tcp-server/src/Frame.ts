/**
 * The legacy framing: 4 ASCII digits giving the byte length of the JSON that follows. Replies use the same
 * prefix, zero-padded to 4 digits (wider only past 9999 bytes, as the reference server does).
 */
export const MAX_FRAME = 9999

export type FrameEvent =
  | { readonly _tag: "Frame"; readonly json: string }
  | { readonly _tag: "FrameError"; readonly reason: string }

const DIGIT_0 = 0x30
const DIGIT_9 = 0x39
const utf8 = new TextDecoder("utf-8", { fatal: true })
const EMPTY = Buffer.alloc(0)

/** Accumulates bytes and yields whole frames; after the first FrameError it yields nothing more. */
export class FrameDecoder {
  #buffer: Buffer = Buffer.alloc(0)
  #broken = false

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
        if (c < DIGIT_0 || c > DIGIT_9) return this.#fail(out, "the message must start with a 4-digit length (e.g. 0071{…})")
        length = length * 10 + (c - DIGIT_0)
      }
      if (length === 0) return this.#fail(out, "the length prefix is 0: a message must carry a JSON command")
      if (buf.length - at < 4 + length) break
      const body = buf.subarray(at + 4, at + 4 + length)
      at += 4 + length
      let json: string
      try {
        json = utf8.decode(body)
      } catch {
        return this.#fail(out, "the message is not valid UTF-8")
      }
      out.push({ _tag: "Frame", json })
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
  const frame = encodeAnew(value)
  // only a frozen value can be trusted to encode the same next time; the frame is never written to once made
  if (typeof value === "object" && value !== null && Object.isFrozen(value)) {
    lastShared = value
    lastSharedFrame = frame
  }
  return frame
}

const encodeAnew = (value: unknown): Buffer => {
  const json = JSON.stringify(value)
  const length = Buffer.byteLength(json, "utf8")
  const prefix = String(length).padStart(4, "0")
  // one buffer, written in place (no intermediate buffers to concatenate); every byte of it is written
  const frame = Buffer.allocUnsafe(prefix.length + length)
  frame.write(prefix, 0, "latin1")
  frame.write(json, prefix.length, "utf8")
  return frame
}
