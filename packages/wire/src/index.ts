// The browser-safe part of the wire contract (names and envelope types); the TCP framing is `@oxd/wire/frame` (Node).
export { commandOfMethod, pascalName, procedureName, restPath, type CamelCase } from "./names.js"
export type { Envelope, ErrorData, ErrorEnvelope, OkEnvelope } from "./envelope.js"
