import { readFileSync } from "node:fs"
import { rootCertificates } from "node:tls"
import { Context, Effect, Layer } from "effect"
import { Agent, fetch as undiciFetch } from "undici"
import { OxdConfig } from "../config/OxdConfig.js"

export type FetchFn = (url: string, init?: RequestInit) => Promise<Response>

/**
 * The one HTTP client for the OP: trusts the configured CA file beside the system roots (TLS verification
 * is never switched off) and bounds every request with the configured timeout.
 */
export class OpFetch extends Context.Service<OpFetch, { readonly fetch: FetchFn }>()("@oxd/core/OpFetch") {
  static readonly layer = Layer.effect(
    OpFetch,
    Effect.gen(function* () {
      const config = yield* OxdConfig
      const timeoutMs = config.op_timeout_in_seconds * 1000
      const extraCa = config.trusted_ca_file ? readFileSync(config.trusted_ca_file, "utf8") : undefined
      const agent = new Agent({
        connect: { ...(extraCa ? { ca: [...rootCertificates, extraCa] } : {}), timeout: timeoutMs },
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        keepAliveTimeout: 10_000,
        connections: 64,
      })
      yield* Effect.addFinalizer(() => Effect.promise(() => agent.close()))
      const fetch: FetchFn = (url, init) => {
        const signal = init?.signal ? AbortSignal.any([init.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs)
        return undiciFetch(url, { ...(init as object), signal, dispatcher: agent } as Parameters<typeof undiciFetch>[1]) as unknown as Promise<Response>
      }
      return OpFetch.of({ fetch })
    }),
  )
}
