import { randomBytes } from "node:crypto"

/** The part of a `ws` WebSocket the connection guards use (a fake one in unit tests). */
export interface GuardedSocket {
  readonly bufferedAmount: number
  readonly readyState: number
  send(...args: never[]): void
  close(code?: number, reason?: string): void
  terminate(): void
  pause(): void
  resume(): void
}

/** Close codes: 1008 policy violation, 1013 try again later (RFC 6455 §7.4.1, IANA registry). */
export const CLOSE_SLOW_CONSUMER = 1013
export const CLOSE_POLICY = 1008

export interface ConnectionLimits {
  /** Bytes queued on the socket (not yet taken by the peer) past which the peer is a slow consumer. */
  readonly maxBufferedBytes: number
  /** Calls running at once; past this the socket is not read until one finishes. */
  readonly maxInFlight: number
  /** Event subscriptions open at once on one connection. */
  readonly maxSubscriptions: number
}

/** One WebSocket connection as the procedures see it: its token, its limits, how to drop it. */
export interface WsConnection {
  readonly id: string
  readonly remoteAddress: string | undefined
  /** The protection_access_token of the connection params (given once at connect). */
  token: string | undefined
  readonly limits: ConnectionLimits
  /** A call starts / ends (bounded concurrency: the socket is paused while maxInFlight calls run). */
  begin(): void
  end(): void
  /** A subscription opens (false when the connection has maxSubscriptions already) / closes. */
  openSubscription(): boolean
  closeSubscription(): void
  /** Disconnects the peer (slow consumer, overflowing buffers): close frame, then cut off. */
  drop(code: number, reason: string): void
  /** Shutdown: reads nothing more and resolves when the calls in flight are done (or after `deadlineMs`). */
  drain(deadlineMs: number): Promise<void>
  readonly dropped: boolean
}

/**
 * Wraps the socket's `send` so nothing is queued past `maxBufferedBytes`: a peer that does not read what it is sent
 * (replies, events) is disconnected instead of growing the server's memory. Returns the connection's state.
 */
export const guardConnection = (
  socket: GuardedSocket,
  opts: {
    readonly remoteAddress?: string | undefined
    readonly limits: ConnectionLimits
    readonly onDrop?: (reason: string, buffered: number) => void
    /** Called before each message is sent (the server gathers a turn's writes on the underlying socket). */
    readonly beforeSend?: () => void
  },
): WsConnection => {
  const { limits } = opts
  let inFlight = 0
  let paused = false
  let subscriptions = 0
  let dropped = false
  let draining = false
  const idle: Array<() => void> = []

  const drop = (code: number, reason: string) => {
    if (dropped) return
    dropped = true
    opts.onDrop?.(reason, socket.bufferedAmount)
    try {
      socket.close(code, reason)
    } catch {
      // already closing
    }
    // a peer that does not read will not read the close frame either
    setTimeout(() => socket.terminate(), 1000).unref()
  }

  const send = socket.send.bind(socket) as (...args: unknown[]) => void
  ;(socket as unknown as { send: (...args: unknown[]) => void }).send = (...args: unknown[]) => {
    if (dropped) return
    if (socket.bufferedAmount > limits.maxBufferedBytes) {
      return drop(CLOSE_SLOW_CONSUMER, "slow consumer: messages were not read")
    }
    opts.beforeSend?.()
    send(...args)
  }

  return {
    id: randomBytes(6).toString("hex"),
    remoteAddress: opts.remoteAddress,
    token: undefined,
    limits,
    begin: () => {
      inFlight++
      if (inFlight >= limits.maxInFlight && !paused) {
        paused = true
        socket.pause()
      }
    },
    end: () => {
      inFlight--
      if (inFlight === 0) for (const done of idle.splice(0)) done()
      if (paused && !draining && inFlight < limits.maxInFlight) {
        paused = false
        socket.resume()
      }
    },
    openSubscription: () => {
      if (subscriptions >= limits.maxSubscriptions) return false
      subscriptions++
      return true
    },
    closeSubscription: () => {
      subscriptions = Math.max(0, subscriptions - 1)
    },
    drop,
    drain: (deadlineMs) => {
      draining = true
      socket.pause()
      if (inFlight === 0) return Promise.resolve()
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadlineMs)
        timer.unref()
        // the reply of the last call is sent just after its procedure returns: let that happen first
        idle.push(() => {
          clearTimeout(timer)
          setImmediate(resolve)
        })
      })
    },
    get dropped() {
      return dropped
    },
  }
}
