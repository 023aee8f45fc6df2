import type { IncomingMessage } from "node:http"

/** An application/x-www-form-urlencoded body, or why it cannot be read (the OP's logout POST). */
export type FormResult =
  | { readonly ok: true; readonly form: URLSearchParams }
  | { readonly ok: false; readonly description: string; readonly unread: boolean }

/**
 * Reads a form body of at most `maxBytes` (Back-Channel Logout 1.0 §2.5: the logout token is POSTed form-encoded).
 * Anything else is refused with what to send; a body larger than the limit is not read further.
 */
export const readFormBody = (req: IncomingMessage, maxBytes: number): Promise<FormResult> =>
  new Promise((resolve) => {
    const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase()
    if (type !== "application/x-www-form-urlencoded")
      return resolve({
        ok: false,
        description: "send logout_token as application/x-www-form-urlencoded",
        unread: true,
      })
    const declared = req.headers["content-length"]
    if (declared !== undefined && Number(declared) > maxBytes)
      return resolve({ ok: false, description: "the body is too large", unread: true })
    const chunks: Buffer[] = []
    let size = 0
    let done = false
    const finish = (r: FormResult) => {
      if (done) return
      done = true
      resolve(r)
    }
    req.on("data", (c: Buffer) => {
      size += c.length
      if (size > maxBytes) {
        finish({ ok: false, description: "the body is too large", unread: true })
        req.pause()
        return
      }
      if (!done) chunks.push(c)
    })
    req.on("end", () => finish({ ok: true, form: new URLSearchParams(Buffer.concat(chunks).toString("utf8")) }))
    req.on("error", () => finish({ ok: false, description: "the body could not be read", unread: true }))
  })
