import { Schema } from "effect"
import { ClaimLists, OxdId, ProtectionAccessToken } from "../_shared/fields.js"

export const Params = Schema.Struct({
  oxd_id: OxdId,
  access_token: Schema.NonEmptyString,
  protection_access_token: ProtectionAccessToken,
}).annotate({ description: "Fetches the user's claims from the OP's userinfo endpoint." })

export const Result = Schema.Struct({
  claims: ClaimLists.annotate({ description: "Each claim as a list of strings, as oxd 3.1 returns them." }),
})
