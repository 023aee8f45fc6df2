/**
 * The oxd reply, the same on every transport: `{"status":"ok","data":…}` or
 * `{"status":"error","data":{"error","error_description","details"}}`. Types only: the server builds them (core's
 * okEnvelope/errorEnvelope), clients and the conformance suite read them.
 */
export type OkEnvelope<A = unknown> = { readonly status: "ok"; readonly data: A }

/** What an error carries: a stable code, a sentence telling the caller what to fix, and need_info details (else null). */
export type ErrorData = { readonly error: string; readonly error_description: string; readonly details?: unknown }

export type ErrorEnvelope = { readonly status: "error"; readonly data: ErrorData }

export type Envelope<A = unknown> = OkEnvelope<A> | ErrorEnvelope
