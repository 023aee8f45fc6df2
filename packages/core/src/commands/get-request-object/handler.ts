import { Effect } from "effect"
import { RequestObjects } from "../../services/RequestObjects.js"
import type { Params } from "./schema.js"

/** GetRequestObjectOperation.java:23-40 on master: the stored JWT, or request_object_not_found (expired or unknown). */
export const handler = Effect.fnUntraced(function* (p: typeof Params.Type) {
  return yield* (yield* RequestObjects).get(p.request_object_id)
})
