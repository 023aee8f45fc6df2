/**
 * How oxd treats an OP that is down, slow or failing: every call bounded by one deadline, idempotent reads retried
 * (once by default, with jitter, only while the deadline allows), and a circuit breaker per OP origin that stops
 * calling a provider after consecutive failures and lets one probe through after a cooldown.
 */
import { refusalIn } from "./opHosts/OpHostPolicy.js"

/** RequestInit plus whether the call is an idempotent read that may be sent again (discovery, JWKS, introspection…). */
export type OpRequestInit = RequestInit & { readonly idempotent?: boolean | undefined }
export type Transport = (url: string, init: RequestInit) => Promise<Response>

/** Thrown instead of calling an OP whose circuit is open; reported as OpUnreachable (internal_error, HTTP 502). */
export class CircuitOpenError extends Error {
  override readonly name = "CircuitOpenError"
  readonly code = "OXD_CIRCUIT_OPEN"
  constructor(
    readonly origin: string,
    readonly retryInMs: number,
    failures: number,
  ) {
    super(
      `circuit open for ${origin} after ${failures} consecutive failures, retrying in ${Math.max(1, Math.ceil(retryInMs / 1000))}s`,
    )
  }
}

type Circuit =
  | { readonly state: "closed"; readonly failures: number }
  | { readonly state: "open"; readonly until: number; readonly failures: number }
  | { readonly state: "half-open"; readonly failures: number }

const MAX_CIRCUITS = 1024

/** One circuit per key (an OP origin). `failures` 0 disables it. */
export class CircuitBreaker {
  readonly #circuits = new Map<string, Circuit>()
  /** `now`: the Clock's time in ms (OpFetch passes the one its layer was built on). */
  constructor(
    private readonly opts: { readonly failures: number; readonly cooldownMs: number; readonly now: () => number },
  ) {}

  #now() {
    return this.opts.now()
  }

  /** Whether a call may go out now; throws CircuitOpenError when not. Past the cooldown one probe goes out. */
  admit(key: string): void {
    if (this.opts.failures <= 0) return
    const c = this.#circuits.get(key)
    if (!c || c.state === "closed") return
    if (c.state === "half-open") throw new CircuitOpenError(key, 1000, c.failures) // the probe is still out
    const left = c.until - this.#now()
    if (left > 0) throw new CircuitOpenError(key, left, c.failures)
    this.#circuits.set(key, { state: "half-open", failures: c.failures })
  }

  success(key: string): void {
    this.#circuits.delete(key)
  }

  failure(key: string): void {
    if (this.opts.failures <= 0) return
    const c = this.#circuits.get(key)
    const failures = (c?.failures ?? 0) + 1
    const open = c?.state === "half-open" || failures >= this.opts.failures
    this.#circuits.delete(key) // re-inserted last: the map stays in least-recently-failed order
    this.#circuits.set(
      key,
      open ? { state: "open", until: this.#now() + this.opts.cooldownMs, failures } : { state: "closed", failures },
    )
    if (this.#circuits.size > MAX_CIRCUITS) this.#circuits.delete(this.#circuits.keys().next().value!)
  }

  state(key: string): Circuit["state"] {
    return this.#circuits.get(key)?.state ?? "closed"
  }
}

const RETRYABLE_STATUS = new Set([500, 502, 503, 504])
/** A status that says the provider is failing (for the breaker), as opposed to refusing this request. */
const isServerFailure = (status: number) => status >= 500

const isAbort = (e: unknown) => e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError")

const originOf = (url: string): string => {
  try {
    return new URL(url).origin
  } catch {
    return url
  }
}

export interface ResilienceOptions {
  readonly timeoutMs: number
  readonly retries: number
  readonly breaker: CircuitBreaker
  /** Pause before a retry; default 50–250 ms of jitter. */
  readonly retryDelayMs?: () => number
}

/**
 * A fetch for OP calls: one deadline (timeoutMs) over every attempt, the breaker consulted before each attempt and
 * told its outcome, and a retry of idempotent reads after a connection failure or a 5xx answer, never after the
 * deadline passed and never for other calls (a code exchange or a registration is sent once).
 */
export const resilientFetch =
  (transport: Transport, opts: ResilienceOptions) =>
  async (url: string, init: OpRequestInit = {}): Promise<Response> => {
    const { idempotent, ...rest } = init
    const deadline = AbortSignal.timeout(opts.timeoutMs)
    const signal = rest.signal ? AbortSignal.any([rest.signal, deadline]) : deadline
    // elapsed time against AbortSignal.timeout's real timer: measured on the same (monotonic) time, not the Clock
    const started = performance.now()
    const key = originOf(url)
    const attempts = 1 + (idempotent || isSafeMethod(rest.method) ? Math.max(0, opts.retries) : 0)
    for (let attempt = 1; ; attempt++) {
      opts.breaker.admit(key)
      let res: Response
      try {
        res = await transport(url, { ...rest, signal })
      } catch (e) {
        // a connection allowed_op_hosts refused: the server's own decision, not a failing OP (no breaker, no retry)
        if (refusalIn(e)) throw e
        // a caller that gives up says nothing about the OP, unless it gave up on a timeout (openid-client's own)
        if (!rest.signal?.aborted || (rest.signal.reason as Error | undefined)?.name === "TimeoutError")
          opts.breaker.failure(key)
        if (attempt >= attempts || isAbort(e) || !(await pause(opts, started, signal))) throw e
        continue
      }
      if (!isServerFailure(res.status)) {
        opts.breaker.success(key)
        return res
      }
      opts.breaker.failure(key)
      if (attempt >= attempts || !RETRYABLE_STATUS.has(res.status) || !timeForRetry(opts, started, signal)) return res
      await res.body?.cancel().catch(() => undefined)
      if (!(await pause(opts, started, signal)))
        throw new Error(`the OP answered HTTP ${res.status} and the time to retry ran out`)
    }
  }

const isSafeMethod = (method: string | undefined) => method === undefined || /^(GET|HEAD)$/i.test(method)

const delayOf = (opts: ResilienceOptions) => opts.retryDelayMs?.() ?? 50 + Math.random() * 200

/** A retry is worth it only while most of the deadline is left. */
const timeForRetry = (opts: ResilienceOptions, started: number, signal: AbortSignal) =>
  !signal.aborted && performance.now() - started < opts.timeoutMs * 0.6

/** Waits the jitter before a retry; false when the deadline would not leave the retry any time. */
const pause = async (opts: ResilienceOptions, started: number, signal: AbortSignal): Promise<boolean> => {
  if (!timeForRetry(opts, started, signal)) return false
  await new Promise((r) => setTimeout(r, delayOf(opts)))
  return !signal.aborted
}
