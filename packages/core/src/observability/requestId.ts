/** A request id a client may choose (X-Request-Id): short, and only characters safe in logs and headers. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/

/** The caller's request id when it is safe to carry, else undefined (and one is generated). */
export const requestIdFrom = (header: string | string[] | undefined): string | undefined =>
  typeof header === "string" && SAFE_REQUEST_ID.test(header) ? header : undefined
