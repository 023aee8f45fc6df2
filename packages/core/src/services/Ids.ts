import { randomBytes, randomUUID } from "node:crypto"
import { Context, Layer } from "effect"

/**
 * n random bytes from a buffer refilled 4 KB at a time from the CSPRNG (as node's randomUUID does): a randomBytes
 * call per value was a tenth of get_authorization_url. Every byte is handed out once; the view is valid until the
 * next call, so copy or encode it at once.
 */
export const pooledRandomBytes = (() => {
  let pool = randomBytes(4096)
  let at = 0
  return (n: number): Buffer => {
    if (at + n > pool.length) {
      pool = randomBytes(4096)
      at = 0
    }
    at += n
    return pool.subarray(at - n, at)
  }
})()

/** Unguessable identifiers: oxd_id is a random UUID v4 (122 random bits). States are sealed (sealedState.ts). */
export class Ids extends Context.Service<
  Ids,
  {
    oxdId(): string
    requestId(): string
  }
>()("@oxd/core/Ids") {
  static readonly layer = Layer.succeed(
    Ids,
    Ids.of({
      oxdId: () => randomUUID(),
      requestId: () => pooledRandomBytes(8).toString("hex"),
    }),
  )
}
