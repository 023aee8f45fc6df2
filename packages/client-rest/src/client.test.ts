import { makeConfig, makeOxd, type Oxd } from "@oxd/core"
import { startRestServer, type RestServer } from "@oxd/rest-server"
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest"
import {
  commandPath,
  createOxdRestClient,
  oxdReplyOf,
  type CommandName,
  type Envelope,
  type ParamsOf,
  type ResultOf,
} from "./index.js"

/** A fetch that records what the client sends and answers `reply`. */
const recorder = (
  reply: () => Response = () => Response.json({ status: "ok", data: { authorization_url: "https://op/authorize" } }),
) => {
  const seen: Request[] = []
  const fetch = async (request: Request) => {
    seen.push(request)
    return reply()
  }
  return { seen, fetch }
}

describe("createOxdRestClient", () => {
  it("POSTs the params as JSON to /<command-with-dashes> and resolves to the envelope", async () => {
    const r = recorder()
    const client = createOxdRestClient({ baseUrl: "https://oxd.example:8443/", fetch: r.fetch })
    const reply = await client.call("get_authorization_url", { oxd_id: "abc", scope: ["openid"] })
    expect(reply).toEqual({ status: "ok", data: { authorization_url: "https://op/authorize" } })
    const req = r.seen[0]!
    expect(req.method).toBe("POST")
    expect(req.url).toBe("https://oxd.example:8443/get-authorization-url")
    expect(req.headers.get("content-type")).toBe("application/json")
    expect(await req.json()).toEqual({ oxd_id: "abc", scope: ["openid"] })
    expect(req.headers.has("authorization")).toBe(false)
  })

  it("sends the client's token as a Bearer header (a string, or a function asked each time)", async () => {
    const r = recorder()
    await createOxdRestClient({ baseUrl: "https://oxd.example", token: "t-1", fetch: r.fetch }).call(
      "get_authorization_url",
      { oxd_id: "a" },
    )
    let n = 0
    const renewing = createOxdRestClient({
      baseUrl: "https://oxd.example",
      token: async () => `t-${++n + 1}`,
      fetch: r.fetch,
    })
    await renewing.call("get_authorization_url", { oxd_id: "a" })
    await renewing.POST("/get-user-info", { body: { oxd_id: "a", access_token: "at" } })
    expect(r.seen.map((q) => q.headers.get("authorization"))).toEqual(["Bearer t-1", "Bearer t-2", "Bearer t-3"])
  })

  it("a call's own token wins; null sends none", async () => {
    const r = recorder()
    const client = createOxdRestClient({ baseUrl: "https://oxd.example", token: "client-token", fetch: r.fetch })
    await client.call("get_authorization_url", { oxd_id: "a" }, { token: "call-token" })
    await client.call("setup_client", { authorization_redirect_uri: "https://rp/cb" }, { token: null })
    expect(r.seen.map((q) => q.headers.get("authorization"))).toEqual(["Bearer call-token", null])
  })

  it("resolves error envelopes whatever the HTTP status; rejects an answer that is no oxd reply", async () => {
    const error = { status: "error", data: { error: "invalid_oxd_id", error_description: "no such site" } }
    const client = createOxdRestClient({
      baseUrl: "https://oxd.example",
      fetch: recorder(() => Response.json(error, { status: 400 })).fetch,
    })
    expect(await client.call("get_authorization_url", { oxd_id: "a" })).toEqual(error)
    // rest_error_status: reference (oxd-https-extension 3.1, RestResource.java:201-215): the same envelope with 200
    const reference = createOxdRestClient({
      baseUrl: "https://oxd.example",
      fetch: recorder(() => Response.json(error, { status: 200 })).fetch,
    })
    expect(await reference.call("get_authorization_url", { oxd_id: "a" })).toEqual(error)
    const proxy = createOxdRestClient({
      baseUrl: "https://oxd.example",
      fetch: recorder(
        () => new Response("<h1>Bad gateway</h1>", { status: 502, headers: { "Content-Type": "text/html" } }),
      ).fetch,
    })
    await expect(proxy.call("get_authorization_url", { oxd_id: "a" })).rejects.toThrow(/HTTP 502 without an oxd reply/)
  })

  it("reads a real oxd-https-extension 3.1.4's Dropwizard-wrapped errors (H1: RestResource.java:229-235, H10: :206-210)", async () => {
    const envelope = { status: "error", data: { error: "403", error_description: "Forbidden Access", details: null } }
    const wrapped = createOxdRestClient({
      baseUrl: "https://oxd.example",
      fetch: recorder(() => Response.json({ code: 403, message: JSON.stringify(envelope) }, { status: 403 })).fetch,
    })
    expect(await wrapped.call("get_authorization_url", { oxd_id: "a" })).toEqual(envelope)
    const passThrough = createOxdRestClient({
      baseUrl: "https://oxd.example",
      fetch: recorder(() => Response.json({ code: 400, message: '{"error":"invalid_ticket"}' }, { status: 400 })).fetch,
    })
    expect(await passThrough.call("uma_rp_get_rpt", { oxd_id: "a", ticket: "t" })).toEqual({
      status: "error",
      data: { error: "http_status_400", error_description: '{"error":"invalid_ticket"}' },
    })
    expect(oxdReplyOf({ code: 404, message: "HTTP 404 Not Found" })).toEqual({
      status: "error",
      data: { error: "http_status_404", error_description: "HTTP 404 Not Found" },
    })
    expect(oxdReplyOf("Invalid parameters. Message: x")).toBeUndefined()
  })

  it("names paths like the server: get_tokens_by_code → /get-tokens-by-code", () => {
    expect(commandPath("get_tokens_by_code")).toBe("/get-tokens-by-code")
    expect(commandPath("update_site_registration")).toBe("/update-site-registration")
  })

  it("is typed by the generated document", () => {
    expectTypeOf<"setup_client">().toExtend<CommandName>()
    expectTypeOf<"update_site_registration">().toExtend<CommandName>()
    expectTypeOf<"uma_rp_get_rpt">().toExtend<CommandName>()
    expectTypeOf<ParamsOf<"get_tokens_by_code">["code"]>().toEqualTypeOf<string>()
    expectTypeOf<ResultOf<"get_authorization_url">["authorization_url"]>().toEqualTypeOf<string>()
    expectTypeOf<ResultOf<"get_user_info">["claims"]>().toEqualTypeOf<{ [key: string]: string[] }>()
    const client = createOxdRestClient({ baseUrl: "https://oxd.example", fetch: recorder().fetch })
    expectTypeOf(client.call("get_logout_uri", { oxd_id: "x" })).resolves.toEqualTypeOf<
      Envelope<ResultOf<"get_logout_uri">>
    >()
    // @ts-expect-error oxd_id is required
    void client.call("get_authorization_url", { scope: ["openid"] })
    // @ts-expect-error code must be a string
    void client.call("get_tokens_by_code", { oxd_id: "x", code: 1, state: "s" })
  })
})

describe.each(["reference", "http"] as const)(
  "against the REST server (plain HTTP on loopback, rest_error_status: %s)",
  (mode) => {
    let oxd: Oxd
    let server: RestServer
    beforeAll(async () => {
      oxd = makeOxd(makeConfig({ database_url: ":memory:", log_level: "error", rest_error_status: mode }))
      await oxd.ready()
      server = await startRestServer(oxd, { host: "127.0.0.1", port: 0, plainHttp: true })
    })
    afterAll(async () => {
      await server?.close()
      await oxd?.dispose()
    })

    it("gets the server's envelopes, whatever the HTTP status (200 by the reference, the code's with http: H9)", async () => {
      const client = createOxdRestClient({ baseUrl: server.url })
      // H1: no Bearer on a protected command: 403 with error "403" (oxd-https-extension RestResource.java:217-235)
      const blank = await client.call("get_authorization_url", { oxd_id: "6f9619ff-8b86-4011-b42d-00cf4fc964ff" })
      expect(blank.status === "error" && blank.data.error).toBe("403")
      const bad = await client.call("get_authorization_url", {} as never, { token: "a-token" })
      expect(bad.status === "error" && bad.data.error).toBe("bad_request")
      const unknown = await client.callAny("no_such_command", {})
      expect(unknown.status === "error" && unknown.data.error).toBe("unsupported_operation")
      // the generated client's own view: an error with 200 lands in `data`, one with a 4xx in `error`
      const raw = await client.POST("/get-authorization-url", {
        body: {} as never,
        headers: { Authorization: "Bearer a-token" },
      })
      expect(raw.response.status).toBe(mode === "reference" ? 200 : 400)
      expect((mode === "reference" ? raw.data : raw.error)?.status).toBe("error")
    })

    it("sends the token the server checks", async () => {
      const client = createOxdRestClient({ baseUrl: server.url, token: "not-a-real-token" })
      // the token is there, so the guard goes on to look for the site
      const reply = await client.call("get_authorization_url", { oxd_id: "6f9619ff-8b86-4011-b42d-00cf4fc964ff" })
      expect(reply.status === "error" && reply.data.error).toBe("invalid_oxd_id")
    })

    it("reads the health check through the openapi-fetch client: `running` (H15, RestResource.java:29-34)", async () => {
      const { data, response } = await createOxdRestClient({ baseUrl: server.url }).GET("/health-check", {
        parseAs: "text",
      })
      expect(response.status).toBe(200)
      expect(data).toBe("running")
    })
  },
)
