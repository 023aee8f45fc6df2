import { randomBytes, randomUUID } from "node:crypto"
import { Context, Layer } from "effect"

/** Unguessable identifiers: oxd_id is a random UUID v4 (122 random bits); state and nonce 256 bits. */
/** Request ids come from a buffer of random bytes, refilled 4 KB at a time: one randomBytes call per 512 requests. */
const requestIds = (() => {
  let pool = randomBytes(4096)
  let at = 0
  return () => {
    if (at === pool.length) {
      pool = randomBytes(4096)
      at = 0
    }
    at += 8
    return pool.toString("hex", at - 8, at)
  }
})()

export class Ids extends Context.Service<Ids, {
  oxdId(): string
  state(): string
  nonce(): string
  requestId(): string
}>()("@oxd/core/Ids") {
  static readonly layer = Layer.succeed(
    Ids,
    Ids.of({
      oxdId: () => randomUUID(),
      state: () => randomBytes(32).toString("base64url"),
      nonce: () => randomBytes(32).toString("base64url"),
      requestId: requestIds,
    }),
  )
}
