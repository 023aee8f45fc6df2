/**
 * A framework-neutral answer: status, headers (Set-Cookie may repeat, so a list of pairs) and a body. The fetch
 * entry points turn it into a Response (toResponse); the Express and Fastify adapters write it on their reply.
 */
export interface Reply {
  readonly status: number
  readonly headers: ReadonlyArray<readonly [string, string]>
  readonly body?: string | undefined
}

const JSON_TYPE = ["content-type", "application/json; charset=utf-8"] as const

/** A small JSON error body: `{"error":…}` plus a description, never an internal detail. */
export const jsonReply = (
  status: number,
  error: string,
  description: string,
  headers: ReadonlyArray<readonly [string, string]> = [],
): Reply => ({
  status,
  headers: [JSON_TYPE, ["cache-control", "no-store"], ...headers],
  body: JSON.stringify({ error, error_description: description }),
})

export const redirectReply = (location: string, headers: ReadonlyArray<readonly [string, string]> = []): Reply => ({
  status: 302,
  headers: [["location", location], ["cache-control", "no-store"], ...headers],
})

export const toResponse = (reply: Reply): Response => {
  const headers = new Headers()
  for (const [name, value] of reply.headers) headers.append(name, value)
  return new Response(reply.body ?? null, { status: reply.status, headers })
}
