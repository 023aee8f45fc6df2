import { Schema } from "effect"
import { PasswordFlowFields, PasswordFlowResult } from "../_shared/passwordFlow.js"

export const Params = Schema.Struct(PasswordFlowFields).annotate({
  description:
    "Test helper (test_helpers_enabled): as authorization_code_flow, without acr (oxd 4.x implicit-flow, which despite its name runs a code flow).",
})
export const Result = PasswordFlowResult
