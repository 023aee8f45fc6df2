/**
 * Rewrites of the OP's discovery documents, for testing how a client treats what an OP advertises (an endpoint on
 * another host, a missing endpoint): `openid` applies to /.well-known/openid-configuration, `uma` to
 * /.well-known/uma2-configuration. A field's value replaces the document's; null removes the field. The endpoints
 * themselves keep answering where they are.
 */
export interface DiscoveryRewrite {
  openid?: Record<string, unknown>
  uma?: Record<string, unknown>
}
export type DiscoveryDocument = keyof DiscoveryRewrite

const DOCUMENTS: readonly DiscoveryDocument[] = ["openid", "uma"]

/** Validates a rewrite from the JS API or the control API; throws a TypeError naming what is wrong. */
export function parseDiscoveryRewrite(input: Record<string, unknown>): DiscoveryRewrite {
  const rewrite: DiscoveryRewrite = {}
  for (const [key, fields] of Object.entries(input)) {
    if (!(DOCUMENTS as readonly string[]).includes(key))
      throw new TypeError(`unknown document ${JSON.stringify(key)}; expected ${DOCUMENTS.join(" or ")}`)
    if (fields === undefined) continue
    if (typeof fields !== "object" || fields === null || Array.isArray(fields))
      throw new TypeError(`${key} must be an object of fields`)
    rewrite[key as DiscoveryDocument] = structuredClone(fields as Record<string, unknown>)
  }
  return rewrite
}

export class DiscoveryRewrites {
  #rewrite: DiscoveryRewrite = {}

  /** Replaces the rewrite in force; null (or {}) serves the documents as they are. */
  set(rewrite: DiscoveryRewrite | null): void {
    this.#rewrite = rewrite ? parseDiscoveryRewrite(rewrite as Record<string, unknown>) : {}
  }

  current(): DiscoveryRewrite {
    return structuredClone(this.#rewrite)
  }

  apply(document: DiscoveryDocument, body: Record<string, unknown>): Record<string, unknown> {
    const fields = this.#rewrite[document]
    if (!fields) return body
    const out = { ...body }
    for (const [k, v] of Object.entries(fields)) {
      if (v === null) delete out[k]
      else out[k] = v
    }
    return out
  }
}
