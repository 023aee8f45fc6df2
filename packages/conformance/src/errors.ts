/** A thrown value as one line: name, message and the causes a library wraps (undici's "fetch failed", ws errors). */
export const describeError = (e: unknown): string => {
  if (!(e instanceof Error)) return String(e)
  const parts = [`${e.name}: ${e.message}`]
  let cause: unknown = e.cause
  for (let depth = 0; cause instanceof Error && depth < 3; depth++) {
    const code = (cause as { code?: unknown }).code
    parts.push(`${typeof code === "string" && !cause.message.includes(code) ? `${code} ` : ""}${cause.message}`)
    cause = cause.cause
  }
  return parts.join(": ")
}

/** Why something could not be reached, without the generic error class names ("connect ECONNREFUSED …"). */
export const reasonOf = (e: unknown): string => describeError(e).replace(/^(Type)?Error: /, "")

/** A command line the CLI cannot run (exit code 2). */
export class UsageError extends Error {
  override readonly name = "UsageError"
}
