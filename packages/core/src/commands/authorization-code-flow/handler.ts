import { passwordFlow } from "../_shared/passwordFlow.js"
import type { Params } from "./schema.js"

/** AuthorizationCodeFlowOperation.java:41-107 on master (passwordFlow says where it differs). */
export const handler = (p: typeof Params.Type) => passwordFlow(p)
