import type { Socket } from "node:net"
import { errorEnvelope, type Oxd } from "@oxd/core"
import { encodeFrame, FrameDecoder } from "./Frame.js"

/** Frames read ahead of their replies; past this the socket is paused, so a client that never reads cannot grow memory. */
const MAX_QUEUED = 32

const protocolError = (description: string) => errorEnvelope({ code: "bad_request", http: 400, description })

/**
 * One client connection: frames are answered in order, one reply per write. A broken frame gets an error
 * reply and the connection closes; a command error gets a reply and the connection stays usable.
 */
export const serveConnection = (socket: Socket, oxd: Oxd, opts: { readonly idleTimeoutMs: number }) => {
  const decoder = new FrameDecoder()
  const remoteAddress = socket.remoteAddress
  let chain: Promise<void> = Promise.resolve()
  let queued = 0
  let closed = false

  const send = (value: unknown) =>
    new Promise<void>((resolve) => {
      if (socket.destroyed || !socket.writable) return resolve()
      socket.write(encodeFrame(value), () => resolve())
    })
  const write = (value: unknown) => (closed ? Promise.resolve() : send(value))

  const closeAfter = (value: unknown) => {
    if (closed) return Promise.resolve()
    closed = true
    // `closed` is set first so nothing queued behind is answered; the error reply itself still goes out
    return send(value).then(() => {
      void socket.end()
      // a peer that does not finish the close in time is cut off
      setTimeout(() => socket.destroy(), 2000).unref()
    })
  }

  const enqueue = (work: () => Promise<void>) => {
    queued++
    if (queued >= MAX_QUEUED) socket.pause()
    chain = chain.then(work).catch(() => { socket.destroy() }).finally(() => {
      queued--
      if (queued < MAX_QUEUED && !closed && socket.isPaused()) socket.resume()
    })
  }

  const answer = async (json: string) => {
    if (closed) return
    let message: unknown
    try {
      message = JSON.parse(json)
    } catch {
      return closeAfter(protocolError("the message is not valid JSON"))
    }
    if (typeof message !== "object" || message === null || Array.isArray(message)) {
      return closeAfter(protocolError('the message must be a JSON object: {"command": "…", "params": {…}}'))
    }
    const { command, params } = message as { command?: unknown; params?: unknown }
    if (typeof command !== "string" || command.length === 0) {
      return write(protocolError('"command" is missing: send {"command": "<name>", "params": {…}}'))
    }
    const reply = await oxd.dispatch(command, params, { transport: "tcp", remoteAddress })
    return write(reply.envelope)
  }

  socket.setNoDelay(true)
  socket.setTimeout(opts.idleTimeoutMs)
  socket.on("timeout", () => socket.destroy())
  socket.on("error", () => socket.destroy())
  socket.on("close", () => { closed = true })
  socket.on("data", (chunk: Buffer) => {
    for (const event of decoder.push(chunk)) {
      if (event._tag === "FrameError") {
        socket.pause()
        enqueue(() => closeAfter(protocolError(`Broken message: ${event.reason}. The connection is closed.`)))
        return
      }
      enqueue(() => answer(event.json))
    }
  })
  socket.on("end", () => {
    for (const event of decoder.end()) {
      if (event._tag === "FrameError") enqueue(() => closeAfter(protocolError(`Broken message: ${event.reason}.`)))
    }
    // the peer is done sending: answer what it sent, then close our side
    enqueue(async () => { if (!closed) { closed = true; socket.end() } })
  })

  return {
    /** Shutdown: read nothing more, answer what was already read (within the deadline), then close. */
    drain: async (deadlineMs: number): Promise<void> => {
      socket.pause()
      socket.removeAllListeners("data")
      const timer = new Promise<"late">((r) => setTimeout(() => r("late"), deadlineMs).unref())
      const outcome = await Promise.race([chain.then(() => "done" as const), timer])
      if (outcome === "late" || socket.destroyed) return void socket.destroy()
      closed = true
      await new Promise<void>((resolve) => {
        socket.once("close", () => resolve())
        socket.end()
        setTimeout(() => { socket.destroy(); resolve() }, 1000).unref()
      })
    },
  }
}
