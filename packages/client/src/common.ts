/** What every entry point exports besides its createOxdClient: errors, names and types. */
export { OxdError, OxdTransportError, type OxdErrorData } from "./OxdError.js"
export { procedureName, commandOfMethod, type CamelCase } from "@oxd/wire"
export type {
  CallOptions,
  CommandName,
  OxdClient,
  OxdEvent,
  OxdMethods,
  ParamsOf,
  ResultOf,
  TokenSource,
} from "./types.js"
export type * from "./generated/commands.js"
