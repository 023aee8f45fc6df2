/**
 * A stand-in OpenTelemetry collector: OTLP/HTTP JSON on 127.0.0.1 (POST /v1/traces), keeping every span it is sent,
 * flattened (attributes as a plain object) for tests to look at.
 */
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"

export interface CollectedSpan {
  readonly traceId: string
  readonly spanId: string
  readonly parentSpanId: string | undefined
  readonly name: string
  readonly kind: number
  readonly attributes: Record<string, unknown>
  readonly service: string | undefined
  /** The span as sent (JSON text), to search for what must not be there. */
  readonly raw: string
}

interface OtlpValue {
  stringValue?: string
  intValue?: string | number
  boolValue?: boolean
  doubleValue?: number
}
interface OtlpAttribute {
  key: string
  value: OtlpValue
}
const valueOf = (v: OtlpValue): unknown =>
  v.stringValue ?? (v.intValue !== undefined ? Number(v.intValue) : undefined) ?? v.boolValue ?? v.doubleValue

export const startOtlpCollector = async () => {
  const spans: CollectedSpan[] = []
  const bodies: string[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8")
      if (req.method !== "POST" || req.url !== "/v1/traces") return void res.writeHead(404).end()
      bodies.push(text)
      const data = JSON.parse(text) as {
        resourceSpans: Array<{
          resource?: { attributes?: OtlpAttribute[] }
          scopeSpans: Array<{ spans: Array<Record<string, unknown>> }>
        }>
      }
      for (const rs of data.resourceSpans) {
        const service = rs.resource?.attributes?.find((a) => a.key === "service.name")?.value.stringValue
        for (const ss of rs.scopeSpans) {
          for (const s of ss.spans) {
            const attributes = Object.fromEntries(
              ((s["attributes"] ?? []) as OtlpAttribute[]).map((a) => [a.key, valueOf(a.value)]),
            )
            spans.push({
              traceId: String(s["traceId"]),
              spanId: String(s["spanId"]),
              parentSpanId: s["parentSpanId"] ? String(s["parentSpanId"]) : undefined,
              name: String(s["name"]),
              kind: Number(s["kind"]),
              attributes,
              service,
              raw: JSON.stringify(s),
            })
          }
        }
      }
      res.writeHead(200, { "Content-Type": "application/json" }).end("{}")
    })
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    /** Every request body received, as sent. */
    text: () => bodies.join("\n"),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
