export { startWsServer, WS_TIMEOUTS, type WsServer, type WsServerOptions } from "./WsServer.js"
export {
  appRouter,
  EventsInput,
  EVENTS_QUEUE_MAX,
  type AppRouter,
  type CamelCase,
  type CommandProcedures,
  type WsContext,
} from "./router.js"
export { OxdReplyError, oxdErrorOf, trpcCodeOf, type OxdErrorData } from "./errors.js"
export {
  guardConnection,
  CLOSE_SLOW_CONSUMER,
  CLOSE_POLICY,
  type ConnectionLimits,
  type GuardedSocket,
  type WsConnection,
} from "./Connection.js"
export { loadWsTls, WsTlsError } from "./tls.js"
