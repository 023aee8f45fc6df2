import { Effect } from "effect"
import { InvalidParams } from "../../errors.js"
import { SiteStore } from "../../services/SiteStore.js"
import type { Params, Result } from "./schema.js"
import { rpNode } from "./rpNode.js"

/** GetRpOperation.java:35-51, with its list mode (:36-42) refused: it would hand every tenant's sites to any caller. */
export const handler = Effect.fnUntraced(function* (p: typeof Params.Type) {
  if (p.list === true) {
    return yield* new InvalidParams({
      code: "bad_request",
      field: "list",
      detail: "is not offered: a caller sees only the site it names by oxd_id",
    })
  }
  const site = yield* (yield* SiteStore).get(p.oxd_id)
  const reply: typeof Result.Type = { node: rpNode(site) }
  return reply
})
