import { Effect } from "effect"
import { SiteStore } from "../../services/SiteStore.js"
import { type Introspection, UmaAuthorizationServer } from "../../services/UmaAuthorizationServer.js"
import { present } from "../_shared/fields.js"
import type { Params, Result } from "./schema.js"

const int = (v: unknown) => (typeof v === "number" && Number.isInteger(v) ? v : null)
const str = (v: unknown) => (typeof v === "string" ? v : null)
const strings = (v: unknown) => (Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : null)

/** The AS's answer in the reference's fixed shape (IntrospectionService.introspectRpt → CorrectRptIntrospectionResponse). */
export const correctRptIntrospection = (r: Introspection): typeof Result.Type => ({
  active: r.active,
  exp: int(r["exp"]),
  iat: int(r["iat"]),
  nbf: int(r["nbf"]),
  permissions: Array.isArray(r["permissions"])
    ? (r["permissions"] as ReadonlyArray<unknown>)
        .filter((p): p is Record<string, unknown> => typeof p === "object" && p !== null)
        .map((p) => ({
          resource_id: str(p["resource_id"]),
          resource_scopes: strings(p["resource_scopes"]),
          exp: int(p["exp"]),
        }))
    : null,
  client_id: str(r["client_id"]),
  sub: str(r["sub"]),
  aud: typeof r["aud"] === "string" ? r["aud"] : strings(r["aud"]),
  iss: str(r["iss"]),
  jti: str(r["jti"]),
})

export const handler = Effect.fnUntraced(function* (p: typeof Params.Type) {
  const site = yield* (yield* SiteStore).get(p.oxd_id)
  const r = yield* (yield* UmaAuthorizationServer).introspectRpt(site, present(p.rpt) ? p.rpt : "")
  return correctRptIntrospection(r)
})
