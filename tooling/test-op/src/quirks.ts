/**
 * Ways other OPs register clients differently from oidc-provider, seen with independent OPs (LemonLDAP::NG among
 * them), so a relying party can be tested against them here:
 *   public_when_auth_method_omitted  a registration without token_endpoint_auth_method registers a public client
 *                                    (`none`, no secret) instead of RFC 7591's client_secret_basic
 *   registration_without_secret      the registration answer leaves out client_secret (the client stays
 *                                    confidential: it cannot authenticate)
 *   singular_post_logout_redirect_uri only the first post_logout_redirect_uris entry is kept, answered as a single
 *                                    post_logout_redirect_uri string
 * Off until a test sets them; reset() clears them.
 */
export const QUIRKS = [
  "public_when_auth_method_omitted",
  "registration_without_secret",
  "singular_post_logout_redirect_uri",
] as const
export type Quirk = (typeof QUIRKS)[number]

export const isQuirk = (q: unknown): q is Quirk => typeof q === "string" && (QUIRKS as readonly string[]).includes(q)

/** The registration routes of oidc-provider whose answers carry the client's metadata. */
const CLIENT_ROUTES = new Set(["registration", "client", "client_update"])

export class Quirks {
  readonly #on = new Set<Quirk>()

  /** Replaces the quirks in force (an empty list: none). */
  set(quirks: readonly Quirk[]): void {
    for (const q of quirks)
      if (!isQuirk(q)) throw new TypeError(`unknown quirk ${JSON.stringify(q)}; expected one of ${QUIRKS.join(", ")}`)
    this.#on.clear()
    for (const q of quirks) this.#on.add(q)
  }

  current(): Quirk[] {
    return [...this.#on]
  }

  /** The registration request, before oidc-provider reads it (its idFactory hook: the first with the request). */
  request(body: Record<string, unknown> | undefined): void {
    if (!body) return
    if (this.#on.has("public_when_auth_method_omitted") && body.token_endpoint_auth_method === undefined)
      body.token_endpoint_auth_method = "none"
    if (this.#on.has("singular_post_logout_redirect_uri") && Array.isArray(body.post_logout_redirect_uris)) {
      body.post_logout_redirect_uris = body.post_logout_redirect_uris.slice(0, 1)
    }
  }

  /** The answer of a registration route (`route`: oidc-provider's name), as the quirky OP would give it. */
  answer(route: string, body: Record<string, unknown>): Record<string, unknown> {
    if (!CLIENT_ROUTES.has(route) || this.#on.size === 0) return body
    const out = { ...body }
    if (this.#on.has("registration_without_secret")) {
      delete out.client_secret
      delete out.client_secret_expires_at
    }
    if (this.#on.has("singular_post_logout_redirect_uri") && Array.isArray(out.post_logout_redirect_uris)) {
      const [first] = out.post_logout_redirect_uris as string[]
      delete out.post_logout_redirect_uris
      if (first !== undefined) out.post_logout_redirect_uri = first
    }
    return out
  }

  clear(): void {
    this.#on.clear()
  }
}
