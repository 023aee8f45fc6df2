import { Effect } from "effect"
import { OxdConfig } from "../../config/OxdConfig.js"
import { InvalidParams, MissingOpHost } from "../../errors.js"
import { KeyStore } from "../../services/KeyStore.js"
import { OpenIdProvider, type OpClient } from "../../services/OpenIdProvider.js"
import { checkAlgorithm } from "../_shared/algorithms.js"
import { list, present } from "../_shared/fields.js"
import type { Params } from "./schema.js"

export const handler = Effect.fnUntraced(function* (p: typeof Params.Type) {
  const config = yield* OxdConfig
  const op = yield* OpenIdProvider
  const opHost = present(p.op_host) ? p.op_host : config.default_op_host
  if (!opHost) return yield* new MissingOpHost()
  const base = { opHost, opDiscoveryPath: present(p.op_discovery_path) ? p.op_discovery_path : config.default_op_discovery_path, clientId: p.client_id }
  let client: OpClient
  if (p.authentication_method === "private_key_jwt") {
    if (!present(p.algorithm) || !present(p.key_id)) {
      return yield* new InvalidParams({ code: "bad_request", field: present(p.algorithm) ? "key_id" : "algorithm", detail: "is required with authentication_method private_key_jwt" })
    }
    yield* checkAlgorithm(p.algorithm)
    const key = yield* (yield* KeyStore).signingKey(p.key_id, p.algorithm)
    client = { ...base, authMethod: "private_key_jwt", privateKey: key }
  } else {
    if (!present(p.client_secret)) return yield* new InvalidParams({ code: "bad_request", field: "client_secret", detail: "is required" })
    client = { ...base, clientSecret: p.client_secret, authMethod: "client_secret_basic" }
  }
  const tokens = yield* op.clientCredentials(client, list(p.scope) ?? [config.protection_scope])
  return {
    access_token: tokens.access_token,
    expires_in: tokens.expires_in ?? null,
    refresh_token: tokens.refresh_token ?? null,
    scope: tokens.scope ?? null,
  }
})
