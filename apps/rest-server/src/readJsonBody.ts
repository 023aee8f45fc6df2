import type { IncomingMessage } from "node:http"

/** A command's params from the request body, or why the request is refused (status and what to fix). */
export type BodyResult =
  | { readonly ok: true; readonly params: Record<string, unknown> }
  | {
      readonly ok: false
      readonly status: 400 | 413 | 415
      readonly description: string
      /** The body was not read to its end: the connection must close after the reply. */
      readonly unread: boolean
    }

const refuse = (status: 400 | 413 | 415, description: string, unread = false): BodyResult => ({
  ok: false,
  status,
  description,
  unread,
})

const JSON_TYPE = { ok: true } as const
const isJsonType = (contentType: string | undefined): { ok: boolean; charset?: string } => {
  // what every client sends: no parameters to look through
  if (contentType === "application/json") return JSON_TYPE
  const [type = "", ...params] = (contentType ?? "").split(";").map((s) => s.trim().toLowerCase())
  const ok = type === "application/json" || (type.startsWith("application/") && type.endsWith("+json"))
  const charset = params
    .find((p) => p.startsWith("charset="))
    ?.slice("charset=".length)
    .replace(/^"|"$/g, "")
  return charset === undefined ? { ok } : { ok, charset }
}

/** Whether the request carries a body at all (RFC 9112 §6.3: Content-Length or Transfer-Encoding). */
const hasBody = (req: IncomingMessage) =>
  req.headers["transfer-encoding"] !== undefined ||
  (req.headers["content-length"] !== undefined && req.headers["content-length"] !== "0")

/** Strict (invalid bytes are an error, not U+FFFD); used whole each time (no `stream`), so one serves every request. */
const utf8 = new TextDecoder("utf-8", { fatal: true })

const tooLarge = (max: number) =>
  refuse(
    413,
    `The request body is larger than ${max} bytes (rest_max_body_bytes). Send only the command's params.`,
    true,
  )

/**
 * The reference's 400 for a body it cannot read as the command's params: "Invalid parameters. Message: …"
 * (RestResource.java:192-199, Jackson's message there; our own text here, which never quotes the body).
 */
const invalid = (message: string, unread = false) => refuse(400, `Invalid parameters. Message: ${message}`, unread)

/** No body, or only blanks: the reference's Jackson has "no content to map" (400, H7). */
const empty = () => invalid("the body is empty; send the command's params as one JSON object ({} for none).")

/**
 * Reads a command's JSON params, never more than `maxBytes`: a declared Content-Length above it is refused
 * before reading, a body that grows past it is refused as soon as it does. An empty body is refused (400), as the
 * reference does. `done` is called once, at once when nothing is to be read, else from the request's events: no
 * promise per request.
 */
export const readJsonBody = (req: IncomingMessage, maxBytes: number, done: (r: BodyResult) => void): void => {
  const declared = req.headers["content-length"]
  if (declared !== undefined && Number(declared) > maxBytes) return done(tooLarge(maxBytes))
  const type = isJsonType(req.headers["content-type"])
  // no body and no Content-Type: nothing to refuse the type of, only the emptiness
  if (!hasBody(req) && req.headers["content-type"] === undefined) return done(empty())
  if (!type.ok) {
    return done(
      refuse(
        415,
        `Send the command's params as JSON with "Content-Type: application/json" (got ${req.headers["content-type"] ? `"${req.headers["content-type"].slice(0, 100)}"` : "no Content-Type"}).`,
        true,
      ),
    )
  }
  if (type.charset !== undefined && type.charset !== "utf-8" && type.charset !== "utf8") {
    return done(refuse(415, `The JSON body must be UTF-8 (got charset=${type.charset.slice(0, 40)}).`, true))
  }
  if (!hasBody(req)) return done(empty())
  const chunks: Buffer[] = []
  let size = 0
  let settled = false
  const settle = (r: BodyResult) => {
    if (settled) return
    settled = true
    req.off("data", onData)
    req.off("end", onEnd)
    done(r)
  }
  const onData = (chunk: Buffer) => {
    size += chunk.length
    if (size > maxBytes) {
      // stop collecting: what was read is dropped, the rest flows to nowhere until the connection closes
      chunks.length = 0
      settle(tooLarge(maxBytes))
      req.resume()
      return
    }
    chunks.push(chunk)
  }
  const onEnd = () => {
    let text: string
    try {
      text = utf8.decode(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks))
    } catch {
      return settle(invalid("the body is not valid UTF-8."))
    }
    if (text.trim() === "") return settle(empty())
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      return settle(invalid("the body is not valid JSON; send the command's params as one JSON object."))
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      return settle(
        invalid(
          `the body must be a JSON object of the command's params, not ${value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`}.`,
        ),
      )
    }
    settle({ ok: true, params: value as Record<string, unknown> })
  }
  req.on("data", onData)
  req.on("end", onEnd)
  req.once("error", () => settle(refuse(400, "The request body could not be read.", true)))
  // a client gone before the end of its body: nobody to answer, but `done` is still called
  req.once("close", () => settle(refuse(400, "The request ended before its body did.", true)))
}
