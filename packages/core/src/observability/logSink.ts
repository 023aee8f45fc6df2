import { write as writeAsync, writeSync } from "node:fs"

/** Lines are gathered this long before a write: a write per event-loop turn cost a thread hand-off per few commands. */
const GATHER_MS = 5
/** Text waiting past this while the output is slower than the server: lines are dropped (and counted), not kept. */
export const MAX_PENDING_BYTES = 8 * 1024 * 1024

/**
 * Where the JSON log lines go (a line per write call): stdout, written off the event loop. A synchronous write to a
 * file or a pipe waits when the reader lags or the file system commits its journal (measured: event-loop stalls of
 * 10–28 ms on ext4 at 11k lines/s, in the p99 of every command). Here the lines of GATHER_MS go in one write, one
 * write is in flight at a time, and the lines of the meantime are gathered into the next. A reader
 * more than MAX_PENDING_BYTES behind loses lines rather than the server's memory (`dropped` counts them; a line says
 * so once it catches up). At exit what is queued is written synchronously. Tests replace `write` to read the lines.
 */
export const logSink = {
  write(text: string): void {
    enqueue(text)
  },
  /** Lines dropped so far because the output fell too far behind. */
  dropped: 0,
  /** Resolves when every line given so far has been handed to the operating system. */
  flushed(): Promise<void> {
    if (!inFlight && queue.length === 0) return Promise.resolve()
    return new Promise((resolve) => waiters.push(resolve))
  },
}

let queue: string[] = []
let queuedBytes = 0
let inFlight = false
let droppedSinceReport = 0
const waiters: Array<() => void> = []

const enqueue = (text: string) => {
  if (queuedBytes + text.length > MAX_PENDING_BYTES) {
    const lines = text.split("\n").length
    logSink.dropped += lines
    droppedSinceReport += lines
    return
  }
  queue.push(text)
  queuedBytes += text.length
  if (!inFlight) {
    inFlight = true
    setTimeout(next, GATHER_MS)
  }
}

const next = () => {
  if (droppedSinceReport > 0 && queuedBytes < MAX_PENDING_BYTES / 2) {
    queue.push(
      JSON.stringify({
        time: new Date().toISOString(),
        level: "WARN",
        msg: "log lines dropped: the output was too slow",
        dropped: droppedSinceReport,
      }),
    )
    droppedSinceReport = 0
  }
  if (queue.length === 0) {
    inFlight = false
    for (const w of waiters.splice(0)) w()
    return
  }
  inFlight = true
  const text = `${queue.join("\n")}\n`
  queue = []
  queuedBytes = 0
  writeAll(Buffer.from(text, "utf8"), 0)
}

/** Writes buf from offset on, asynchronously, then the next batch; a short write continues, a busy pipe is retried. */
const writeAll = (buf: Buffer, offset: number) => {
  writeAsync(1, buf, offset, buf.length - offset, null, (err, n) => {
    if (err) {
      // a non-blocking stdout that is full: try again shortly; anything else (closed stdout): the batch is lost
      if ((err as NodeJS.ErrnoException).code === "EAGAIN") return void setTimeout(() => writeAll(buf, offset), 1)
      return next()
    }
    if (offset + n < buf.length) return writeAll(buf, offset + n)
    // more than a write's worth waiting goes at once; else the lines of the next few ms are gathered first
    if (queuedBytes >= 65_536 || queue.length === 0) next()
    else setTimeout(next, GATHER_MS)
  })
}

// the process is ending: no more turns of the event loop, so what is queued goes now, synchronously
process.on("exit", () => {
  if (queue.length === 0) return
  try {
    writeSync(1, `${queue.join("\n")}\n`)
  } catch {
    // stdout is gone: nothing left to tell
  }
  queue = []
})
