/** What an edge knows about who is calling, beside the params. */
export interface CallContext {
  readonly transport: "tcp" | "https" | "ws" | "internal"
  /** A protection token from the transport (Authorization header, ws connection params); params may carry one too. */
  readonly protectionToken?: string | undefined
  /** REST and ws always require a protection token; TCP only with protect_commands_with_access_token. */
  readonly requireProtection?: boolean | undefined
  readonly requestId: string
  readonly remoteAddress?: string | undefined
  /** Set by the protection guard: the setup client whose token authorised the call. */
  readonly setupClientId?: string | undefined
}
