/**
 * `value` with `[Symbol.asyncDispose]` calling `close`, for `await using` (the resource closes when the test's block
 * ends, whether it passed or threw). Disposing twice closes once.
 */
export const disposable = <T extends object>(value: T, close: (value: T) => Promise<unknown>): T & AsyncDisposable => {
  let closing: Promise<unknown> | undefined
  return Object.assign(value, {
    [Symbol.asyncDispose]: async () => {
      closing ??= close(value)
      await closing
    },
  })
}
