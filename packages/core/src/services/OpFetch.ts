import { readFileSync } from "node:fs"
import { createSecureContext, rootCertificates } from "node:tls"
import { Clock, Context, Effect, Layer } from "effect"
import type { Agent, buildConnector as BuildConnector, fetch as UndiciFetch } from "undici"
import { OxdConfig } from "../config/OxdConfig.js"
import { opEndpointKind, originOf, type OxdMetrics } from "../observability/metrics.js"
import { OpTracing, type OpSpans } from "../observability/tracing.js"
import { makeOpHostPolicy, refusalIn, type OpHostPolicy } from "./opHosts/OpHostPolicy.js"
import { CircuitBreaker, resilientFetch, type OpRequestInit, type Transport } from "./opResilience.js"

/** init.idempotent: a read that may be retried (GET/HEAD are; introspection says so). */
export type FetchFn = (url: string, init?: OpRequestInit) => Promise<Response>

/**
 * The one HTTP client for the OP: trusts the configured CA file beside the system roots (TLS verification
 * is never switched off), bounds every request (retries included) with the configured timeout, retries
 * idempotent reads and keeps a circuit breaker per OP origin (opResilience.ts). Every request, to whichever
 * endpoint a discovery document names, goes only where allowed_op_hosts lets it (opHosts/OpHostPolicy.ts).
 */
export class OpFetch extends Context.Service<OpFetch, { readonly fetch: FetchFn }>()("@oxd/core/OpFetch") {
  /** `transport` replaces the network under the retries and the breaker (tests that must not reach any host). */
  static readonly layerWith = (override?: Transport, metrics?: OxdMetrics) =>
    Layer.effect(
      OpFetch,
      Effect.gen(function* () {
        const config = yield* OxdConfig
        const timeoutMs = config.op_timeout_in_seconds * 1000
        const extraCa = config.trusted_ca_file ? readFileSync(config.trusted_ca_file, "utf8") : undefined
        // built once: a `ca` list in the connect options would parse every root certificate again for each connection
        const secureContext = extraCa ? createSecureContext({ ca: [...rootCertificates, extraCa] }) : undefined
        const policy = makeOpHostPolicy(config.allowed_op_hosts)
        // undici is loaded on the first request to the OP, not at start-up (it weighs on the cold start: bench/README.md)
        let client: Promise<{ agent: Agent; fetch: typeof UndiciFetch }> | undefined
        const undici = () =>
          (client ??= import("undici").then(({ Agent, Pool, buildConnector, fetch }) => ({
            agent: new Agent({
              // a pool per origin, whose connections check where they go (a redirect's origin included)
              factory: (origin: string | URL, opts: object) =>
                new Pool(origin, {
                  ...opts,
                  connect: guardedConnector(policy, String(origin), buildConnector, {
                    ...(secureContext ? { secureContext } : {}),
                    timeout: timeoutMs,
                  }),
                }),
              headersTimeout: timeoutMs,
              bodyTimeout: timeoutMs,
              keepAliveTimeout: 10_000,
              connections: 64,
            }),
            fetch,
          })))
        yield* Effect.addFinalizer(() =>
          Effect.promise(async () => {
            if (client) await (await client).agent.close()
          }),
        )
        const transport: Transport = async (url, init) => {
          const { agent, fetch } = await undici()
          return fetch(url, { ...(init as object), dispatcher: agent } as Parameters<
            typeof fetch
          >[1]) as unknown as Promise<Response>
        }
        const clock = yield* Clock.Clock
        const breaker = new CircuitBreaker({
          failures: config.op_breaker_failures,
          cooldownMs: config.op_breaker_cooldown_in_seconds * 1000,
          now: () => clock.currentTimeMillisUnsafe(),
        })
        const fetch: FetchFn = resilientFetch(override ?? transport, { timeoutMs, retries: config.op_retries, breaker })
        return OpFetch.of({ fetch: checked(policy, observed(fetch, metrics, yield* OpTracing)) })
      }),
    )

  static readonly layer = OpFetch.layerWith()
}

/**
 * The connector of one origin's pool: an origin refused by its URL alone (not allowed, a literal IP that is not
 * public) gets no connection; a host name is resolved by the policy's look-up, which refuses it by its addresses.
 */
const guardedConnector = (
  policy: OpHostPolicy,
  origin: string,
  build: typeof BuildConnector,
  options: BuildConnector.BuildOptions,
): BuildConnector.connector => {
  const refused = policy.checkUrl(origin)
  const connect = build({ ...options, lookup: policy.lookupFor(new URL(origin).origin) })
  return (opts, callback) => (refused ? callback(refused, null) : connect(opts, callback))
}

/** A request the policy refuses by its URL fails before anything else (no retry, no breaker, no metric series). */
const checked =
  (policy: OpHostPolicy, fetch: FetchFn): FetchFn =>
  (url, init) => {
    const refused = policy.checkUrl(url)
    return refused ? Promise.reject(refused) : fetch(url, init)
  }

/** Why a call got no answer, as a label: a small fixed set. */
const failureOf = (e: unknown): string => {
  if (refusalIn(e)) return "not_allowed"
  const name = e instanceof Error ? e.name : ""
  if (name === "CircuitOpenError") return "circuit_open"
  if (name === "TimeoutError" || name === "AbortError") return "timeout"
  return "unreachable"
}

/**
 * Every OP call counted and timed (oxd_op_requests_total, oxd_op_request_duration_seconds: retries included, as the
 * command sees it), and a span of its own when tracing is on. Neither costs anything when absent.
 */
const observed = (fetch: FetchFn, metrics: OxdMetrics | undefined, spans: OpSpans | undefined): FetchFn => {
  if (!metrics && !spans) return fetch
  return async (url, init) => {
    const started = performance.now()
    const endpoint = opEndpointKind(url)
    const span = spans?.start(init?.method ?? "GET", url, endpoint)
    const done = (outcome: string) =>
      metrics?.opRequest(originOf(url), endpoint, outcome, (performance.now() - started) / 1000)
    try {
      const res = await fetch(url, init)
      done(`${Math.floor(res.status / 100)}xx`)
      span?.end(res.status)
      return res
    } catch (e) {
      const failure = failureOf(e)
      done(failure)
      span?.fail(failure)
      throw e
    }
  }
}
