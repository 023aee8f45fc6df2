/**
 * The oxd error code and description of a client's failure, or undefined when it is not an oxd error (no reply,
 * a bug). Read by shape, not instanceof: the app's @oxd/client may be another copy than the one this package sees.
 */
export const oxdErrorOf = (e: unknown): { readonly error: string; readonly description: string } | undefined => {
  if (!(e instanceof Error) || e.name !== "OxdError") return undefined
  const { error, error_description } = e as Error & { error?: unknown; error_description?: unknown }
  return typeof error === "string" && typeof error_description === "string"
    ? { error, description: error_description }
    : undefined
}
