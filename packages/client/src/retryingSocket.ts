import { describeCause } from "./describeCause.js"

/** What the ws transport needs of a WebSocket class: a browser's, or `WebSocket` from the `ws` package on Node. */
export interface WebSocketLike {
  readonly readyState: number
  send(data: string): void
  close(code?: number, reason?: string): void
  addEventListener(
    type: "open" | "message" | "error" | "close",
    listener: (event: { readonly type: string }) => void,
  ): void
}
export type WebSocketClass = new (url: string, protocols?: string | string[]) => WebSocketLike

type Listener = (this: unknown, event: unknown) => void
const [CONNECTING, OPEN, CLOSING, CLOSED] = [0, 1, 2, 3] as const
/** A connection that closes sooner than this after opening counts as a failure for the backoff. */
const HELD_MS = 1000

/** tRPC's backoff, starting lower: 0.5 s, 1 s, 2 s … 30 s between failed attempts. */
export const defaultRetryDelayMs = (attempt: number): number => Math.min(500 * 2 ** attempt, 30_000)

/**
 * The connection state of one ws client, shared by its sockets: whether one is open, why the last attempt failed,
 * who waits for one to open; and every socket still trying, so that close() stops them all at once.
 */
export class Connection {
  open = 0
  lastError: string | undefined
  failures = 0
  readonly trying = new Set<{ abandon(): void }>()
  readonly #waiters = new Set<() => void>()

  opened(): void {
    this.open++
    this.lastError = undefined
    for (const w of this.#waiters) w()
    this.#waiters.clear()
  }

  /** A signal that aborts when no socket has opened within `ms` (none if one is open now). */
  watch(ms: number): { readonly signal: AbortSignal | undefined; readonly expired: () => boolean; clear(): void } {
    if (this.open > 0) return { signal: undefined, expired: () => false, clear: () => undefined }
    const controller = new AbortController()
    let expired = false
    const timer = setTimeout(() => {
      expired = true
      controller.abort(new Error(`no connection within ${ms} ms`))
    }, ms)
    const waiter = () => clearTimeout(timer)
    this.#waiters.add(waiter)
    return {
      signal: controller.signal,
      expired: () => expired,
      clear: () => {
        clearTimeout(timer)
        this.#waiters.delete(waiter)
      },
    }
  }

  /** Stops every socket that has not opened yet (their retry timers included). */
  abandonAll(): void {
    for (const s of [...this.trying]) s.abandon()
  }
}

/**
 * A WebSocket class for tRPC's ws client that keeps trying to connect, with backoff, until it opens or is closed,
 * so tRPC sees a socket that is connecting rather than one that failed. tRPC then never sleeps between its own
 * reconnect attempts (its sleep timer cannot be cancelled and kept a closed client's process alive for up to 30 s),
 * and every timer here is cleared by close().
 */
export const retryingSocketClass = (
  Inner: WebSocketClass,
  connection: Connection,
  retryDelayMs: (attempt: number) => number,
) =>
  class RetryingSocket {
    static readonly CONNECTING = CONNECTING
    static readonly OPEN = OPEN
    static readonly CLOSING = CLOSING
    static readonly CLOSED = CLOSED
    readyState: number = CONNECTING
    readonly #listeners = new Map<string, Set<Listener>>()
    #inner: WebSocketLike | undefined
    #timer: ReturnType<typeof setTimeout> | undefined
    #binaryType: string | undefined

    constructor(readonly url: string) {
      connection.trying.add(this)
      const failures = connection.failures
      if (failures === 0) this.#connect()
      else this.#timer = setTimeout(() => this.#connect(), retryDelayMs(failures - 1))
    }

    get binaryType(): string | undefined {
      return this.#binaryType
    }
    set binaryType(value: string | undefined) {
      this.#binaryType = value
      if (this.#inner && value !== undefined) (this.#inner as { binaryType?: string }).binaryType = value
    }

    addEventListener(type: string, listener: Listener): void {
      let set = this.#listeners.get(type)
      if (!set) this.#listeners.set(type, (set = new Set()))
      set.add(listener)
    }

    removeEventListener(type: string, listener: Listener): void {
      this.#listeners.get(type)?.delete(listener)
    }

    send(data: string): void {
      if (!this.#inner || this.readyState !== OPEN) throw new Error("WebSocket is not open")
      this.#inner.send(data)
    }

    close(code?: number, reason?: string): void {
      if (this.readyState === CLOSED || this.readyState === CLOSING) return
      if (this.readyState === CONNECTING) return this.abandon()
      this.readyState = CLOSING
      this.#inner?.close(code, reason)
    }

    /** Gives up connecting: tRPC sees the attempt fail (error, then close) and, closed itself, tries no more. */
    abandon(): void {
      if (this.readyState !== CONNECTING) return
      connection.trying.delete(this)
      clearTimeout(this.#timer)
      this.readyState = CLOSED
      const inner = this.#inner
      this.#inner = undefined
      try {
        inner?.close()
      } catch {
        // a socket that cannot close while connecting (some browsers): it is dropped all the same
      }
      this.#emit("error", { type: "error", message: "closed before the connection opened" })
      this.#emit("close", { type: "close", code: 1006, reason: "closed before the connection opened", wasClean: false })
    }

    #connect(): void {
      this.#timer = undefined
      let inner: WebSocketLike
      try {
        inner = new Inner(this.url)
      } catch (e) {
        // an invalid URL: no attempt will ever succeed
        connection.lastError = describeCause(e)
        this.#retry()
        return
      }
      this.#inner = inner
      if (this.#binaryType !== undefined) (inner as { binaryType?: string }).binaryType = this.#binaryType
      let openedAt: number | undefined
      const on = (type: "open" | "message" | "error" | "close", f: (event: unknown) => void) =>
        inner.addEventListener(type, f)
      on("open", (event) => {
        if (this.#inner !== inner) return
        openedAt = Date.now()
        connection.trying.delete(this)
        this.readyState = OPEN
        connection.opened()
        this.#emit("open", event)
      })
      on("message", (event) => {
        if (this.#inner === inner) this.#emit("message", event)
      })
      on("error", (event) => {
        if (this.#inner !== inner) return
        // ws (Node) gives the Error (a refused connection, a TLS failure); a browser tells nothing
        const { error, message } = event as { error?: unknown; message?: unknown }
        if (openedAt === undefined)
          connection.lastError =
            error !== undefined ? describeCause(error) : typeof message === "string" && message ? message : undefined
        else this.#emit("error", event)
      })
      on("close", (event) => {
        if (this.#inner !== inner) return
        if (openedAt === undefined) return this.#retry()
        connection.open--
        connection.failures = Date.now() - openedAt < HELD_MS ? connection.failures + 1 : 0
        this.readyState = CLOSED
        this.#emit("close", event)
      })
    }

    #retry(): void {
      this.#inner = undefined
      if (this.readyState !== CONNECTING) return
      this.#timer = setTimeout(() => this.#connect(), retryDelayMs(connection.failures++))
    }

    #emit(type: string, event: unknown): void {
      for (const listener of [...(this.#listeners.get(type) ?? [])]) listener.call(this, event)
    }
  }
