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

/**
 * The oxd 4.x REST API through the generated client @oxd/client-rest/v4: POST /<command-with-dashes> (every 4.x POST
 * path is its command's name with dashes, RestResource.java:68-266), the params as JSON body, the protection token
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
      const { protection_access_token: token, ...rest } = params
      const inHeader = typeof token === "string" && token.length > 0
      try {
        const data = await client.call(restPath(command) as PostPath, rest as never, inHeader ? { token } : {})
        return { status: "ok", data: data as Record<string, unknown> }
      } catch (e) {
        if (!(e instanceof Oxd4Error)) throw e
        return {
          status: "error",
          data: { error: e.error, error_description: e.errorDescription, details: e.details, http_status: e.status },
        } as Envelope
      }
    },
    close: async () => {
      await opts.onClose?.()
    },
  }
}
