/**
 * The legacy TCP protocol's length unit, for both directions: the server reads requests with it, the clients read
 * replies with it, and both write their frames with legacyFrame.
 *
 * A frame is a decimal length prefix then a JSON text. The reference server (oxd 3.1.4, CoreUtils.readCommand and
 * SocketProcessor.writeResponse) and its clients (oxd-java's TransportClient, oxd-node) count that length in UTF-16
 * code units (Java/JS `String.length`); clients in languages whose strings are bytes count UTF-8 bytes. Both are
 * read here, unambiguously:
 *
 * - Writing: non-ASCII characters are written as JSON `\u` escapes, so the text is ASCII and its length is the
 *   same in both units; any reader, of either unit, reads it right. Only when escaping would push a text that fits
 *   the 4-digit prefix past 9999 is it written raw, counted in UTF-16 units as the reference does.
 * - Reading, when the first N bytes (N: the prefix) are ASCII: N bytes are N units, the two readings are one.
 *   This is the fast path, one decode as before.
 * - Otherwise (non-ASCII among the first N bytes) the readings differ: N bytes hold fewer than N units, so the
 *   UTF-16 reading is strictly longer than the byte reading and begins with it. The JSON value's end is found from
 *   its own structure (the bracket or quote that closes it; strings and escapes honoured) within the first N
 *   bytes: a JSON text is that value with only whitespace around it, so
 *   - the value does not close within N bytes: the byte reading cannot be a JSON text, read N UTF-16 units;
 *   - it closes, and something other than whitespace follows within N bytes (or the text does not start as a
 *     value that can hold non-ASCII: an object, array or string): neither reading is JSON, take the N bytes now
 *     (the caller's JSON parse refuses them);
 *   - it closes, and only whitespace follows up to byte N: the byte reading is a JSON text. The UTF-16 reading
 *     also is only if the bytes after byte N, up to its longer end, are whitespace too; byte N then tells: when it
 *     is whitespace the UTF-16 reading is taken (a byte-counting client's next frame starts with a digit), else
 *     (a digit, or nothing yet: that client waits for its reply) the byte reading.
 *   So the reading taken is the only one that can be a JSON text, except for one stream: a UTF-16-counting client
 *   that writes whitespace after its JSON, at least as many bytes of it as its non-ASCII characters take beyond
 *   one unit each, and whose write is split exactly at byte N. It is then read short and its whitespace is
 *   refused as a broken length prefix (an error reply, never another command). No known client writes whitespace
 *   after its JSON.
 * The UTF-16 reading needs at most 3 bytes a unit (a 4-digit prefix: 29,997 bytes at most) and walks each byte
 * once, however the bytes arrive.
 */

const utf8 = new TextDecoder("utf-8", { fatal: true })

/** The reference's prefix holds 4 digits; its writer refuses a longer text (CoreUtils.normalizeLengthPrefixString). */
export const MAX_4_DIGIT_LENGTH = 9999

const SPACE = 0x20
const TAB = 0x09
const LF = 0x0a
const CR = 0x0d
const QUOTE = 0x22
const BACKSLASH = 0x5c
const OPEN_BRACE = 0x7b
const CLOSE_BRACE = 0x7d
const OPEN_BRACKET = 0x5b
const CLOSE_BRACKET = 0x5d

const isSpace = (c: number | undefined) => c === SPACE || c === LF || c === CR || c === TAB

const hex4 = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`
/** Every UTF-16 unit past ASCII (surrogates one by one, as JSON writes a pair). */
const NON_ASCII = /[\u0080-\uffff]/g

/** `json` (a JSON text) with every non-ASCII character written as a `\u` escape: the same value, ASCII only. */
export const asciiJson = (json: string): string => json.replace(NON_ASCII, hex4)

/**
 * A frame of `json`: its length as a decimal prefix (4 digits, zero-padded; more past 9999), then the text, ASCII
 * (see above; raw UTF-8 counted in UTF-16 units when escaping alone would need a 5th digit).
 */
export const legacyFrame = (json: string): Buffer => {
  let text = json
  let ascii = Buffer.byteLength(json, "utf8") === json.length
  if (!ascii) {
    const escaped = asciiJson(json)
    ascii = escaped.length <= MAX_4_DIGIT_LENGTH || json.length > MAX_4_DIGIT_LENGTH
    if (ascii) text = escaped
  }
  const prefix = String(text.length).padStart(4, "0")
  const size = ascii ? text.length : Buffer.byteLength(text, "utf8")
  // one buffer, written in place; every byte of it is written
  const frame = Buffer.allocUnsafe(prefix.length + size)
  frame.write(prefix, 0, "latin1")
  frame.write(text, prefix.length, ascii ? "latin1" : "utf8")
  return frame
}

/** A frame's body as read: its text and how many bytes it took. */
export interface LegacyBody {
  readonly json: string
  readonly bytes: number
}

/** Why a body cannot be read. */
export interface LegacyBodyError {
  readonly error: string
}

/**
 * Reads the body of one frame at a time (see above). What it learnt about a frame whose bytes have not all arrived
 * is kept, so a slow sender costs one pass over its bytes; `reset` before the next frame.
 */
export class LegacyBodyReader {
  /** The frame is read in UTF-16 units (decided once its first N bytes are in). */
  #units = false
  /** Progress of the UTF-16 reading: bytes walked from the body's start, and the units they hold. */
  #walked = 0
  #counted = 0

  reset(): void {
    this.#units = false
    this.#walked = 0
    this.#counted = 0
  }

  /**
   * The body of `length` (the prefix) starting at `buf[start]`: undefined while more bytes are needed. An error
   * means the frame cannot be read (invalid UTF-8, a length ending inside a character).
   */
  read(buf: Buffer, start: number, length: number): LegacyBody | LegacyBodyError | undefined {
    if (!this.#units) {
      if (buf.length - start < length) return undefined
      const body = buf.subarray(start, start + length)
      let json: string | undefined
      try {
        json = utf8.decode(body)
      } catch {
        json = undefined
      }
      // valid UTF-8 with as many units as bytes is ASCII: both readings are these bytes
      if (json !== undefined && json.length === length) return { json, bytes: length }
      if (readsBytes(buf, start, length)) return json === undefined ? { error: INVALID_UTF8 } : { json, bytes: length }
      this.#units = true
    }
    return this.#readUnits(buf, start, length)
  }

  #readUnits(buf: Buffer, start: number, length: number): LegacyBody | LegacyBodyError | undefined {
    let at = start + this.#walked
    let units = this.#counted
    while (units < length) {
      if (at >= buf.length) break
      const lead = buf[at]!
      // a character's bytes and UTF-16 units, by its lead byte (the decoder below checks the bytes that follow)
      const size =
        lead < 0x80
          ? 1
          : lead >= 0xc2 && lead <= 0xdf
            ? 2
            : lead >= 0xe0 && lead <= 0xef
              ? 3
              : lead >= 0xf0 && lead <= 0xf4
                ? 4
                : 0
      if (size === 0) return { error: INVALID_UTF8 }
      const n = size === 4 ? 2 : 1
      if (units + n > length) return { error: "the length prefix ends between the two UTF-16 units of one character" }
      if (at + size > buf.length) break
      at += size
      units += n
    }
    this.#walked = at - start
    this.#counted = units
    if (units < length) return undefined
    try {
      return { json: utf8.decode(buf.subarray(start, at)), bytes: at - start }
    } catch {
      return { error: INVALID_UTF8 }
    }
  }
}

const INVALID_UTF8 = "the message is not valid UTF-8"

/** A reply as read: its text, its bytes (a view of what arrived) and whether its prefix was wider than 4 digits. */
export interface LegacyReply {
  readonly json: string
  readonly raw: Buffer
  readonly wide: boolean
}

const DIGIT_0 = 0x30
const DIGIT_9 = 0x39
const EMPTY = Buffer.alloc(0)

/**
 * A client's side: replies off a byte stream, each a run of digits (4, or more past 9999: oxd-ts widens the prefix,
 * the reference never writes one) then the JSON, its length in either unit.
 */
export class LegacyReplyReader {
  #buffer: Buffer = EMPTY
  readonly #body = new LegacyBodyReader()

  /** `maxLength`: a longer reply is refused (it would be held whole in memory). */
  constructor(readonly maxLength = 16 * 1024 * 1024) {}

  /** The whole replies in what arrived so far; throws on bytes that are not a reply (the stream is then unusable). */
  push(chunk: Buffer): LegacyReply[] {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk])
    const out: LegacyReply[] = []
    const buf = this.#buffer
    let at = 0
    for (;;) {
      let digits = 0
      while (at + digits < buf.length && buf[at + digits]! >= DIGIT_0 && buf[at + digits]! <= DIGIT_9) digits++
      if (at + digits === buf.length) {
        if (digits > 9) throw new Error("the reply's length prefix is not a number")
        break
      }
      if (digits < 4) throw new Error("the reply does not start with a length prefix")
      const length = Number(buf.subarray(at, at + digits).toString("latin1"))
      if (length > this.maxLength) throw new Error(`the reply is ${length} long, over ${this.maxLength}`)
      const body = this.#body.read(buf, at + digits, length)
      if (body === undefined) break
      if ("error" in body) throw new Error(`the reply is broken: ${body.error}`)
      this.#body.reset()
      out.push({ json: body.json, raw: buf.subarray(at + digits, at + digits + body.bytes), wide: digits > 4 })
      at += digits + body.bytes
    }
    if (at > 0) this.#buffer = at === buf.length ? EMPTY : buf.subarray(at)
    return out
  }
}

/** Whether a body whose first `length` bytes hold non-ASCII is read as `length` bytes (see the rules above). */
const readsBytes = (buf: Buffer, start: number, length: number): boolean => {
  const stop = start + length
  let at = start
  // a byte-order mark (which the decoder drops) before the value
  if (at + 3 <= stop && buf[at] === 0xef && buf[at + 1] === 0xbb && buf[at + 2] === 0xbf) at += 3
  while (at < stop && isSpace(buf[at])) at++
  const first = buf[at]
  // non-ASCII can only be inside a string: a text not starting with one, or with an object or array, is no JSON
  if (at >= stop || (first !== OPEN_BRACE && first !== OPEN_BRACKET && first !== QUOTE)) return true
  const end = valueEnd(buf, at, stop)
  if (end < 0) return false
  for (let i = end; i < stop; i++) if (!isSpace(buf[i])) return true
  return !(stop < buf.length && isSpace(buf[stop]))
}

/** Where the JSON value starting at `buf[at]` (`{`, `[` or `"`) ends, exclusive, if it does before `stop`; else -1. */
const valueEnd = (buf: Buffer, at: number, stop: number): number => {
  let depth = 0
  let inString = false
  for (let i = at; i < stop; i++) {
    const c = buf[i]!
    if (inString) {
      if (c === BACKSLASH) i++
      else if (c === QUOTE) {
        inString = false
        if (depth === 0) return i + 1
      }
    } else if (c === QUOTE) inString = true
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++
    // a mismatched closer is no JSON in either reading; depth is all that decides where the value ends
    else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && --depth === 0) return i + 1
  }
  return -1
}
