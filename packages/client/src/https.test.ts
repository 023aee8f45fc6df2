import { describe, expect, it } from "vitest"
import { httpsCaller } from "./https.js"
import { OxdError, OxdTransportError } from "./OxdError.js"

/** A caller whose server answers `reply` to every request. */
const callerAnswering = (reply: () => Response) =>
  httpsCaller({ transport: "https", baseUrl: "https://oxd.example", fetch: async () => reply() })

const error = { status: "error", data: { error: "invalid_oxd_id", error_description: "no such site" } }

const failure = async (call: Promise<unknown>) => {
  try {
    await call
  } catch (e) {
    return e
  }
  throw new Error("expected a rejection")
}

describe("https transport: how it reads replies", () => {
  it("H9: an error envelope with HTTP 200 (rest_error_status: reference, oxd-https-extension RestResource.java:201-215) is an OxdError", async () => {
    const e = await failure(
      callerAnswering(() => Response.json(error)).call("get_authorization_url", { oxd_id: "a" }, {}),
    )
    expect(e).toBeInstanceOf(OxdError)
    expect(e).toMatchObject({ error: "invalid_oxd_id", error_description: "no such site", httpStatus: 200 })
  })

  it("the same envelope with the code's status (rest_error_status: http) is the same OxdError", async () => {
    const e = await failure(
      callerAnswering(() => Response.json(error, { status: 400 })).call("get_authorization_url", { oxd_id: "a" }, {}),
    )
    expect(e).toMatchObject({ error: "invalid_oxd_id", httpStatus: 400 })
  })

  it("an ok envelope is its data", async () => {
    await expect(
      callerAnswering(() => Response.json({ status: "ok", data: { authorization_url: "https://op/a" } })).call(
        "get_authorization_url",
        { oxd_id: "a" },
        {},
      ),
    ).resolves.toEqual({ authorization_url: "https://op/a" })
  })

  it('H1: a real 3.1.4\'s Dropwizard-wrapped 403 ({"code":403,"message":<envelope>}, RestResource.java:226-235) is OxdError "403"', async () => {
    const inner = { status: "error", data: { error: "403", error_description: "Forbidden Access", details: null } }
    const e = await failure(
      callerAnswering(() => Response.json({ code: 403, message: JSON.stringify(inner) }, { status: 403 })).call(
        "get_authorization_url",
        { oxd_id: "a" },
        {},
      ),
    )
    expect(e).toMatchObject({ error: "403", error_description: "Forbidden Access", httpStatus: 403 })
  })

  it("an answer that is no oxd reply (a proxy's page) is an OxdTransportError", async () => {
    const e = await failure(
      callerAnswering(
        () => new Response("<h1>Bad gateway</h1>", { status: 502, headers: { "Content-Type": "text/html" } }),
      ).call("get_authorization_url", { oxd_id: "a" }, {}),
    )
    expect(e).toBeInstanceOf(OxdTransportError)
  })
})
