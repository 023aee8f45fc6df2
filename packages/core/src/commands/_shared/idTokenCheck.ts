import { Effect } from "effect"
import { OpenIdProvider } from "../../services/OpenIdProvider.js"
import type { Site } from "../../services/SiteStore.js"
import { opClientOf } from "./siteClient.js"

/**
 * An ID token a caller holds, validated on core's one path (OpenIdProvider.validateIdToken → validateIdToken: the
 * checks of a code-flow ID token). A token the checks refuse is inactive (undefined), as the reference's
 * isIdTokenValid answers false for any refusal (S/op/Validator.java:256-263 on master); one that is no JWT stays an
 * error (its Jwt.parse throws first: internal_error). Hash mismatches are the caller's to map.
 */
export const verifiedIdTokenClaims = (
  site: Site,
  idToken: string,
  extra: { nonce?: string; accessToken?: string; code?: string },
) =>
  Effect.gen(function* () {
    const op = yield* OpenIdProvider
    return yield* op.validateIdToken(opClientOf(site), idToken, extra).pipe(
      Effect.map((claims): Record<string, unknown> | undefined => claims),
      Effect.catchTag("IdTokenRejected", (e) =>
        e.reason === "malformed" ? Effect.fail(e) : Effect.succeed(undefined),
      ),
    )
  })

/** A NumericDate claim in whole seconds (it may carry fractions, RFC 7519 §2), or undefined. */
export const numericDate = (v: unknown): number | undefined =>
  typeof v === "number" && Number.isFinite(v) ? Math.floor(v) : undefined
