import { Effect } from "effect"
import { OperationFailed, type OpRejected } from "../../errors.js"

/**
 * An OP's (or AS's) refusal where the reference's operation gives up and answers internal_error (it returns null or
 * cannot read the answer): the same code, the refusal kept in the description.
 */
export const refusedAsInternalError = (operation: string, refused: string) => (e: OpRejected) =>
  Effect.fail(
    new OperationFailed({
      operation,
      detail: `${refused} with "${e.op_error}"${e.op_error_description ? `: ${e.op_error_description}` : ""}${e.advice ? ` (HTTP ${e.op_status ?? "?"}). ${e.advice}` : ""}`,
    }),
  )
