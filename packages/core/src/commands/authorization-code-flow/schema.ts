import { Schema } from "effect"
import { optional, Text } from "../_shared/fields.js"
import { PasswordFlowFields, PasswordFlowResult } from "../_shared/passwordFlow.js"

export const Params = Schema.Struct({
  ...PasswordFlowFields,
  acr: optional(Text).annotate({ description: "acr_values, space-separated." }),
}).annotate({
  description:
    "Test helper (test_helpers_enabled): a whole code flow by password — login with prompt=none, then the code exchanged (oxd 4.x authorization-code-flow).",
})
export const Result = PasswordFlowResult
