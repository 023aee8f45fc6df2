import { createOxd4Client, Oxd4Error, type PostPath } from "@oxd/client-rest/v4"
import { restPath } from "@oxd/wire"
import type { Envelope, Transport } from "../Transport.js"

/**
 * The HTTP status of a 4.x error reply: the https4 transport keeps it beside the error (`data.http_status`), since
 * 4.x's status is part of its answer (HttpException.java:20) and scenarios check it.
 */
export const httpStatusOf = (data: { readonly error: string }): number | undefined => {
  const status = (data as { readonly http_status?: unknown }).http_status
  return typeof status === "number" ? status : undefined
}

/** A 4.x error answer as the envelope scenarios read: the code, its description and details, the HTTP status. */
const errorEnvelope = (e: Oxd4Error): Envelope =>
  ({
    status: "error",
    data: { error: e.error, error_description: e.errorDescription, details: e.details, http_status: e.status },
  }) as Envelope

/** The error of a GET answer that is not 2xx, read as @oxd/client-rest/v4 reads a POST's (ErrorResponse JSON). */
const getError = async (response: Response): Promise<Envelope> => {
  const text = await response.text()
  const body = (() => {
    try {
      return JSON.parse(text) as { error?: unknown; error_description?: unknown; details?: unknown }
    } catch {
      return undefined
    }
  })()
  return typeof body?.error === "string"
    ? errorEnvelope(new Oxd4Error(response.status, body.error, String(body.error_description ?? ""), body.details))
    : errorEnvelope(new Oxd4Error(response.status, `http_status_${response.status}`, text))
}

/**
 * The 4.x API's GET commands (RestResource.java:54-66): get_rp_jwks, and get_request_object, whose id is the path's
 * last segment and whose answer is the request object as text/plain — as an OP fetches the request_uri.
 */
const get4 = async (
  baseUrl: string,
  doFetch: (input: Request) => Promise<Response>,
  command: "get_rp_jwks" | "get_request_object",
  params: Record<string, unknown>,
): Promise<Envelope> => {
  const path =
    command === "get_rp_jwks"
      ? "/get-rp-jwks"
      : `/get-request-object/${encodeURIComponent(String(params["request_object_id"] ?? ""))}`
  const response = await doFetch(new Request(`${baseUrl.replace(/\/$/, "")}${path}`))
  if (!response.ok) return getError(response)
  const data = command === "get_rp_jwks" ? await response.json() : await response.text()
  return { status: "ok", data } as Envelope
}

/**
 * The oxd 4.x REST API through the generated client @oxd/client-rest/v4: POST /<command-with-dashes> (every 4.x POST
 * path is its command's name with dashes, RestResource.java:68-266; the two GET commands by their paths, :54-66), the params as JSON body, the protection token
 * from the params moved to `Authorization: Bearer`. Its bare replies become the envelope scenarios read: a result is
 * `{status:"ok",data}`, a 4.x error `{status:"error",data:{error,error_description,details,http_status}}`.
 */
export const https4Transport = (opts: {
  /** e.g. https://127.0.0.1:8543 */
  readonly baseUrl: string
  readonly fetch?: (input: Request) => Promise<Response>
  readonly onClose?: () => Promise<void>
}): Transport => {
  const client = createOxd4Client({ baseUrl: opts.baseUrl, ...(opts.fetch ? { fetch: opts.fetch } : {}) })
  return {
    name: "https4",
    call: async (command, params) => {
      if (command === "get_rp_jwks" || command === "get_request_object")
        return get4(opts.baseUrl, opts.fetch ?? ((r) => fetch(r)), command, params)
      const { protection_access_token: token, ...rest } = params
      const inHeader = typeof token === "string" && token.length > 0
      try {
        const data = await client.call(restPath(command) as PostPath, rest as never, inHeader ? { token } : {})
        return { status: "ok", data: data as Record<string, unknown> }
      } catch (e) {
        if (!(e instanceof Oxd4Error)) throw e
        return errorEnvelope(e)
      }
    },
    close: async () => {
      await opts.onClose?.()
    },
  }
}
