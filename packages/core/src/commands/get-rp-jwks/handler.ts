import { Effect } from "effect"
import { RpKeys } from "../../services/RpKeys.js"
import type { Result } from "./schema.js"

/** GetRpJwksOperation.java:17-27 on master: the key generator's set, public members only. */
export const handler = Effect.fnUntraced(function* () {
  const { keys } = yield* (yield* RpKeys).publicJwks
  const reply: typeof Result.Type = { keys: keys as unknown as (typeof Result.Type)["keys"] }
  return reply
})
