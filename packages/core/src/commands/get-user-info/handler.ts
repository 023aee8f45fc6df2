import { Effect } from "effect"
import { decodeJwt } from "jose"
import { InvalidParams, UserInfoSubjectMismatch } from "../../errors.js"
import { OpenIdProvider } from "../../services/OpenIdProvider.js"
import { SiteStore } from "../../services/SiteStore.js"
import { TokenSubjects } from "../../services/TokenSubjects.js"
import { toClaimLists } from "../_shared/claims.js"
import { present } from "../_shared/fields.js"
import { opClientOf } from "../_shared/siteClient.js"
import type { CallContext } from "../../CallContext.js"
import type { Params, Result } from "./schema.js"

/** The reference's reply (GetUserInfoResponse): the claims, and two fields it never fills. */
const reply31 = (claims: Record<string, unknown>): typeof Result.Type => ({
  claims: toClaimLists(claims),
  refresh_token: null,
  access_token: null,
})

export const handler = Effect.fnUntraced(function* (p: typeof Params.Type, ctx: CallContext) {
  // oxd 4.x answers the claims as the OP wrote them (Result4; dispatch encodes it on the 4.x API)
  const reply = (claims: Record<string, unknown>): typeof Result.Type =>
    ctx.api === "4" ? (claims as never) : reply31(claims)
  const site = yield* (yield* SiteStore).get(p.oxd_id)
  // the reference asks the OP without a token and keeps what its refusal leaves: no claims
  if (!present(p.access_token)) return reply({})
  const accessToken = p.access_token
  const claims = yield* (yield* OpenIdProvider).userInfo(opClientOf(site), accessToken).pipe(
    // an OAuth refusal of the token (401 invalid_token…): the reference's UserInfoClient drops the error fields and
    // answers what is left, no claims; nothing about any user is returned, so nothing can be mistaken for one
    Effect.catchTag("OpRejected", () => Effect.succeed(undefined)),
  )
  if (claims === undefined) return reply({})
  yield* (yield* TokenSubjects).checkUserInfo(site.oxdId, accessToken, claims)
  // oxd 4.x's id_token (GetUserInfoOperation.java:58-81 on master): its sub must be the answer's. Read unverified, as
  // the reference reads it: it can only make this call refuse, never let an answer through
  if (present(p.id_token)) {
    const sub = yield* Effect.try({
      try: () => decodeJwt(p.id_token as string).sub,
      catch: () =>
        new InvalidParams({ code: "failed_to_verify_subject_identifier", field: "id_token", detail: "is not a JWT" }),
    })
    if (sub === undefined || claims["sub"] !== sub) return yield* new UserInfoSubjectMismatch({ by_id_token: true })
  }
  return reply(claims)
})
