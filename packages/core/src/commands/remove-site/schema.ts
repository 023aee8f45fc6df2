import { Schema } from "effect"
import { OxdId, ProtectionAccessToken } from "../_shared/fields.js"

export const Params = Schema.Struct({ oxd_id: OxdId, protection_access_token: ProtectionAccessToken }).annotate({
  description: "Forgets the site: its oxd_id stops working. The client stays registered at the OP.",
})
export const Result = Schema.Struct({
  oxd_id: Schema.String.annotate({ description: "The oxd_id removed; it no longer works." }),
})
