import { Effect } from "effect"
import { InvalidParams } from "../../errors.js"
import { LogoutSessions } from "../../services/LogoutSessions.js"
import { SiteStore } from "../../services/SiteStore.js"
import { present } from "../_shared/fields.js"
import type { Params } from "./schema.js"

export const handler = Effect.fnUntraced(function* (p: typeof Params.Type) {
  const site = yield* (yield* SiteStore).get(p.oxd_id)
  if (!present(p.sid) && !present(p.sub))
    return yield* new InvalidParams({ code: "bad_request", field: "sid", detail: "or sub is required" })
  const state = yield* (yield* LogoutSessions).check(site.oxdId, {
    ...(present(p.sid) ? { sid: p.sid } : {}),
    ...(present(p.sub) ? { sub: p.sub } : {}),
  })
  return state.status === "logged_out"
    ? { status: state.status, logged_out_at: Math.floor(state.logged_out_at / 1000), channel: state.channel }
    : { status: state.status, logged_out_at: null, channel: null }
})
