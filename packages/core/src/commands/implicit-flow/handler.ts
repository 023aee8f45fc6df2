import { passwordFlow } from "../_shared/passwordFlow.js"
import type { Params } from "./schema.js"

/** ImplicitFlowOperation.java:38-102 on master: the same requests as authorization_code_flow's, without acr. */
export const handler = (p: typeof Params.Type) => passwordFlow(p)
