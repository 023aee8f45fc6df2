import { Logger, References } from "effect"
import { logSink } from "./logSink.js"
import { describeDefect, redactSecrets } from "../safety/redact.js"

/** A message part as text: oxd's own strings as written, anything else (an Error, an object) redacted. */
const text = (m: unknown): string =>
  typeof m === "string"
    ? m
    : redactSecrets(m instanceof Error ? `${m.name}: ${m.message}` : (JSON.stringify(m) ?? String(m)))

/**
 * Lines go to the sink, which writes them off the event loop and gathers those that arrive while a write is under way
 * into the next one (a write per line, a syscall each, cost more than the rest of a cached command).
 */
const write = (line: string) => logSink.write(line)

/** Every line so far handed to the operating system (before a planned exit); gives up after `timeoutMs`. */
export const flushLogs = (timeoutMs: number): Promise<void> =>
  Promise.race([logSink.flushed(), new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref())])

// many lines share a millisecond under load: format the time once per ms
let isoMs = Number.NaN
let isoText = ""
const isoTime = (date: Date): string => {
  const ms = date.getTime()
  if (ms !== isoMs) {
    isoMs = ms
    isoText = date.toISOString()
  }
  return isoText
}

/**
 * One JSON object per line: `time`, `level` (DEBUG…ERROR), `msg`, then the annotations as top-level fields
 * (request_id, transport, command, outcome, duration_ms…). A cause is reduced to its tag and a redacted message
 * (describeDefect), never Cause.pretty: its text can carry params and tokens.
 */
export const jsonLineLogger = Logger.make<unknown, void>(({ message, logLevel, cause, fiber, date }) => {
  const parts = Array.isArray(message) ? message : [message]
  const line: Record<string, unknown> = {
    time: isoTime(date),
    level: logLevel.toUpperCase(),
    msg: parts.length === 1 ? text(parts[0]) : parts.map(text).join(" "),
  }
  const annotations = fiber.getRef(References.CurrentLogAnnotations)
  for (const k in annotations) if (!(k in line)) line[k] = annotations[k]
  if (cause.reasons.length > 0) Object.assign(line, describeDefect(cause))
  write(JSON.stringify(line))
})

/**
 * The same line as jsonLineLogger writes for `Effect.logInfo(msg)` annotated with fields, written from outside the
 * Effect runtime (answers given on the synchronous road). `fieldsJson`: the fields as JSON object members without braces
 * (commandLogJson), none named time, level or msg. The caller applies the minimum log level.
 */
export const writeJsonInfoLine = (msg: string, fieldsJson: string): void => {
  write(
    `{"time":"${isoTime(new Date())}","level":"INFO","msg":${JSON.stringify(msg)}${fieldsJson.length > 0 ? `,${fieldsJson}` : ""}}`,
  )
}
