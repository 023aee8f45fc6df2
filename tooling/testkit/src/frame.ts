/**
 * Frames of the legacy TCP protocol as clients write them, for tests that talk to the server byte by byte or play a
 * client the server must read. The production codec is `@oxd/wire/frame`; these are the two ways a client may count
 * the 4-digit length, written naively on purpose so a test does not check the codec against itself.
 */

/** A 4-digit decimal length prefix (zero-padded; wider past 9999), as bytes. */
export const lengthPrefix = (n: number): Buffer => Buffer.from(String(n).padStart(4, "0"), "latin1")

/** A frame as oxd-java and oxd-node write it: the prefix counts UTF-16 units (String.length), the text is raw UTF-8. */
export const unitFrame = (json: string): Buffer => Buffer.concat([lengthPrefix(json.length), Buffer.from(json, "utf8")])

/** A frame as a client whose strings are bytes writes it: the prefix counts the body's bytes. */
export const byteFrame = (body: string | Buffer): Buffer => {
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body
  return Buffer.concat([lengthPrefix(bytes.length), bytes])
}

/**
 * Splits what a peer sent so far into whole byte-counted frames (the server's replies, or requests a test double reads):
 * their bodies, and the bytes of a frame not complete yet, to keep for the next chunk.
 */
export const takeFrames = (buffer: Buffer): { frames: Buffer[]; rest: Buffer } => {
  const frames: Buffer[] = []
  let rest = buffer
  while (rest.length >= 4) {
    const len = Number(rest.subarray(0, 4).toString("latin1"))
    if (rest.length < 4 + len) break
    frames.push(rest.subarray(4, 4 + len))
    rest = rest.subarray(4 + len)
  }
  return { frames, rest }
}
