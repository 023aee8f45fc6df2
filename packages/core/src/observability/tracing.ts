import { AsyncLocalStorage } from "node:async_hooks"
import { Cause, Context, Effect, Exit, Layer, Option, Tracer } from "effect"
import { FetchHttpClient } from "effect/http"
import { OtlpExporter, OtlpSerialization, OtlpTracer } from "effect/observability"
import { redactSecrets } from "../safety/redact.js"

/** Starts the span of one OP call under the command being run; absent when tracing is off (no cost then). */
export interface OpSpans {
  start(method: string, url: string, endpoint: string): OpSpan
}
export interface OpSpan {
  end(status: number): void
  fail(error: string): void
}

export const OpTracing = Context.Reference<OpSpans | undefined>("@oxd/core/OpTracing", {
  defaultValue: () => undefined,
})

const EVALUATE = "~effect/Effect/evaluate"
type Primitive<X> = { [EVALUATE](fiber: unknown): X }

const nowNs = (): bigint => BigInt(Math.round((performance.timeOrigin + performance.now()) * 1000)) * 1000n

/** A failure as a span shows it: the error's tag or name and a redacted message, never the stack or its causes. */
const sanitizedExit = (exit: Exit.Exit<unknown, unknown>): Exit.Exit<unknown, unknown> => {
  if (exit._tag === "Success" || Cause.hasInterruptsOnly(exit.cause)) return exit
  const e = Cause.squash(exit.cause)
  const tag =
    typeof (e as { _tag?: unknown } | null)?._tag === "string"
      ? String((e as { _tag: string })._tag)
      : e instanceof Error
        ? e.name
        : typeof e
  const safe = new Error(e instanceof Error ? redactSecrets(e.message).slice(0, 300) : "")
  safe.name = tag
  safe.stack = `${tag}: ${safe.message}`
  return Exit.fail(safe)
}

const safeValue = (v: unknown): unknown => (typeof v === "string" ? redactSecrets(v) : v)

/**
 * Effect's OTLP tracer, exporting to `<endpoint>/v1/traces` as JSON over Effect's fetch client, with two additions:
 * every string that reaches a span is redacted (attributes, events, failures: a span must never carry a token), and
 * the current span is kept in an AsyncLocalStorage while a fiber runs, so the OP calls that openid-client makes from
 * Promise-land get their spans under the right command.
 */
export const tracingLayer = (options: {
  readonly endpoint: string
  readonly serviceName: string
  readonly exportIntervalMs?: number
}) => {
  const current = new AsyncLocalStorage<Tracer.AnySpan>()
  const tracer = Effect.gen(function* () {
    const otlp = yield* OtlpTracer.make({
      url: `${options.endpoint.replace(/\/+$/, "")}/v1/traces`,
      resource: { serviceName: options.serviceName },
      exportInterval: `${options.exportIntervalMs ?? 5000} millis`,
    })
    const wrap = (span: Tracer.Span): Tracer.Span => {
      const end = span.end.bind(span)
      const attribute = span.attribute.bind(span)
      const event = span.event.bind(span)
      span.end = (endTime, exit) => end(endTime, sanitizedExit(exit))
      span.attribute = (key, value) => attribute(key, safeValue(value))
      span.event = (name, startTime, attributes) =>
        event(
          redactSecrets(name),
          startTime,
          attributes && Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, safeValue(v)])),
        )
      return span
    }
    return Tracer.make({
      span: (o) => wrap(otlp.span(o)),
      context: <X>(
        primitive: Tracer.EffectPrimitive<X>,
        fiber: { readonly cache: { readonly span: Tracer.AnySpan | undefined } },
      ): X => {
        const p = primitive as unknown as Primitive<X>
        const span = fiber.cache.span
        return span ? current.run(span, () => p[EVALUATE](fiber)) : p[EVALUATE](fiber)
      },
    } as Tracer.Tracer)
  })
  const opSpans = (t: Tracer.Tracer): OpSpans => ({
    start: (method, url, endpoint) => {
      const parent = current.getStore()
      const span = t.span({
        name: `oxd.op ${endpoint}`,
        parent: parent ? Option.some(parent) : Option.none(),
        annotations: Context.empty(),
        links: [],
        startTime: nowNs(),
        kind: "client",
        root: parent === undefined,
        sampled: true,
      })
      span.attribute("http.request.method", method.toUpperCase())
      // the query string can carry codes and tokens: origin and path only
      let where = "invalid"
      try {
        const u = new URL(url)
        where = `${u.origin}${u.pathname}`
      } catch {
        /* left "invalid" */
      }
      span.attribute("url.full", where)
      span.attribute("oxd.op.endpoint", endpoint)
      return {
        end: (status) => {
          span.attribute("http.response.status_code", status)
          span.end(nowNs(), status >= 500 ? Exit.fail(new Error(`HTTP ${status}`)) : Exit.void)
        },
        fail: (error) => span.end(nowNs(), Exit.fail(Object.assign(new Error(error), { name: error }))),
      }
    },
  })
  const built = Layer.effectContext(
    Effect.map(tracer, (t) => Context.make(Tracer.Tracer, t).pipe(Context.add(OpTracing, opSpans(t)))),
  )
  return built.pipe(
    Layer.provide(Layer.mergeAll(OtlpExporter.layerFlusher, OtlpSerialization.layerJson, FetchHttpClient.layer)),
  )
}
