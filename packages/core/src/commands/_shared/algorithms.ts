import { Effect } from "effect"
import { InvalidAlgorithm } from "../../errors.js"

export const ALGORITHMS = [
  "none",
  "HS256",
  "HS384",
  "HS512",
  "RS256",
  "RS384",
  "RS512",
  "ES256",
  "ES384",
  "ES512",
] as const

export const checkAlgorithm = (alg: string | null | undefined): Effect.Effect<void, InvalidAlgorithm> =>
  !alg || (ALGORITHMS as ReadonlyArray<string>).includes(alg)
    ? Effect.void
    : Effect.fail(new InvalidAlgorithm({ algorithm: alg }))
