import { Schema } from "effect"
import { optional, OxdId, ProtectionAccessToken, Text } from "../_shared/fields.js"

export const Params = Schema.Struct({
  oxd_id: OxdId,
  sid: optional(Text).annotate({
    description: "The OP session's id: the sid claim of the ID token get_tokens_by_code answered.",
  }),
  sub: optional(Text).annotate({
    description: "The user's sub (with sid: that session of that user; alone: any session of the user at this site).",
  }),
  protection_access_token: ProtectionAccessToken,
}).annotate({
  description:
    "Whether the OP ended a session of the site (back-channel or front-channel logout; docs/logout.md): for applications that poll rather than follow the session_logged_out event.",
})

export const Result = Schema.Struct({
  status: Schema.Literals(["active", "logged_out", "unknown"]).annotate({
    description:
      "active: signed in through this server and not logged out; logged_out: the OP said the session ended; unknown: no such session is remembered here (never signed in through this server, or older than logout_session_max_age_in_seconds).",
  }),
  logged_out_at: Schema.NullOr(Schema.Int).annotate({
    description: "When the logout was received, seconds since 1970; null unless logged_out.",
  }),
  channel: Schema.NullOr(Schema.Literals(["backchannel", "frontchannel"])).annotate({
    description: "How the OP said so; null unless logged_out.",
  }),
})
