export const DEFAULT_DISCOVERY_PATH = "/.well-known/openid-configuration"

/**
 * Where op_host's discovery document is. op_discovery_path is, as oxd 3.1 documents it, the path before
 * /.well-known/openid-configuration ("oxauth" → <op_host>/oxauth/.well-known/openid-configuration); a path that
 * names a .well-known document itself is taken as that document's path. Both are relative to op_host.
 */
export const discoveryUrl = (opHost: string, path: string | null | undefined): string => {
  const base = opHost.replace(/\/+$/, "")
  const p = (path ?? "").trim().replace(/^\/+|\/+$/g, "")
  if (p === "") return `${base}${DEFAULT_DISCOVERY_PATH}`
  return p.startsWith(".well-known/") || p.includes("/.well-known/")
    ? `${base}/${p}`
    : `${base}/${p}${DEFAULT_DISCOVERY_PATH}`
}

/** Whether the document is at the standard place, so OpenID discovery proper (openid-client) applies. */
export const isStandardDiscovery = (opHost: string, path: string | null | undefined): boolean =>
  discoveryUrl(opHost, path) === discoveryUrl(opHost, null)
