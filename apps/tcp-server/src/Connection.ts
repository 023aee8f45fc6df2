import type { Socket } from "node:net"
import { edgeRefusal, errorEnvelope, resolveCommand, type Oxd } from "@oxd/core"
import { gatherWritesThisTurn } from "@oxd/node"
import { encodeFrame, FrameDecoder, isWideFrame } from "./Frame.js"

/** Frames read ahead of their replies; past this the socket is paused, so a client that never reads cannot grow memory. */
const MAX_QUEUED = 32

/**
 * A message the server cannot read. The reference answers one it cannot parse with internal_error and closes
 * (Processor.java:59-63, SocketProcessor.java:62-65), and closes without a word on a broken frame: oxd-ts answers
 * every broken message that way, with the precise reason (docs/compatibility.md, T1, T2, T6, T7, T14-T16).
 */
const brokenMessage = (description: string) => errorEnvelope(edgeRefusal("unreadable_message", description))

/** T9: no command (missing, null or ""): the reference's CommandType is null, unsupported_operation (Processor.java:80-82). */
const noCommand = errorEnvelope(
  edgeRefusal("no_command", '"command" is missing: send {"command": "<name>", "params": {…}}'),
)

const ASCII_UPPER = /[A-Z]/
/** T11: the reference takes a command name in any letter case (CommandType.java:60-70); A-Z are folded here. */
const commandName = (name: string) => {
  if (!ASCII_UPPER.test(name)) return name
  const folded = name.replace(/[A-Z]+/g, (s) => s.toLowerCase())
  return resolveCommand(folded) ? folded : name
}

/**
 * One client connection: frames are answered in order (at once when core answers at once, else through a
 * per-connection queue that waits while the socket is backed up: a client that stops reading stops being read);
 * the replies of one event-loop turn leave in one write (gatherWritesThisTurn). A broken frame gets an error reply
 * and the connection closes; a command error gets a reply and the connection stays usable.
 */
export const serveConnection = (
  socket: Socket,
  oxd: Oxd,
  opts: { readonly idleTimeoutMs: number; readonly frameTimeoutMs?: number },
) => {
  const decoder = new FrameDecoder()
  const remoteAddress = socket.remoteAddress
  let chain: Promise<void> = Promise.resolve()
  let queued = 0
  let closed = false
  /** Set once the peer's bytes can no longer be trusted to frame (a broken frame, a frame too slow). */
  let broken = false
  let frameTimer: NodeJS.Timeout | undefined

  /** Every reply goes out this way: held with the turn's others (gatherWritesThisTurn). false: the socket is backed up. */
  const writeFrame = (value: unknown): boolean => {
    gatherWritesThisTurn(socket)
    const frame = encodeFrame(value)
    const taken = socket.write(frame)
    if (isWideFrame(frame)) closeAfterWide()
    return taken
  }
  /**
   * T4: past 9999 the reference closes without replying (CoreUtils.java:173-175 throws, SocketProcessor.java:67-73).
   * The reply goes out with its wider prefix, then the connection closes as the reference's does: a client reading
   * 4 digits fails this command either way, and cannot take the rest of this reply for the next one's.
   */
  const closeAfterWide = () => {
    if (closed) return
    closed = true
    broken = true
    stopFrameTimer()
    socket.pause()
    void socket.end()
    setTimeout(() => socket.destroy(), 2000).unref()
  }
  /** Resolves once the reply is taken: at once, or when a backed-up socket drains (or closes). */
  const send = (value: unknown) =>
    new Promise<void>((resolve) => {
      if (socket.destroyed || !socket.writable) return resolve()
      if (writeFrame(value)) return resolve()
      const done = () => {
        socket.off("drain", done)
        socket.off("close", done)
        resolve()
      }
      socket.on("drain", done)
      socket.on("close", done)
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
    if (queued >= MAX_QUEUED) {
      socket.pause()
      stopFrameTimer() // time spent not reading is ours, not the peer's
    }
    chain = chain
      .then(work)
      .catch(() => {
        socket.destroy()
      })
      .finally(() => {
        queued--
        if (queued < MAX_QUEUED && !closed && !broken && socket.isPaused()) {
          socket.resume()
          armFrameTimer(true)
        }
      })
  }

  const stopFrameTimer = () => {
    clearTimeout(frameTimer)
    frameTimer = undefined
  }
  /**
   * A message must arrive whole within frameTimeoutMs of its first byte: the idle timeout alone would let a peer
   * that trickles a byte a second hold the connection for ever. `restart`: a frame just completed, the rest is new.
   */
  const armFrameTimer = (restart: boolean) => {
    const limit = opts.frameTimeoutMs
    if (!limit || decoder.pending === 0 || closed || broken || socket.isPaused()) return stopFrameTimer()
    if (frameTimer && !restart) return
    stopFrameTimer()
    frameTimer = setTimeout(() => {
      frameTimer = undefined
      if (closed || broken || decoder.pending === 0) return
      broken = true
      socket.pause()
      enqueue(() =>
        closeAfter(
          brokenMessage(
            `Broken message: it did not arrive whole within ${Math.round(limit / 1000)} s (frame_timeout_in_seconds). The connection is closed.`,
          ),
        ),
      )
    }, limit)
    frameTimer.unref()
  }

  /** A frame's command and params, or the reply refusing it (a message that does not parse also closes). */
  const parseMessage = (
    json: string,
  ):
    { readonly command: string; readonly params: unknown } | { readonly refusal: unknown; readonly close: boolean } => {
    let message: unknown
    try {
      message = JSON.parse(json)
    } catch {
      return { refusal: brokenMessage("Broken message: it is not valid JSON. The connection is closed."), close: true }
    }
    if (typeof message !== "object" || message === null || Array.isArray(message)) {
      return {
        refusal: brokenMessage(
          'Broken message: it must be a JSON object, {"command": "…", "params": {…}}. The connection is closed.',
        ),
        close: true,
      }
    }
    const { command } = message as { command?: unknown }
    if (typeof command === "string" && command.length > 0) {
      const name = commandName(command)
      // the parsed object itself: no copy per frame
      return name === command
        ? (message as { readonly command: string; readonly params: unknown })
        : { command: name, params: (message as { params?: unknown }).params }
    }
    if (command === undefined || command === null || command === "") return { refusal: noCommand, close: false }
    // T9: a command that is not a string fails the reference's Command mapping: internal_error, closed
    return {
      refusal: brokenMessage(
        'Broken message: "command" must be a string, the command\'s name. The connection is closed.',
      ),
      close: true,
    }
  }

  /** Who is calling, the same for every frame of the connection (one object, not one per frame). */
  const edge = { transport: "tcp", remoteAddress } as const

  const answer = async (json: string) => {
    if (closed) return
    const m = parseMessage(json)
    if ("refusal" in m) return m.close ? closeAfter(m.refusal) : write(m.refusal)
    const reply = await oxd.call(m.command, m.params, edge)
    return write(reply.envelope)
  }

  /**
   * A frame with nothing queued before it, on a socket that is not backed up: a reply core gives at once (a cached
   * check_access) is written at once, without the per-frame promise chain; a reply that must wait joins the queue
   * as any frame does. false: the frame was not taken (a refusal), queue it.
   */
  const answerAtOnce = (json: string): boolean => {
    const m = parseMessage(json)
    if ("refusal" in m) return false
    const reply = oxd.call(m.command, m.params, edge)
    if (reply instanceof Promise) enqueue(() => reply.then((r) => write(r.envelope)))
    else if (socket.writable) writeFrame(reply.envelope)
    return true
  }

  socket.setNoDelay(true)
  socket.setTimeout(opts.idleTimeoutMs)
  socket.on("timeout", () => socket.destroy())
  socket.on("error", () => socket.destroy())
  socket.on("close", () => {
    closed = true
    stopFrameTimer()
  })
  socket.on("data", (chunk: Buffer) => {
    if (broken) return
    let completed = false
    for (const event of decoder.push(chunk)) {
      if (event._tag === "FrameError") {
        broken = true
        stopFrameTimer()
        socket.pause()
        enqueue(() => closeAfter(brokenMessage(`Broken message: ${event.reason}. The connection is closed.`)))
        return
      }
      completed = true
      // in order: at once only when no earlier frame is still being answered or written
      if (queued === 0 && !closed && !socket.writableNeedDrain && answerAtOnce(event.json)) continue
      enqueue(() => answer(event.json))
    }
    armFrameTimer(completed)
  })
  socket.on("end", () => {
    stopFrameTimer()
    for (const event of decoder.end()) {
      if (event._tag === "FrameError") enqueue(() => closeAfter(brokenMessage(`Broken message: ${event.reason}.`)))
    }
    // the peer is done sending: answer what it sent, then close our side
    enqueue(async () => {
      if (!closed) {
        closed = true
        socket.end()
      }
    })
  })

  return {
    /** Shutdown: read nothing more, answer what was already read (within the deadline), then close. */
    drain: async (deadlineMs: number): Promise<void> => {
      stopFrameTimer()
      socket.pause()
      socket.removeAllListeners("data")
      const timer = new Promise<"late">((r) => setTimeout(() => r("late"), deadlineMs).unref())
      const outcome = await Promise.race([chain.then(() => "done" as const), timer])
      if (outcome === "late" || socket.destroyed) return void socket.destroy()
      closed = true
      await new Promise<void>((resolve) => {
        socket.once("close", () => resolve())
        socket.end()
        setTimeout(() => {
          socket.destroy()
          resolve()
        }, 1000).unref()
      })
    },
  }
}
