/** The WebFinger rel of an OpenID issuer (OpenID Connect Discovery 1.0 §2; the reference's WebFingerParam.REL_VALUE). */
export const ISSUER_REL = "http://openid.net/specs/connect/1.0/issuer"

/**
 * The WebFinger request for a user input identifier, normalised as OpenID Connect Discovery 1.0 §2.1 says: an e-mail
 * like `user@host` becomes `acct:user@host`, anything else without a scheme an https URL; the query goes to the host
 * of the identifier, over https. undefined: no host can be read from it.
 */
export const webFingerRequest = (resource: string): { url: string; resource: string } | undefined => {
  const input = resource.trim()
  let normalised: string
  let host: string
  if (
    /^acct:/i.test(input) ||
    (!/^[a-z][a-z0-9+.-]*:\/\//i.test(input) && input.includes("@") && !input.includes("/"))
  ) {
    normalised = /^acct:/i.test(input) ? input : `acct:${input}`
    host = normalised.slice(normalised.lastIndexOf("@") + 1)
    if (!host || /[\s/?#]/.test(host)) return undefined
  } else {
    const url = URL.parse(/^[a-z][a-z0-9+.-]*:\/\//i.test(input) ? input : `https://${input}`)
    if (!url || !/^https?:$/.test(url.protocol) || !url.host) return undefined
    url.hash = ""
    normalised = url.href
    host = url.host
  }
  const probe = URL.parse(`https://${host}/.well-known/webfinger`)
  if (!probe) return undefined
  probe.searchParams.set("resource", normalised)
  probe.searchParams.set("rel", ISSUER_REL)
  return { url: probe.href, resource: normalised }
}

export interface WebFingerLink {
  readonly rel: string
  readonly href: string
}

/** A JRD (RFC 7033 §4.4) read for what the reference keeps: subject and the links with rel and href. */
export const readJrd = (body: unknown): { subject: string; links: ReadonlyArray<WebFingerLink> } | undefined => {
  if (typeof body !== "object" || body === null) return undefined
  const { subject, links } = body as { subject?: unknown; links?: unknown }
  if (typeof subject !== "string" || subject === "" || !Array.isArray(links)) return undefined
  const kept = links.flatMap((l: unknown) => {
    const { rel, href } = (l ?? {}) as { rel?: unknown; href?: unknown }
    return typeof rel === "string" && typeof href === "string" ? [{ rel, href }] : []
  })
  return kept.length > 0 ? { subject, links: kept } : undefined
}
