import { Effect } from "effect"
import { OxdConfig } from "../../config/OxdConfig.js"
import { InvalidParams, IssuerDiscoveryFailed } from "../../errors.js"
import { OpenIdProvider } from "../../services/OpenIdProvider.js"
import { OpFetch } from "../../services/OpFetch.js"
import { notAllowed } from "../../services/opErrors.js"
import { present } from "../_shared/fields.js"
import { opLocation } from "../_shared/opLocation.js"
import type { Params, Result } from "./schema.js"
import { ISSUER_REL, readJrd, webFingerRequest } from "./webfinger.js"

const failed = (detail: string) => new IssuerDiscoveryFailed({ reason: "webfinger", detail })

/**
 * GetIssuerOperation.java:29-78: params (op_host or op_configuration_endpoint, then resource: :59-69), WebFinger
 * (:39-57), the OP's discovery (:33), and one of WebFinger's issuer links must be its issuer (:71-78). The WebFinger
 * query goes through OpFetch like every outbound call: TLS verified, allowed_op_hosts.
 */
export const handler = Effect.fnUntraced(function* (p: typeof Params.Type) {
  const { opHost, path } = yield* opLocation(p, yield* OxdConfig)
  if (!present(p.resource)) {
    return yield* new InvalidParams({
      code: "bad_request_no_resource",
      field: "resource",
      detail: "is empty or not specified: the user identifier to discover the issuer of",
    })
  }
  const request = webFingerRequest(p.resource)
  if (!request) return yield* failed("no host can be read from the resource")
  const { fetch } = yield* OpFetch
  const body = yield* Effect.tryPromise({
    try: async () => {
      const res = await fetch(request.url, { headers: { accept: "application/jrd+json, application/json" } })
      if (!res.ok) throw new Error(`WebFinger answered HTTP ${res.status}`)
      return (await res.json().catch(() => {
        throw new Error("the WebFinger answer is not JSON")
      })) as unknown
    },
    catch: (e) => notAllowed("webfinger", e) ?? failed(e instanceof Error ? e.message : String(e)),
  })
  const jrd = readJrd(body)
  if (!jrd) return yield* failed("the WebFinger answer has no subject or no links")
  const meta = yield* (yield* OpenIdProvider).discover(opHost, path)
  const issuers = jrd.links.filter((l) => l.rel === ISSUER_REL).map((l) => l.href)
  if (!issuers.includes(meta.issuer)) {
    return yield* new IssuerDiscoveryFailed({
      reason: "mismatch",
      detail: `the OP's discovery names ${meta.issuer}, WebFinger ${issuers.length > 0 ? issuers.join(", ") : "no issuer"}`,
    })
  }
  const reply: typeof Result.Type = { subject: jrd.subject, links: jrd.links }
  return reply
})
