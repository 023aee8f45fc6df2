import { Schema } from "effect"
import { OxdId, optional, ProtectionAccessToken, StringList } from "../_shared/fields.js"

export const Params = Schema.Struct({
  oxd_id: OxdId,
  // not required by the schema: the reference sends whatever it got and answers the OP's refusal (internal_error)
  refresh_token: optional(Schema.String).annotate({
    description: "The refresh token from get_tokens_by_code (or an earlier refresh).",
  }),
  scope: optional(StringList).annotate({
    description: "Scopes to ask for, openid added (as oxd 3.1 does); the original grant's when absent.",
  }),
  protection_access_token: ProtectionAccessToken,
}).annotate({ description: "Gets a new access token with a refresh token." })

export const Result = Schema.Struct({
  access_token: Schema.String.annotate({ description: "The new access token." }),
  expires_in: Schema.Int.annotate({ description: "Seconds the access token lives; -1 when the OP does not say." }),
  refresh_token: Schema.NullOr(Schema.String).annotate({
    description: "The OP's new refresh token; null when it issued none (the one sent stays valid then).",
  }),
  scope: Schema.NullOr(Schema.String).annotate({
    description: "The scope the OP granted, as it wrote it (space-separated); null when it did not say.",
  }),
})
