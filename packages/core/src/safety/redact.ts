import { Cause } from "effect"

const JWT = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/g
/** Long runs of token alphabet: opaque access/refresh tokens, client secrets, PKCE verifiers, base64 keys. */
const OPAQUE = /[A-Za-z0-9_~+-]{24,}={0,2}/g
/** A value after a name that says it is secret (client_secret=…, "access_token": "…", Bearer …). */
const KEYED =
  /((?:secret|token|password|passwd|assertion|verifier|authorization|api[_-]?key)[A-Za-z_-]*["']?\s*[:=]\s*["']?(?:(?:Bearer|Basic)\s+)?|\b(?:Bearer|Basic)\s+)([^\s"'&,;}]+)/gi
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * A text fit for a log line: JWTs and anything shaped like an opaque token or secret masked (UUIDs such as
 * oxd_ids and request ids stay, as do paths and words). Applied to texts oxd did not write itself.
 */
export const redactSecrets = (text: string): string =>
  text
    .replace(JWT, "[jwt]")
    .replace(KEYED, (_, name: string) => `${name}[redacted]`)
    .replace(OPAQUE, (m) => (UUID.test(m) ? m : "[redacted]"))

const MAX_DETAIL = 300
const MAX_FRAMES = 6

/**
 * What the log says about a defect: the error's class or tag, its message redacted and clipped, and the top stack
 * frames. Never Cause.pretty: a defect's text and its causes can carry params, tokens or secrets.
 */
export const describeDefect = (cause: Cause.Cause<unknown>): Record<string, string> => {
  const e = Cause.squash(cause)
  if (!(e instanceof Error))
    return { error: e === null ? "null" : typeof e, detail: "(a value that is not an Error was thrown)" }
  const tag = (e as { _tag?: unknown })._tag
  const frames = (e.stack ?? "")
    .split("\n")
    .filter((l) => /^\s+at /.test(l))
    .slice(0, MAX_FRAMES)
    .map((l) => l.trim())
  return {
    error: typeof tag === "string" ? tag : e.name,
    detail: redactSecrets(e.message).slice(0, MAX_DETAIL),
    ...(frames.length > 0 ? { at: redactSecrets(frames.join(" | ")) } : {}),
  }
}
