const started = Date.now()

/** A progress line with the seconds since the test file started: the run takes minutes, so say where it is. */
export const progress = (line: string): void => {
  console.log(`[consumer ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}`)
}
