import { edgeRefusal, type ErrorEnvelope, type Reply, type WireError } from "@oxd/core"
import { TRPCError, type TRPC_ERROR_CODE_KEY } from "@trpc/server"

/** The oxd error as it travels in tRPC's error data (`error.data.oxd`), the same on every transport. */
export type OxdErrorData = ErrorEnvelope["data"]

/** The cause of a TRPCError thrown for an oxd error reply: the envelope's data and the HTTP status of the code. */
export class OxdReplyError extends Error {
  override readonly name = "OxdReplyError"
  constructor(
    readonly data: OxdErrorData,
    readonly http: number,
  ) {
    super(data.error_description)
  }
}

/** The tRPC code for an oxd error's HTTP status (400 → BAD_REQUEST, 403 → FORBIDDEN, 502 → BAD_GATEWAY…). */
export const trpcCodeOf = (http: number): TRPC_ERROR_CODE_KEY => {
  switch (http) {
    case 400:
      return "BAD_REQUEST"
    case 401:
      return "UNAUTHORIZED"
    case 403:
      return "FORBIDDEN"
    case 404:
      return "NOT_FOUND"
    case 405:
      return "METHOD_NOT_SUPPORTED"
    case 413:
      return "PAYLOAD_TOO_LARGE"
    case 415:
      return "UNSUPPORTED_MEDIA_TYPE"
    case 429:
      return "TOO_MANY_REQUESTS"
    case 502:
      return "BAD_GATEWAY"
    case 503:
      return "SERVICE_UNAVAILABLE"
    case 504:
      return "GATEWAY_TIMEOUT"
    default:
      return http >= 500 ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST"
  }
}

/** A TRPCError carrying an oxd error reply. */
export const oxdTrpcError = (reply: Reply): TRPCError => {
  if (reply.envelope.status !== "error") throw new Error("oxdTrpcError needs an error reply")
  const data = reply.envelope.data
  return new TRPCError({
    code: trpcCodeOf(reply.http),
    message: data.error_description,
    cause: new OxdReplyError(data, reply.http),
  })
}

/**
 * The oxd error for any TRPCError: the reply's own for command errors; for what tRPC refused before a command ran
 * (a frame that is not JSON or not a tRPC request, an unknown procedure, bad subscription input) the nearest oxd
 * code; never the text of an unexpected failure.
 */
export const oxdErrorOf = (error: TRPCError): { readonly data: OxdErrorData; readonly http: number | undefined } => {
  if (error.cause instanceof OxdReplyError) return { data: error.cause.data, http: error.cause.http }
  const wire = refusalOf(error)
  return { data: { error: wire.code, error_description: wire.description }, http: wire.http }
}

/** What tRPC refused, as core's error table answers it (the same code as every edge for the same condition). */
const refusalOf = (error: TRPCError): WireError => {
  switch (error.code) {
    case "PARSE_ERROR":
      return edgeRefusal("bad_request", `The message is not a tRPC request: ${error.message}`)
    case "BAD_REQUEST":
    case "UNPROCESSABLE_CONTENT":
      return edgeRefusal("bad_request", error.message)
    case "NOT_FOUND":
    case "METHOD_NOT_SUPPORTED":
      return edgeRefusal(
        "no_command",
        `${error.message}. Every oxd command is a mutation named in camelCase (getAuthorizationUrl); events is a subscription.`,
      )
    case "TOO_MANY_REQUESTS":
      return edgeRefusal("over_limit", error.message)
    default:
      return edgeRefusal("failed", "Internal error; the server logged it.")
  }
}
