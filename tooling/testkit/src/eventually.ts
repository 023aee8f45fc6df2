export interface EventuallyOptions {
  /** Give up after this long (default 10 s): a liveness bound, not a timing assertion. */
  readonly timeoutMs?: number
  /** Pause between attempts (default 20 ms). */
  readonly intervalMs?: number
  /** Said when giving up (with the last attempt's error, if it threw). */
  readonly message?: string
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * Polls `check` until it holds: returns a value other than `false`, `undefined` or `null`, and does not throw (so an
 * `expect(...)` inside works). Resolves to that value; rejects once `timeoutMs` has passed, with the last error.
 */
export const eventually = async <A>(
  check: () => A | Promise<A>,
  opts: EventuallyOptions = {},
): Promise<Exclude<A, false | undefined | null>> => {
  const { timeoutMs = 10_000, intervalMs = 20 } = opts
  const end = Date.now() + timeoutMs
  for (;;) {
    let last: unknown
    try {
      const value = await check()
      if (value !== false && value !== undefined && value !== null) return value as Exclude<A, false | undefined | null>
    } catch (e) {
      last = e
    }
    if (Date.now() >= end) {
      const why = opts.message ?? `still not so after ${timeoutMs} ms`
      throw new Error(
        last instanceof Error ? `${why}: ${last.message}` : why,
        last instanceof Error ? { cause: last } : undefined,
      )
    }
    await pause(intervalMs)
  }
}
