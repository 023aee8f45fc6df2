/** A stream with Node's cork/uncork: net.Socket, tls.TLSSocket. */
export interface Corkable {
  cork(): void
  uncork(): void
  /** Bytes written and not yet handed to the operating system (held ones included). */
  readonly writableLength: number
}

/**
 * Past this many bytes held for one socket, what is held leaves at once: a burst of replies (a client pipelining
 * thousands of calls) is not all kept until the turn ends, and a slow-consumer limit counting queued bytes
 * (ws_max_buffered_bytes) sees no more than this from gathering.
 */
const HOLD_MAX_BYTES = 64 * 1024

/** The turn a socket was last corked in, on the socket itself (a Set per turn grew and cleared its table each turn, in the old generation). */
const CORKED_IN = Symbol("oxd.corkedInTurn")
type Held = Corkable & { [CORKED_IN]?: number }

let turn = 1
// two arrays swapped each turn, their slots reused: this turn's sockets, and the spare
let held: Array<Held | undefined> = []
let spare: Array<Held | undefined> = []
let count = 0

const uncorkAll = () => {
  // first: a socket gathered while these are uncorked belongs to the next turn
  const sockets = held
  const n = count
  held = spare
  spare = sockets
  count = 0
  turn++
  for (let i = 0; i < n; i++) {
    const socket = sockets[i]!
    sockets[i] = undefined
    socket.uncork()
  }
}

/**
 * Holds what is written to `socket` until the end of this event-loop turn (setImmediate), then sends it in one
 * write. The replies of one turn then leave together: a peer waiting on several of them is woken once per turn
 * rather than once per reply (the kernel's wake-up of the reader, inside each write, was a quarter of the server's
 * CPU per cached check over TCP). Order on a socket is kept (cork only buffers); a reply waits at most for the rest
 * of the turn's reads; Node's backpressure still applies (writableNeedDrain counts what is held). Not for
 * node:http responses: `res.end` uncorks its socket fully.
 */
export const gatherWritesThisTurn = (socket: Held): void => {
  if (socket[CORKED_IN] === turn) {
    if (socket.writableLength >= HOLD_MAX_BYTES) {
      socket.uncork()
      socket.cork()
    }
    return
  }
  if (count === 0) setImmediate(uncorkAll)
  held[count++] = socket
  socket[CORKED_IN] = turn
  socket.cork()
}
