import { Schema } from "effect"
import { RegistrationFields } from "../_shared/registration.js"

export const Params = Schema.Struct(RegistrationFields).annotate({
  description:
    "Registers the application (an OpenID client) at the OP, dynamically unless client_id is given, and returns its oxd_id.",
})
export const Result = Schema.Struct({
  oxd_id: Schema.String.annotate({ description: "Identifies the site in every later command." }),
  op_host: Schema.String.annotate({
    description: "The op_host the site is registered at, as given (or default_op_host).",
  }),
})
