/** Cookie header reading and Set-Cookie writing: only what the session needs. */

export const readCookie = (header: string | null | undefined, name: string): string | undefined => {
  if (!header) return undefined
  for (const part of header.split(";")) {
    const eq = part.indexOf("=")
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue
    const value = part.slice(eq + 1).trim()
    try {
      return decodeURIComponent(value)
    } catch {
      return undefined
    }
  }
  return undefined
}

export interface CookieOptions {
  /** Default true. Chromium keeps Secure cookies of http://localhost and 127.0.0.1 (the examples' tests rely on it). */
  readonly secure?: boolean
  /** Default "/". */
  readonly path?: string
  readonly domain?: string
  /** Default "Lax": the OP's redirect back to the callback is a top-level GET, which Lax lets carry the cookie. */
  readonly sameSite?: "Lax" | "Strict" | "None"
}

/** A Set-Cookie value; HttpOnly always (no script reads a session). maxAge 0 deletes it. */
export const setCookie = (name: string, value: string, options: CookieOptions & { maxAge?: number }): string =>
  [
    `${name}=${encodeURIComponent(value)}`,
    `Path=${options.path ?? "/"}`,
    ...(options.domain ? [`Domain=${options.domain}`] : []),
    ...(options.maxAge !== undefined ? [`Max-Age=${Math.max(0, Math.floor(options.maxAge))}`] : []),
    "HttpOnly",
    ...(options.secure === false ? [] : ["Secure"]),
    `SameSite=${options.sameSite ?? "Lax"}`,
  ].join("; ")
