import { describe, expect, it } from "vitest"
import { cacheStats } from "./cacheStats.js"
import { OxdMetrics, opEndpointKind, originOf, PENDING_OP_CALL_MS } from "./metrics.js"

const line = (text: string, series: string) => text.split("\n").find((l) => l.startsWith(`${series} `))

describe("OxdMetrics", () => {
  it("renders counters, histograms and gauges in the Prometheus text format", () => {
    const m = new OxdMetrics({ now: Date.now })
    m.command("register_site", "tcp", "ok", 0.02)
    m.command("register_site", "tcp", "ok", 0.3)
    m.command("register_site", "tcp", "invalid_op_host", 0.001)
    m.registerOp("https://op.example")
    m.opRequest("https://op.example", "token", "2xx", 0.05)
    const stop = m.trackConnections("tcp", () => 3)
    m.trackConnections("tcp", () => 2)
    const text = m.render()
    expect(text).toContain("# TYPE oxd_commands_total counter")
    expect(line(text, 'oxd_commands_total{command="register_site",transport="tcp",outcome="ok"}')).toMatch(/ 2$/)
    expect(line(text, 'oxd_commands_total{command="register_site",transport="tcp",outcome="invalid_op_host"}')).toMatch(
      / 1$/,
    )
    expect(text).toContain("# TYPE oxd_command_duration_seconds histogram")
    expect(
      line(text, 'oxd_command_duration_seconds_bucket{command="register_site",transport="tcp",le="0.025"}'),
    ).toMatch(/ 2$/)
    expect(line(text, 'oxd_command_duration_seconds_count{command="register_site",transport="tcp"}')).toMatch(/ 3$/)
    expect(line(text, 'oxd_op_requests_total{host="https://op.example",endpoint="token",outcome="2xx"}')).toMatch(/ 1$/)
    expect(line(text, 'oxd_open_connections{transport="tcp"}')).toMatch(/ 5$/)
    stop()
    expect(line(m.render(), 'oxd_open_connections{transport="tcp"}')).toMatch(/ 2$/)
  })

  it("keeps each core's series apart", () => {
    const a = new OxdMetrics({ now: Date.now })
    const b = new OxdMetrics({ now: Date.now })
    a.command("remove_site", "ws", "ok", 0.01)
    expect(b.render()).not.toContain("remove_site")
  })

  it("reports cache hits and misses as running totals", () => {
    const m = new OxdMetrics({ now: Date.now })
    const before = cacheStats.snapshot().get("metrics-test") ?? { hit: 0, miss: 0 }
    cacheStats.hit("metrics-test")
    cacheStats.hit("metrics-test")
    cacheStats.miss("metrics-test")
    m.render()
    cacheStats.hit("metrics-test")
    const text = m.render()
    expect(line(text, 'oxd_cache_requests_total{cache="metrics-test",result="hit"}')).toBe(
      `oxd_cache_requests_total{cache="metrics-test",result="hit"} ${before.hit + 3}`,
    )
    expect(line(text, 'oxd_cache_requests_total{cache="metrics-test",result="miss"}')).toBe(
      `oxd_cache_requests_total{cache="metrics-test",result="miss"} ${before.miss + 1}`,
    )
  })

  it("bounds a label's values: past 64 distinct ones they are reported as other", () => {
    const m = new OxdMetrics({ now: Date.now })
    for (let i = 0; i < 100; i++) {
      m.registerOp(`https://op${i}.example`)
      m.opRequest(`https://op${i}.example`, "token", "2xx", 0.01)
    }
    const text = m.render()
    const hosts = new Set([...text.matchAll(/oxd_op_requests_total\{host="([^"]+)"/g)].map((x) => x[1]))
    expect(hosts.size).toBe(65)
    expect(line(text, 'oxd_op_requests_total{host="other",endpoint="token",outcome="2xx"}')).toMatch(/ 36$/)
  })

  it("labels only the origins of OPs registered here: a call to any other counts as other, after its wait", () => {
    let now = 1_000_000
    const m = new OxdMetrics({ now: () => now })
    m.registerOp("https://op.example/realms/one") // an issuer with a path: its origin is what counts
    for (let i = 0; i < 300; i++) m.opRequest(`https://h${i}.invalid`, "discovery", "unreachable", 0.01)
    m.opRequest("https://op.example", "token", "2xx", 0.02)
    const waiting = m.render()
    expect(waiting).not.toContain(".invalid")
    expect(waiting).not.toContain('host="other"') // still waiting for a registration that may come
    expect(line(waiting, 'oxd_op_requests_total{host="https://op.example",endpoint="token",outcome="2xx"}')).toMatch(
      / 1$/,
    )
    now += PENDING_OP_CALL_MS
    const settled = m.render()
    expect(settled).not.toContain(".invalid")
    expect(line(settled, 'oxd_op_requests_total{host="other",endpoint="discovery",outcome="unreachable"}')).toMatch(
      / 300$/,
    )
    expect(line(settled, 'oxd_op_request_duration_seconds_count{host="other",endpoint="discovery"}')).toMatch(/ 300$/)
    // 300 more bogus origins add no series
    const lines = settled.split("\n").length
    for (let i = 300; i < 600; i++) m.opRequest(`https://h${i}.invalid`, "discovery", "unreachable", 0.01)
    now += PENDING_OP_CALL_MS
    const after = m.render()
    expect(after.split("\n").length).toBe(lines)
    expect(line(after, 'oxd_op_requests_total{host="other",endpoint="discovery",outcome="unreachable"}')).toMatch(
      / 600$/,
    )
  })

  it("counts the calls made before an OP's first site is stored (discovery, registration) under its origin", () => {
    let now = 1_000_000
    const m = new OxdMetrics({ now: () => now })
    m.opRequest("https://new-op.example:8443", "discovery", "2xx", 0.03)
    m.opRequest("https://new-op.example:8443", "registration", "2xx", 0.04)
    now += 1000
    m.registerOp("https://new-op.example:8443")
    const text = m.render()
    expect(
      line(text, 'oxd_op_requests_total{host="https://new-op.example:8443",endpoint="discovery",outcome="2xx"}'),
    ).toMatch(/ 1$/)
    expect(
      line(text, 'oxd_op_requests_total{host="https://new-op.example:8443",endpoint="registration",outcome="2xx"}'),
    ).toMatch(/ 1$/)
    expect(text).not.toContain('host="other"')
  })

  it("keeps at most 1,000 calls waiting: past that the oldest count as other at once", () => {
    const m = new OxdMetrics({ now: () => 0 })
    for (let i = 0; i < 1500; i++) m.opRequest(`https://h${i}.invalid`, "discovery", "unreachable", 0.01)
    expect(line(m.render(), 'oxd_op_requests_total{host="other",endpoint="discovery",outcome="unreachable"}')).toMatch(
      / 500$/,
    )
    m.registerOp("https://h1499.invalid") // still waiting: counted under its origin
    expect(
      line(
        m.render(),
        'oxd_op_requests_total{host="https://h1499.invalid",endpoint="discovery",outcome="unreachable"}',
      ),
    ).toMatch(/ 1$/)
    m.registerOp("https://h0.invalid") // long counted as other: stays there
    expect(m.render()).not.toContain('host="https://h0.invalid"')
  })

  it("names OP endpoints by a fixed set of kinds, and hosts by origin only", () => {
    expect(opEndpointKind("https://op/.well-known/openid-configuration")).toBe("discovery")
    expect(opEndpointKind("https://op/.well-known/uma2-configuration")).toBe("uma_discovery")
    expect(opEndpointKind("https://op/jwks")).toBe("jwks")
    expect(opEndpointKind("https://op/token")).toBe("token")
    expect(opEndpointKind("https://op/token/introspection")).toBe("introspection")
    expect(opEndpointKind("https://op/me")).toBe("userinfo")
    expect(opEndpointKind("https://op/reg/abc")).toBe("registration")
    expect(opEndpointKind("https://op/uma/permission")).toBe("uma_permission")
    expect(opEndpointKind("https://op/uma/resource_set/1")).toBe("uma_resource")
    expect(opEndpointKind("https://op/whatever?code=secret")).toBe("other")
    expect(opEndpointKind("not a url")).toBe("other")
    expect(originOf("https://op.example:9443/token?code=abc")).toBe("https://op.example:9443")
  })
})
