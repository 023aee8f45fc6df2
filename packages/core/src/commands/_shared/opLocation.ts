import { Effect } from "effect"
import type { Config } from "../../config/OxdConfig.js"
import { InvalidParams, NoOpLocation } from "../../errors.js"
import { DEFAULT_DISCOVERY_PATH } from "../../services/discoveryUrl.js"
import { normalizeOpHost } from "../../services/opHosts/opHost.js"
import { optional, present, Text } from "./fields.js"

/**
 * Where an OP is, as oxd 4.x's commands without a site name it (GetDiscoveryParams, GetJwksParams, GetIssuerParams on
 * GluuFederation/oxd master): op_configuration_endpoint, else op_host + op_discovery_path.
 */
export const OpLocationFields = {
  op_configuration_endpoint: optional(Text).annotate({
    description:
      "URL of the OP's discovery document (https://op.example.com/.well-known/openid-configuration); preferred over op_host.",
  }),
  op_host: optional(Text).annotate({
    description:
      "Issuer URL of the OP (oxd 4.x: deprecated for op_configuration_endpoint); default_op_host when absent.",
  }),
  op_discovery_path: optional(Text).annotate({
    description: "Path of the discovery document under op_host when not /.well-known/openid-configuration.",
  }),
}

export interface OpLocationParams {
  readonly op_configuration_endpoint?: string | null | undefined
  readonly op_host?: string | null | undefined
  readonly op_discovery_path?: string | null | undefined
}

/**
 * The (op_host, discovery path) the discovery cache is keyed by. op_configuration_endpoint wins, as in the reference
 * (DiscoveryService.java:67-70); a URL ending in /.well-known/openid-configuration names its issuer, any other is
 * taken as a document under its origin (whose issuer must then be that origin: the cache's issuer check).
 */
export const opLocation = (
  p: OpLocationParams,
  config: Pick<Config, "default_op_host" | "default_op_discovery_path">,
): Effect.Effect<{ readonly opHost: string; readonly path: string | null }, InvalidParams | NoOpLocation> =>
  Effect.suspend(
    (): Effect.Effect<{ readonly opHost: string; readonly path: string | null }, InvalidParams | NoOpLocation> => {
      if (present(p.op_configuration_endpoint)) {
        const url = URL.parse(p.op_configuration_endpoint)
        if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash) {
          return Effect.fail(
            new InvalidParams({
              code: "invalid_op_configuration_endpoint",
              field: "op_configuration_endpoint",
              detail: "must be the http(s) URL of the OP's discovery document, without query or fragment",
            }),
          )
        }
        const href = url.href.replace(/\/+$/, "")
        return Effect.succeed(
          href.endsWith(DEFAULT_DISCOVERY_PATH)
            ? { opHost: href.slice(0, -DEFAULT_DISCOVERY_PATH.length), path: null as string | null }
            : { opHost: url.origin, path: url.pathname },
        )
      }
      const opHost = present(p.op_host) ? p.op_host : config.default_op_host
      if (!opHost) return Effect.fail(new NoOpLocation())
      const path = present(p.op_discovery_path) ? p.op_discovery_path : (config.default_op_discovery_path ?? null)
      return Effect.succeed({ opHost: normalizeOpHost(opHost), path })
    },
  )
