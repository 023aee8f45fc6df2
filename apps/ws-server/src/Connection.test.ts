import type { AddressInfo } from "node:net"
import { afterEach, describe, expect, it, vi } from "vitest"
import { WebSocket, WebSocketServer } from "ws"
import { CLOSE_SLOW_CONSUMER, guardConnection, type GuardedSocket } from "./Connection.js"
import { oxdErrorOf, trpcCodeOf } from "./errors.js"
import { TRPCError } from "@trpc/server"

/** A socket whose buffered amount the test sets. */
const fakeSocket = () => {
  const sent: unknown[] = []
  const calls: string[] = []
  const socket = {
    bufferedAmount: 0,
    readyState: 1,
    send: (data: unknown) => {
      sent.push(data)
    },
    close: (code?: number) => {
      calls.push(`close ${code}`)
    },
    terminate: () => {
      calls.push("terminate")
    },
    pause: () => {
      calls.push("pause")
    },
    resume: () => {
      calls.push("resume")
    },
  }
  return { socket, sent, calls }
}
const limits = { maxBufferedBytes: 1000, maxInFlight: 2, maxSubscriptions: 1 }

afterEach(() => {
  vi.useRealTimers()
})

describe("guardConnection", () => {
  it("sends while the peer keeps up; past maxBufferedBytes closes 1013, drops what follows, and cuts off a peer that does not close", () => {
    vi.useFakeTimers()
    const { socket, sent, calls } = fakeSocket()
    const drops: string[] = []
    const c = guardConnection(socket as GuardedSocket, { limits, onDrop: (reason) => drops.push(reason) })
    socket.send("a")
    socket.bufferedAmount = 1000
    socket.send("b")
    expect(sent).toEqual(["a", "b"])
    expect(c.dropped).toBe(false)
    socket.bufferedAmount = 1001
    socket.send("c")
    socket.send("d")
    expect(sent).toEqual(["a", "b"])
    expect(c.dropped).toBe(true)
    expect(drops).toEqual(["slow consumer: messages were not read"])
    expect(calls).toEqual([`close ${CLOSE_SLOW_CONSUMER}`])
    vi.advanceTimersByTime(1000)
    expect(calls).toEqual([`close ${CLOSE_SLOW_CONSUMER}`, "terminate"])
  })

  it("calls beforeSend before each message it sends (the server gathers a turn's writes there), not for refused ones", () => {
    const { socket, sent } = fakeSocket()
    const order: string[] = []
    guardConnection(socket as GuardedSocket, { limits, beforeSend: () => order.push(`before ${sent.length}`) })
    socket.send("a")
    socket.send("b")
    socket.bufferedAmount = 1001
    socket.send("c")
    expect(sent).toEqual(["a", "b"])
    expect(order).toEqual(["before 0", "before 1"])
  })

  it("stops reading the socket while maxInFlight calls run, and bounds subscriptions", () => {
    const { socket, calls } = fakeSocket()
    const c = guardConnection(socket as GuardedSocket, { limits })
    c.begin()
    expect(calls).toEqual([])
    c.begin()
    expect(calls).toEqual(["pause"])
    c.end()
    expect(calls).toEqual(["pause", "resume"])
    c.end()
    expect(c.openSubscription()).toBe(true)
    expect(c.openSubscription()).toBe(false)
    c.closeSubscription()
    expect(c.openSubscription()).toBe(true)
  })

  it("disconnects a real peer that stops reading, with memory bounded by the limit", async () => {
    const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 })
    await new Promise<void>((r) => wss.once("listening", () => r()))
    const maxBufferedBytes = 256 * 1024
    const result = new Promise<{ sentBytes: number; maxBuffered: number }>((resolve) => {
      wss.on("connection", (socket) => {
        const c = guardConnection(socket, { limits: { ...limits, maxBufferedBytes } })
        const chunk = "x".repeat(64 * 1024)
        let sentBytes = 0
        let maxBuffered = 0
        const flood = () => {
          // a burst per tick, as a stream of events would come
          for (let i = 0; i < 16 && !c.dropped; i++) {
            socket.send(chunk)
            sentBytes += chunk.length
            maxBuffered = Math.max(maxBuffered, socket.bufferedAmount)
          }
          if (c.dropped) resolve({ sentBytes, maxBuffered })
          else setImmediate(flood)
        }
        flood()
      })
    })
    const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`)
    // the client takes the connection, then never reads again
    client.once("upgrade", (res) => res.socket.pause())
    client.on("error", () => undefined)
    const { sentBytes, maxBuffered } = await result
    // the kernel's socket buffers take some, then the guard stops at the limit plus one message
    expect(maxBuffered).toBeLessThanOrEqual(maxBufferedBytes + 64 * 1024 + 1024)
    expect(sentBytes).toBeLessThan(200 * 1024 * 1024)
    client.terminate()
    await new Promise<void>((r) => wss.close(() => r()))
  })
})

describe("errors", () => {
  it("maps oxd HTTP statuses to tRPC codes", () => {
    expect([400, 403, 404, 500, 502].map(trpcCodeOf)).toEqual([
      "BAD_REQUEST",
      "FORBIDDEN",
      "NOT_FOUND",
      "INTERNAL_SERVER_ERROR",
      "BAD_GATEWAY",
    ])
  })

  it("never passes on the text of an unexpected failure", () => {
    const crash = new TRPCError({
      code: "INTERNAL_SERVER_ERROR",
      message: "secret-ish detail",
      cause: new Error("secret-ish detail"),
    })
    expect(oxdErrorOf(crash).data).toEqual({
      error: "internal_error",
      error_description: "Internal error; the server logged it.",
    })
  })

  it("answers what tRPC refuses with core's code for it, as the other edges do (rate_limited, not too_many_requests)", () => {
    const of = (code: "TOO_MANY_REQUESTS" | "NOT_FOUND" | "PARSE_ERROR") =>
      oxdErrorOf(new TRPCError({ code, message: "m" }))
    expect(of("TOO_MANY_REQUESTS")).toMatchObject({
      data: { error: "rate_limited", error_description: "m" },
      http: 429,
    })
    expect(of("NOT_FOUND")).toMatchObject({ data: { error: "unsupported_operation" }, http: 500 })
    expect(of("PARSE_ERROR")).toMatchObject({
      data: { error: "bad_request", error_description: "The message is not a tRPC request: m" },
      http: 400,
    })
  })
})
