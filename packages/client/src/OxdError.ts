/** The oxd error of a reply: the same values whatever the transport. */
export interface OxdErrorData {
  readonly error: string
  readonly error_description: string
  readonly details?: unknown
}

/**
 * The server answered with an oxd error (`{"status":"error","data":{error,error_description,details?}}`). `httpStatus`
 * is the HTTP status it came with over https and ws: over https 200 from a server with rest_error_status: reference
 * (its default, as oxd-https-extension 3.1), the code's status (400, 403, 500, 502…) with http; TCP carries none.
 */
export class OxdError extends Error implements OxdErrorData {
  override readonly name = "OxdError"
  readonly error: string
  readonly error_description: string
  readonly details?: unknown
  readonly httpStatus: number | undefined

  constructor(data: OxdErrorData, httpStatus?: number) {
    super(`${data.error}: ${data.error_description}`)
    this.error = data.error
    this.error_description = data.error_description
    if (data.details !== undefined) this.details = data.details
    this.httpStatus = httpStatus
  }

  /** The oxd envelope of this error, as the TCP protocol and the REST API send it. */
  toEnvelope(): { readonly status: "error"; readonly data: OxdErrorData } {
    return {
      status: "error",
      data:
        this.details === undefined
          ? { error: this.error, error_description: this.error_description }
          : { error: this.error, error_description: this.error_description, details: this.details },
    }
  }
}

/** No oxd reply came: the server could not be reached, the connection broke, the call timed out. */
export class OxdTransportError extends Error {
  override readonly name = "OxdTransportError"
  constructor(
    readonly transport: "tcp" | "https" | "ws",
    message: string,
    options?: { readonly cause?: unknown },
  ) {
    super(message, options)
  }
}

export const isOxdErrorData = (v: unknown): v is OxdErrorData =>
  typeof v === "object" &&
  v !== null &&
  typeof (v as { error?: unknown }).error === "string" &&
  typeof (v as { error_description?: unknown }).error_description === "string"
