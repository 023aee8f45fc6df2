import { Effect } from "effect"
import { OpenIdProvider } from "../../services/OpenIdProvider.js"
import { SiteStore } from "../../services/SiteStore.js"
import { opClientOf } from "../_shared/siteClient.js"
import type { Params, Result } from "./schema.js"

const text = (v: unknown): string | null => (typeof v === "string" ? v : null)
const seconds = (v: unknown): number | null => (typeof v === "number" && Number.isSafeInteger(v) ? v : null)
/** A scope as RFC 7662 gives it (space-separated) or as Gluu does (a list), as a list. */
const scopeList = (v: unknown): ReadonlyArray<string> | null =>
  typeof v === "string"
    ? v.split(" ").filter(Boolean)
    : Array.isArray(v)
      ? v.filter((s): s is string => typeof s === "string")
      : null

/**
 * The OP's answer in the shape of the reference's reply, oxAuth's IntrospectionResponse (oxAuth 3.1.4
 * IntrospectionResponse.java:22-64): exactly its fields, each present (null when the OP gave none), `scope` and
 * `scopes` lists, `aud` a string (a list of audiences space-joined); other fields of the OP are not passed on.
 */
export const handler = Effect.fnUntraced(function* (p: typeof Params.Type) {
  const site = yield* (yield* SiteStore).get(p.oxd_id)
  const r = yield* (yield* OpenIdProvider).introspect(opClientOf(site), p.access_token)
  const scope = scopeList(r["scope"]) ?? scopeList(r["scopes"])
  const aud = r["aud"]
  const result: typeof Result.Type = {
    active: r["active"] === true,
    scopes: scopeList(r["scopes"]) ?? scope,
    scope,
    client_id: text(r["client_id"]),
    username: text(r["username"]),
    token_type: text(r["token_type"]),
    exp: seconds(r["exp"]),
    iat: seconds(r["iat"]),
    sub: text(r["sub"]),
    aud:
      typeof aud === "string"
        ? aud
        : Array.isArray(aud)
          ? aud.filter((a): a is string => typeof a === "string").join(" ")
          : null,
    iss: text(r["iss"]),
    jti: text(r["jti"]),
    acr_values: text(r["acr_values"]),
  }
  return result
})
