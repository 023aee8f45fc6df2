import type { Reply } from "@oxd/core"

/** rest_error_status: which HTTP status an oxd error reply of a command travels with. */
export type RestErrorStatus = "reference" | "http"

/** An AS/OP error the reference passes through with the AS/OP's own status: http_status_<NNN>. */
const PASS_THROUGH = /^http_status_([45]\d\d)$/

/**
 * The HTTP status of core's reply to a command. `reference` is oxd-https-extension 3.1.4: every oxd reply,
 * error or not, is HTTP 200 with the envelope (RestResource.java:201-215, `response()` returns the JSON), except
 * an `http_status_<NNN>` error, answered with status NNN (RestResource.java:206-210). `http`: the status of the
 * error code (core's errorCodes), e.g. 400 invalid_oxd_id, 403 inactive_protection_access_token, 502 op_unreachable,
 * and NNN for http_status_<NNN> too.
 */
export const replyStatus = (mode: RestErrorStatus, reply: Reply): number => {
  if (reply.envelope.status === "ok") return reply.http
  // the AS/OP's own status, in both modes: it is that code's status
  const passThrough = PASS_THROUGH.exec(reply.envelope.data.error)
  if (passThrough) return Number(passThrough[1])
  return mode === "http" ? reply.http : 200
}
