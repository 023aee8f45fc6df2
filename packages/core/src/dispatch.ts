import { Effect, Schema, SchemaIssue } from "effect"
import { callContext, type CallContext } from "./CallContext.js"
import type { AnyCommand } from "./Command.js"
import { resolveCommand, type CommandServices as HandlerServices } from "./commands/index.js"
import { toWireError } from "./errorCodes.js"
import { CommandDisabled, InvalidParams, MalformedParams, UnknownCommand, type OxdError } from "./errors.js"
import { OxdConfig } from "./config/OxdConfig.js"
import { defectError, errorEnvelope, okEnvelope, type Reply } from "./envelope.js"
import { describeDefect, redactSecrets } from "./safety/redact.js"
import { withoutOpText } from "./services/opErrors.js"
import { ProtectionGuard } from "./services/ProtectionGuard.js"

/** Decoders are built once per command, not per call. A command's schemas need no services (Command: Codec<T, E>). */
type Codec = Schema.Codec<unknown, unknown>
const decoders = new WeakMap<AnyCommand, ReturnType<typeof Schema.decodeUnknownEffect<Codec>>>()
const encoders = new WeakMap<AnyCommand, ReturnType<typeof Schema.encodeEffect<Codec>>>()
const decoderOf = (c: AnyCommand) => {
  let d = decoders.get(c)
  if (!d) decoders.set(c, (d = Schema.decodeUnknownEffect<Codec>(c.params)))
  return d
}
const encoders4 = new WeakMap<AnyCommand, ReturnType<typeof Schema.encodeEffect<Codec>>>()
/** The result's encoder; on the oxd 4.x API the command's result4 when it has one (its 4.x reply differs). */
const encoderOf = (c: AnyCommand, api?: "4") => {
  if (api === "4" && c.result4) {
    let e4 = encoders4.get(c)
    if (!e4) encoders4.set(c, (e4 = Schema.encodeEffect<Codec>(c.result4)))
    return e4
  }
  let e = encoders.get(c)
  if (!e) encoders.set(c, (e = Schema.encodeEffect<Codec>(c.result)))
  return e
}

/** A schema failure's leaves as { path, message }, read from the issue tree (not from text formatted for people). */
const leavesOf = SchemaIssue.makeFormatterStandardSchemaV1()

/**
 * Whether a schema failure is a value of the wrong JSON type (an object for a string, a number for a list…), found on
 * the first failure's path: the reference's JSON mapper cannot read such params at all (audit X3), whereas a missing
 * or unacceptable value is the command's own check (its field code).
 */
const isWrongType = (issue: SchemaIssue.Issue): boolean => {
  for (let i: SchemaIssue.Issue | undefined = issue, depth = 0; i && depth < 100; depth++) {
    switch (i._tag) {
      case "InvalidType":
        return true
      // no member of a union matched the value's type (members that matched the type report their own issues)
      case "AnyOf":
        if (i.issues.length === 0) return true
        i = i.issues[0]
        break
      case "Composite":
        i = i.issues[0]
        break
      case "Pointer":
      case "Encoding":
        i = i.issue
        break
      default:
        return false
    }
  }
  return false
}

/** A schema failure as oxd reports it: the field, what is wrong with it, and the command's code for that field. */
const invalidParams = (command: AnyCommand, error: Schema.SchemaError): InvalidParams | MalformedParams => {
  const first = leavesOf(error.issue).issues[0]
  // keys are caller input (a JSON key may hold ] or "): taken as they are; numbers are list indexes
  const path = first?.path ?? []
  const keys = path.filter((k): k is string => typeof k === "string")
  const field = path
    .map((k) => (typeof k === "number" ? `[${k}]` : `.${String(k)}`))
    .join("")
    .replace(/^\./, "")
    .slice(0, 200)
  const what = first?.message.split("\n")[0]?.trim() || "is invalid"
  const detail = what === "Missing key" ? "is required" : what.replace(/^Expected/, "must be")
  if (isWrongType(error.issue)) return new MalformedParams({ field, detail })
  // the innermost named field picks the code: resources[0].conditions[1].httpMethods → invalid_http_method
  // own keys only: a field named __proto__ or constructor must not find Object.prototype's members
  const code =
    [...keys]
      .reverse()
      .map((k) => (Object.hasOwn(command.fieldCodes, k) ? command.fieldCodes[k] : undefined))
      .find((c) => c !== undefined) ?? "bad_request"
  return new InvalidParams({ code, field, detail })
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v)

/** What dispatch needs from core's layer: every handler's services (computed from the registry) and the guard. */
export type CommandServices = HandlerServices | ProtectionGuard

/** Params nest no deeper than this (scope expressions included): decoding and JsonLogic recurse. */
export const MAX_PARAMS_DEPTH = 64

/** Whether a value nests deeper than `max`, found without recursion (a 100k-deep array cannot blow the stack). */
const nestsDeeperThan = (value: unknown, max: number): boolean => {
  const stack: Array<readonly [unknown, number]> = [[value, 0]]
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!
    if (typeof v !== "object" || v === null) continue
    if (depth >= max) return true
    for (const child of Object.values(v)) stack.push([child, depth + 1])
  }
  return false
}

/**
 * Params without their null (or, from an in-process caller, undefined) members: the reference reads a null param as
 * an absent one (Jackson leaves the field null), so a required one is "missing", with the command's code for it.
 */
const withoutNulls = (params: Record<string, unknown>): Record<string, unknown> => {
  for (const k in params) {
    if (params[k] == null) return Object.fromEntries(Object.entries(params).filter(([, v]) => v != null))
  }
  return params
}

/**
 * The command a call names and its params as an object, or why the call cannot be decoded at all. Missing, null or
 * non-object params are the reference's internal_error "Command parameters are not specified or otherwise
 * malformed." (audit X1, X2: `Convertor.asParams`); so are params nested too deep to decode safely (X5, an addition).
 */
export const resolveCall = (name: string, rawParams: unknown): ResolvedCall => {
  const command = resolveCommand(name)
  if (!command) return { error: new UnknownCommand({ command: name }) }
  if (rawParams === undefined || rawParams === null)
    return { error: new MalformedParams({ field: "", detail: "params are missing" }) }
  if (!isObject(rawParams)) return { error: new MalformedParams({ field: "", detail: "params must be a JSON object" }) }
  if (nestsDeeperThan(rawParams, MAX_PARAMS_DEPTH)) {
    return { error: new MalformedParams({ field: "", detail: `params nest deeper than ${MAX_PARAMS_DEPTH} levels` }) }
  }
  return { command, params: withoutNulls(rawParams) }
}
type ResolvedCall =
  | { readonly command: AnyCommand; readonly params: Record<string, unknown>; readonly error?: undefined }
  | { readonly error: OxdError }

/** A command switched on by a configuration key runs only when the key is on (Command.enabledBy). */
const enabled = (command: AnyCommand) =>
  OxdConfig.use((config) =>
    command.enabledBy === undefined || config[command.enabledBy]
      ? Effect.void
      : Effect.fail(new CommandDisabled({ command: command.name, key: command.enabledBy })),
  )

/**
 * The only door into core: resolve the command (or its older name), decode params (unknown ones are
 * ignored), check protection, run the handler, encode the result into the oxd envelope. Never fails:
 * every outcome is a reply. (answerFromWarmState.ts answers some calls first, from the same definitions.)
 */
export const dispatch = (name: string, rawParams: unknown, ctx: CallContext) =>
  // flatMaps, not a generator: this wraps every command, and each generator step costs a little on the hot path
  Effect.suspend((): Effect.Effect<Reply, OxdError, CommandServices> => {
    const call = resolveCall(name, rawParams)
    if (call.error) return Effect.fail(call.error)
    const { command, params } = call
    const decode = decoderOf(command)(params).pipe(Effect.mapError((e) => invalidParams(command, e)))
    return (command.enabledBy === undefined ? decode : Effect.andThen(enabled(command), decode)).pipe(
      Effect.flatMap((decoded) =>
        ProtectionGuard.use((guard) => guard.check(command.protection, ctx, decoded as Record<string, unknown>)).pipe(
          Effect.flatMap((setupClient) => {
            const run = command.handler(decoded, callContext(ctx, ctx.requestId, setupClient)) as Effect.Effect<
              unknown,
              OxdError,
              CommandServices
            >
            // anyone may send these, naming any OP: the OP's free text is not relayed to them (opErrors.ts)
            return command.protection === "none" ? Effect.mapError(run, withoutOpText) : run
          }),
        ),
      ),
      Effect.flatMap((result) => Effect.orDie(encoderOf(command, ctx.api)(result))),
      Effect.map((encoded): Reply => ({ envelope: okEnvelope(encoded), http: 200 })),
    )
  }).pipe(
    Effect.catch((e: OxdError) => {
      const wire = toWireError(e)
      return Effect.as(
        wire.http >= 500
          ? Effect.logWarning(`${name} failed: ${wire.code}`, redactSecrets(wire.description))
          : Effect.logDebug(`${name} refused: ${wire.code}`),
        { envelope: errorEnvelope(wire, wire.details), http: wire.http } satisfies Reply,
      )
    }),
    Effect.catchCause((cause) =>
      Effect.as(
        // the error's tag and a redacted message, never Cause.pretty (a defect's text can carry params and tokens)
        Effect.logError(`${name} crashed`).pipe(Effect.annotateLogs(describeDefect(cause))),
        { envelope: errorEnvelope(defectError(ctx.requestId)), http: 500 } satisfies Reply,
      ),
    ),
    Effect.annotateLogs({ command: name, transport: ctx.transport, request_id: ctx.requestId }),
    // no span of its own: a span per call costs several µs, a sizeable share of a cached uma_rs_check_access; the
    // command's span, when tracing is on, is made around dispatch (observability/observeCommand.ts)
  )
