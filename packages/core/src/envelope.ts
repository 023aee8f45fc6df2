import type { Envelope, ErrorEnvelope, OkEnvelope } from "@oxd/wire"
import type { WireError } from "./errorCodes.js"

/** The oxd reply, the same on every transport; its types are the wire contract's (@oxd/wire). */
export type { Envelope, ErrorEnvelope, OkEnvelope }

/** A reply plus what an edge needs besides the body (the HTTP status). */
export interface Reply<A = unknown> {
  readonly envelope: Envelope<A>
  readonly http: number
}

export const okEnvelope = <A>(data: A): OkEnvelope<A> => ({ status: "ok", data })

/**
 * The reference's error data always carries `details`, null unless the AS answered need_info (oxd 3.1.4
 * ErrorResponse.java:22-27: its JSON mapper writes null fields).
 */
export const errorEnvelope = (e: WireError, details?: unknown): ErrorEnvelope => ({
  status: "error",
  data: { error: e.code, error_description: e.description, details: details === undefined ? null : details },
})

/** A defect never leaks its text to the caller: it gets a request id to quote to the operator. */
export const defectError = (requestId: string): WireError => ({
  code: "internal_error",
  http: 500,
  description: `Internal error; the server logged it with request id ${requestId}.`,
})
