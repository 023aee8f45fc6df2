import { Cause, Effect, Schema } from "effect"
import type { CallContext } from "./CallContext.js"
import type { AnyCommand } from "./Command.js"
import { resolveCommand } from "./commands/index.js"
import { toWireError } from "./errorCodes.js"
import { InvalidParams, UnknownCommand, type OxdError } from "./errors.js"
import { defectError, errorEnvelope, okEnvelope, type Reply } from "./envelope.js"
import { ProtectionGuard } from "./services/ProtectionGuard.js"

/** Decoders are built once per command, not per call. */
const decoders = new WeakMap<AnyCommand, ReturnType<typeof Schema.decodeUnknownEffect>>()
const encoders = new WeakMap<AnyCommand, ReturnType<typeof Schema.encodeEffect>>()
const decoderOf = (c: AnyCommand) => {
  let d = decoders.get(c)
  if (!d) decoders.set(c, (d = Schema.decodeUnknownEffect(c.params)))
  return d
}
const encoderOf = (c: AnyCommand) => {
  let e = encoders.get(c)
  if (!e) encoders.set(c, (e = Schema.encodeEffect(c.result)))
  return e
}

/** A schema failure as oxd reports it: the field, what is wrong with it, and the command's code for that field. */
const invalidParams = (command: AnyCommand, error: Schema.SchemaError): InvalidParams => {
  const text = error.message
  const at = /\n\s*at ((?:\[[^\]]+\])+)/.exec(text)?.[1] ?? ""
  const segments = [...at.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]!)
  const keys = segments.filter((s) => s.startsWith('"')).map((s) => JSON.parse(s) as string)
  const field = segments.map((s) => (s.startsWith('"') ? `.${JSON.parse(s) as string}` : `[${s}]`)).join("").replace(/^\./, "")
  const what = text.split("\n")[0]?.trim() ?? "is invalid"
  const detail = what === "Missing key" ? "is required" : what.replace(/^Expected/, "must be")
  // the innermost named field picks the code: resources[0].conditions[1].httpMethods → invalid_http_method
  const code = [...keys].reverse().map((k) => command.fieldCodes[k]).find((c) => c !== undefined) ?? "bad_request"
  return new InvalidParams({ code, field, detail })
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)

/**
 * The only door into core: resolve the command (or its older name), decode params (unknown ones are
 * ignored), check protection, run the handler, encode the result into the oxd envelope. Never fails:
 * every outcome is a reply.
 */
export const dispatch = (name: string, rawParams: unknown, ctx: CallContext) =>
  Effect.gen(function* () {
    const command = resolveCommand(name)
    if (!command) return yield* new UnknownCommand({ command: name })
    const params = rawParams === undefined || rawParams === null ? {} : rawParams
    if (!isObject(params)) return yield* new InvalidParams({ code: "bad_request", field: "", detail: "params must be a JSON object" })
    const decoded = yield* decoderOf(command)(params).pipe(Effect.mapError((e) => invalidParams(command, e)))
    const setupClientId = yield* (yield* ProtectionGuard).check(command.protection, ctx, decoded as Record<string, unknown>)
    const result = yield* command.handler(decoded, { ...ctx, setupClientId })
    const encoded = yield* encoderOf(command)(result).pipe(Effect.orDie)
    return { envelope: okEnvelope(encoded), http: 200 } satisfies Reply
  }).pipe(
    Effect.catch((e: OxdError) => {
      const wire = toWireError(e)
      return Effect.as(
        wire.http >= 500 ? Effect.logWarning(`${name} failed: ${wire.code}`, wire.description) : Effect.logDebug(`${name} refused: ${wire.code}`),
        { envelope: errorEnvelope(wire, wire.details), http: wire.http } satisfies Reply,
      )
    }),
    Effect.catchCause((cause) =>
      Effect.as(
        Effect.logError(`${name} crashed`, Cause.pretty(cause)),
        { envelope: errorEnvelope(defectError(ctx.requestId)), http: 500 } satisfies Reply,
      ),
    ),
    Effect.annotateLogs({ command: name, transport: ctx.transport, request_id: ctx.requestId }),
    Effect.withSpan("oxd.dispatch", { attributes: { command: name, transport: ctx.transport } }),
  )
