import { randomBytes, randomUUID } from "node:crypto"
import { Context, Layer } from "effect"

/** Unguessable identifiers: oxd_id is a random UUID v4 (122 random bits); state and nonce 256 bits. */
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
      requestId: () => randomBytes(8).toString("hex"),
    }),
  )
}
