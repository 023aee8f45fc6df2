import type { Envelope as WireEnvelope } from "@oxd/wire"

/** The oxd reply as every transport carries it (the wire contract's), its data read as an object. */
export type Envelope = WireEnvelope<Record<string, unknown>>

/** How scenarios reach a server: one command in, one envelope out. Written per transport, never per scenario. */
export interface Transport {
  readonly name: string
  call(command: string, params: Record<string, unknown>): Promise<Envelope>
  close(): Promise<void>
}
