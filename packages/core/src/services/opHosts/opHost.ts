import type { Config } from "../../config/OxdConfig.js"

/**
 * An op_host as the reference reads it: without a scheme, https:// is prepended (`DiscoveryService.baseOpUrl`,
 * oxd 3.1.4 DiscoveryService.java:133-141; audit SC2, R2, GC2). Every op_host that enters the server goes through
 * this (setup_client, register_site, get_client_token, the protection guard, whoami), so a site's op_host is its
 * setup client's. Unlike the reference (`startsWith("http")`), a host whose name begins with "http" gets a scheme too.
 */
export const normalizeOpHost = (opHost: string): string => (/^https?:\/\//i.test(opHost) ? opHost : `https://${opHost}`)

/** The op_host a call names, as given (the caller's, else default_op_host), or undefined when there is none. */
export const requestedOpHost = (given: unknown, config: Pick<Config, "default_op_host">): string | undefined =>
  typeof given === "string" && given.length > 0 ? given : config.default_op_host
