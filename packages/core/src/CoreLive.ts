import { Layer, Logger, References } from "effect"
import { OxdConfig, type Config } from "./config/OxdConfig.js"
import { Events } from "./services/Events.js"
import { Ids } from "./services/Ids.js"
import { KeyStore } from "./services/KeyStore.js"
import { OpenIdProvider } from "./services/OpenIdProvider.js"
import { OpFetch } from "./services/OpFetch.js"
import type { Transport } from "./services/opResilience.js"
import { ProtectionGuard } from "./services/ProtectionGuard.js"
import { SiteStore } from "./services/SiteStore.js"
import { ResourceStore } from "./services/ResourceStore.js"
import { StateStore } from "./services/StateStore.js"
import { UmaAuthorizationServer } from "./services/UmaAuthorizationServer.js"
import { Database } from "./store/Database.js"

const levels = { debug: "Debug", info: "Info", warn: "Warn", error: "Error" } as const

/** Logs go to stdout, one line each; json for machines, pretty for people. */
export const loggerLayer = (config: Config) =>
  Layer.mergeAll(
    Logger.layer([config.log_format === "json" ? Logger.consoleJson : Logger.consolePretty({ colors: false })]),
    Layer.succeed(References.MinimumLogLevel, levels[config.log_level]),
  )

/** Every service core's commands need, built from one configuration. */
export const coreLayer = (config: Config, options: { readonly opTransport?: Transport } = {}) => {
  const configLayer = OxdConfig.layer(config)
  const db = Database.layer.pipe(Layer.provide(configLayer))
  const stores = Layer.mergeAll(SiteStore.layer, StateStore.layer, ResourceStore.layer).pipe(Layer.provide(Layer.merge(db, configLayer)))
  const fetchLayer = OpFetch.layerWith(options.opTransport).pipe(Layer.provide(configLayer))
  const op = OpenIdProvider.layer.pipe(Layer.provide(Layer.merge(fetchLayer, configLayer)))
  const uma = UmaAuthorizationServer.layer.pipe(Layer.provide(Layer.mergeAll(fetchLayer, op, configLayer)))
  const guard = ProtectionGuard.layer.pipe(Layer.provide(Layer.mergeAll(stores, op, configLayer)))
  return Layer.mergeAll(configLayer, db, stores, op, uma, guard, Ids.layer, Events.layer, KeyStore.layer.pipe(Layer.provide(configLayer)), loggerLayer(config))
}
