import { Clock, Layer, Logger, References } from "effect"
import { OxdConfig, type Config } from "./config/OxdConfig.js"
import { jsonLineLogger } from "./observability/jsonLogger.js"
import type { OxdMetrics } from "./observability/metrics.js"
import { withRegisteredOps } from "./observability/registeredOps.js"
import { tracingLayer } from "./observability/tracing.js"
import { Events } from "./services/Events.js"
import { Ids } from "./services/Ids.js"
import { KeyStore } from "./services/KeyStore.js"
import { LogoutSessions } from "./services/LogoutSessions.js"
import { LogoutWebhooks } from "./services/LogoutWebhooks.js"
import { OpenIdProvider } from "./services/OpenIdProvider.js"
import { OpFetch } from "./services/OpFetch.js"
import type { Transport } from "./services/opResilience.js"
import { ProtectionGuard } from "./services/ProtectionGuard.js"
import { RequestObjects } from "./services/RequestObjects.js"
import { RpKeys } from "./services/RpKeys.js"
import { SiteStore } from "./services/SiteStore.js"
import { ResourceStore } from "./services/ResourceStore.js"
import { StateStore } from "./services/StateStore.js"
import { TokenSubjects } from "./services/TokenSubjects.js"
import { UmaAuthorizationServer } from "./services/UmaAuthorizationServer.js"
import { Database } from "./store/Database.js"

const levels = { debug: "Debug", info: "Info", warn: "Warn", error: "Error" } as const

/** Logs go to stdout, one line each; json for machines (flat: time, level, msg, then the fields), pretty for people. */
export const loggerLayer = (config: Config) =>
  Layer.mergeAll(
    Logger.layer([config.log_format === "json" ? jsonLineLogger : Logger.consolePretty({ colors: false })]),
    Layer.succeed(References.MinimumLogLevel, levels[config.log_level]),
  )

export interface CoreOptions {
  /** The time core reads, in its services and its synchronous road (default: Effect's Clock; tests pass a TestClock). */
  readonly clock?: Clock.Clock
  readonly opTransport?: Transport
  /** Where OP calls are counted (makeOxd's; absent: not counted). */
  readonly metrics?: OxdMetrics
  /** How often spans are sent to otlp_endpoint (default 5 s; they are also sent at dispose). */
  readonly traceExportIntervalMs?: number
}

/** Every service core's commands need, built from one configuration. */
export const coreLayer = (config: Config, options: CoreOptions = {}) => {
  const configLayer = OxdConfig.layer(config)
  // spans only with a collector to send them to: without one, no tracer is installed and nothing is recorded
  const tracing = config.otlp_endpoint
    ? tracingLayer({
        endpoint: config.otlp_endpoint,
        serviceName: config.otlp_service_name,
        ...(options.traceExportIntervalMs ? { exportIntervalMs: options.traceExportIntervalMs } : {}),
      })
    : Layer.empty
  const logging = loggerLayer(config)
  // the logger too: the store warns at start (atRestWarnings.ts) while the layers are being built
  const db = Database.layer.pipe(Layer.provide(Layer.merge(configLayer, logging)))
  // with metrics, the site store also tells them which OPs have sites (their origins alone become labels)
  const siteStore =
    options.metrics && config.metrics_enabled
      ? SiteStore.layer.pipe(withRegisteredOps(options.metrics))
      : SiteStore.layer
  const stores = Layer.mergeAll(
    siteStore,
    StateStore.layer,
    ResourceStore.layer,
    TokenSubjects.layer,
    RpKeys.layer,
    RequestObjects.layer,
    LogoutSessions.layer,
  ).pipe(Layer.provide(Layer.merge(db, configLayer)))
  const fetchLayer = OpFetch.layerWith(options.opTransport, options.metrics).pipe(
    Layer.provide(Layer.merge(configLayer, tracing)),
  )
  const op = OpenIdProvider.layer.pipe(Layer.provide(Layer.merge(fetchLayer, configLayer)))
  const uma = UmaAuthorizationServer.layer.pipe(Layer.provide(Layer.mergeAll(fetchLayer, op, configLayer)))
  const guard = ProtectionGuard.layer.pipe(Layer.provide(Layer.mergeAll(stores, op, configLayer)))
  const services = Layer.mergeAll(
    configLayer,
    db,
    stores,
    op,
    // the same OpFetch as the OP's (a layer is built once): get_issuer's WebFinger query goes through it
    fetchLayer,
    uma,
    guard,
    Ids.layer,
    Events.layer,
    KeyStore.layer.pipe(Layer.provide(configLayer)),
    LogoutWebhooks.layer.pipe(Layer.provide(Layer.merge(configLayer, logging))),
    logging,
    tracing,
  )
  return options.clock ? services.pipe(Layer.provideMerge(Layer.succeed(Clock.Clock, options.clock))) : services
}
