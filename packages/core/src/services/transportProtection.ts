import type { CallContext } from "../CallContext.js"
import type { Protection } from "../Command.js"

/**
 * How each transport presents a protection_access_token, in one table: the edges only pass the token their
 * transport carries (ctx.protectionToken) and name the transport; the protection guard reads this table on both
 * roads (check and peek), so a transport's policy cannot differ between them or drift into an edge.
 */
export interface TransportProtection {
  /** "always": every protected command needs a token; "config": only with protect_commands_with_access_token. */
  readonly required: "always" | "config"
  /**
   * Where the token comes from. "transport": only the transport's (a REST body's protection_access_token is no
   * token, as in the reference). "params-first": the params' wins over the transport's (a WebSocket call for another
   * setup client's site, over the connection's token). "transport-first": the transport's, else the params'.
   */
  readonly token: "transport" | "params-first" | "transport-first"
}

export const transportProtection: { readonly [T in CallContext["transport"]]: TransportProtection } = {
  https: { required: "always", token: "transport" },
  ws: { required: "always", token: "params-first" },
  tcp: { required: "config", token: "transport-first" },
  internal: { required: "config", token: "transport-first" },
}

const nonEmpty = (v: unknown): string | undefined => (typeof v === "string" && v.length > 0 ? v : undefined)

/** The token a call presents, by its transport's policy: the transport's token (header, connection), the params'. */
export const presentedToken = (
  transport: CallContext["transport"],
  transportToken: string | undefined,
  params: Readonly<Record<string, unknown>> | null | undefined,
): string | undefined => {
  const fromTransport = nonEmpty(transportToken)
  switch (transportProtection[transport].token) {
    case "transport":
      return fromTransport
    case "params-first":
      return nonEmpty(params?.["protection_access_token"]) ?? fromTransport
    case "transport-first":
      return fromTransport ?? nonEmpty(params?.["protection_access_token"])
  }
}

/**
 * Whether a token is required on this call: ctx.requireProtection when an in-process caller sets it, else the
 * transport's policy.
 */
export const tokenRequired = (ctx: CallContext, protectCommandsWithAccessToken: boolean): boolean =>
  ctx.requireProtection ?? (transportProtection[ctx.transport].required === "always" || protectCommandsWithAccessToken)

/**
 * The protection step a call takes, decided once for both roads: "pass" (no token to check), "missing" (refused:
 * protection_access_token is required), "site" (presentedToken must be the site's setup client's), "register" (it
 * must be a setup client's at the new site's OP). A string, not an object: this runs on every call of the hot path.
 */
export type ProtectionStep = "pass" | "missing" | "site" | "register"

export const protectionStep = (
  protection: Protection,
  ctx: CallContext,
  token: string | undefined,
  protectCommandsWithAccessToken: boolean,
): ProtectionStep => {
  if (protection === "none") return "pass"
  // oxd 4.x: register_site is not protected (CommandType.java:20); the new site is its own protection client
  if (protection === "register" && ctx.api === "4") return "pass"
  if (!tokenRequired(ctx, protectCommandsWithAccessToken)) {
    // protection off: register_site still checks a token it is given, and the new site is tied to its setup
    // client, as the reference does (RegisterSiteOperation.java:78-98; audit R12, X21); nothing else is checked
    return protection === "register" && token ? "register" : "pass"
  }
  return token ? protection : "missing"
}
