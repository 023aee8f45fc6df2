/**
 * What went wrong, in words: the innermost cause of an error chain with its code. fetch rejects with "fetch failed"
 * and the TLS or socket error two causes down ("self-signed certificate in certificate chain",
 * SELF_SIGNED_CERT_IN_CHAIN); a ws error event carries the Error as `error`.
 */
export const describeCause = (error: unknown): string => {
  let inner: unknown = error
  for (let depth = 0; depth < 8; depth++) {
    const next = typeof inner === "object" && inner !== null ? (inner as { cause?: unknown }).cause : undefined
    if (next === undefined || next === null) break
    inner = next
  }
  if (typeof inner !== "object" || inner === null) return String(inner)
  const { message, code } = inner as { message?: unknown; code?: unknown }
  const text =
    typeof message === "string" && message.length > 0 ? message : String((inner as { type?: unknown }).type ?? inner)
  return typeof code === "string" && !text.includes(code) ? `${text} (${code})` : text
}
