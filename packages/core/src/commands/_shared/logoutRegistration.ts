import { Effect } from "effect"
import type { Config } from "../../config/OxdConfig.js"
import { InvalidParams } from "../../errors.js"
import { BACKCHANNEL_LOGOUT_PATH, serverEndpoint } from "../../logout/endpoints.js"
import { Flag, optional, present, Text } from "./fields.js"

/**
 * The logout params of register_site, setup_client and update_site (OpenID Connect Back-Channel Logout 1.0 §2.2,
 * Front-Channel Logout 1.0 §2), in oxd 3.1's style of names: registered at the OP as the specs name them.
 */
export const LogoutFields = {
  backchannel_logout_uri: optional(Text).annotate({
    description:
      "Where the OP POSTs logout tokens (Back-Channel Logout 1.0). register_site and setup_client: this server's own /backchannel-logout when absent and public_base_url is set (the server then records the logout: check_session, the session_logged_out event, logout_webhook_url).",
  }),
  backchannel_logout_session_required: optional(Flag).annotate({
    description:
      "Whether the OP must put sid in logout tokens; true by default when the server's own endpoint is registered.",
  }),
  frontchannel_logout_uri: optional(Text).annotate({
    description:
      "The page the OP loads in an iframe at logout (Front-Channel Logout 1.0); this server's own is <public_base_url>/frontchannel-logout. Over client_frontchannel_logout_uris when both are given.",
  }),
  frontchannel_logout_session_required: optional(Flag).annotate({
    description: "Whether the OP must add iss and sid to the front-channel logout URI.",
  }),
  logout_webhook_url: optional(Text).annotate({
    description:
      "Where this server POSTs each logout of the site's sessions it receives (JSON, signed with HMAC-SHA256 of logout_webhook_secret in X-Oxd-Signature; retried with backoff). Kept here, never sent to the OP; needs logout_webhook_secret.",
  }),
}

const checkUri = (field: string, uri: string) => {
  const url = URL.parse(uri)
  if (!url || !/^https?:$/i.test(url.protocol))
    return Effect.fail(
      new InvalidParams({ code: "bad_request", field, detail: "must be an absolute URL, http or https" }),
    )
  // both specs: the URI MUST NOT include a fragment component
  if (uri.includes("#"))
    return Effect.fail(new InvalidParams({ code: "bad_request", field, detail: "must not include a fragment" }))
  return Effect.void
}

/** The site's logout webhook, kept with the site alone (a LOCAL_FIELDS field); {} when not given. */
export const logoutWebhook = (p: { readonly logout_webhook_url?: string | null | undefined }, config: Config) =>
  Effect.gen(function* () {
    if (!present(p.logout_webhook_url)) return {}
    yield* checkUri("logout_webhook_url", p.logout_webhook_url)
    if (!config.logout_webhook_secret)
      return yield* new InvalidParams({
        code: "bad_request",
        field: "logout_webhook_url",
        detail: "needs the server's logout_webhook_secret (the key its calls are signed with); none is configured",
      })
    return { logout_webhook_url: p.logout_webhook_url }
  })

type LogoutParams = {
  readonly backchannel_logout_uri?: string | null | undefined
  readonly backchannel_logout_session_required?: boolean | null | undefined
  readonly frontchannel_logout_uri?: string | null | undefined
  readonly frontchannel_logout_session_required?: boolean | null | undefined
}

/**
 * The logout metadata to register: what the caller gave; on a new registration (`defaults`), the server's own
 * back-channel endpoint when it knows its public URL and the caller named none.
 */
export const logoutMetadata = (p: LogoutParams, config: Config, defaults: boolean) =>
  Effect.gen(function* () {
    const out: Record<string, unknown> = {}
    if (present(p.backchannel_logout_uri)) {
      yield* checkUri("backchannel_logout_uri", p.backchannel_logout_uri)
      out["backchannel_logout_uri"] = p.backchannel_logout_uri
    } else if (defaults && config.public_base_url) {
      out["backchannel_logout_uri"] = serverEndpoint(config.public_base_url, BACKCHANNEL_LOGOUT_PATH)
      // sid lets a logout end the one session, and check_session answer by sid
      out["backchannel_logout_session_required"] = true
    }
    if (typeof p.backchannel_logout_session_required === "boolean")
      out["backchannel_logout_session_required"] = p.backchannel_logout_session_required
    if (present(p.frontchannel_logout_uri)) {
      yield* checkUri("frontchannel_logout_uri", p.frontchannel_logout_uri)
      out["frontchannel_logout_uri"] = p.frontchannel_logout_uri
    }
    if (typeof p.frontchannel_logout_session_required === "boolean")
      out["frontchannel_logout_session_required"] = p.frontchannel_logout_session_required
    return out
  })
