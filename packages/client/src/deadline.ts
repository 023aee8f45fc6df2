/** A signal that aborts when `signal` does or after `ms`; `clear()` releases the timer. */
export const deadline = (
  ms: number,
  signal?: AbortSignal,
): { readonly signal: AbortSignal; readonly timedOut: () => boolean; clear(): void } => {
  const controller = new AbortController()
  let expired = false
  const timer = setTimeout(() => {
    expired = true
    controller.abort(new Error(`no reply within ${ms} ms`))
  }, ms)
  const onAbort = () => controller.abort(signal?.reason)
  if (signal?.aborted) onAbort()
  else signal?.addEventListener("abort", onAbort, { once: true })
  return {
    signal: controller.signal,
    timedOut: () => expired,
    clear: () => {
      clearTimeout(timer)
      signal?.removeEventListener("abort", onAbort)
    },
  }
}
