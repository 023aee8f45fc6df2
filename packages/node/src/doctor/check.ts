/** One finding of `oxd-server doctor`: what was checked, how it went, and what to do when it did not go well. */
export interface CheckResult {
  /** e.g. store.open, op.discovery, rest.certificate, port.rest */
  readonly id: string
  /** what it is about, when there are several (an OP's origin, a port) */
  readonly target?: string
  /** fail: the server will not work as configured (exit 1); warn: it will, with a risk worth knowing; skip: not applicable */
  readonly status: "ok" | "warn" | "fail" | "skip"
  readonly message: string
  /** What to do (fail and warn). */
  readonly fix?: string
}

export const ok = (id: string, message: string, target?: string): CheckResult => ({
  id,
  status: "ok",
  message,
  ...(target !== undefined ? { target } : {}),
})
export const skip = (id: string, message: string, target?: string): CheckResult => ({
  id,
  status: "skip",
  message,
  ...(target !== undefined ? { target } : {}),
})
export const bad = (
  status: "warn" | "fail",
  id: string,
  message: string,
  fix: string,
  target?: string,
): CheckResult => ({ id, status, message, fix, ...(target !== undefined ? { target } : {}) })
