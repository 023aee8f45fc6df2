import type { Reply } from "./reply.js"

/** A reply's headers grouped by name (Set-Cookie repeats), as Node's setHeader and Fastify's header take them. */
export const groupedHeaders = (reply: Reply): Map<string, string | string[]> => {
  const out = new Map<string, string | string[]>()
  for (const [name, value] of reply.headers) {
    const had = out.get(name)
    out.set(name, had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value])
  }
  return out
}
