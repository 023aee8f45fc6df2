// A stranger's use of @oxd/middleware, type-checked strictly against the installed tarballs (skipLibCheck false,
// exactOptionalPropertyTypes): protect and the sign-in handlers on the Fetch API, the Express and Fastify entries
// (their structural types, no framework installed), any client or the in-process one.
import { createOxdClient as inProcessClient, type InProcessCore } from "@oxd/client/in-process"
import { createOxdClient } from "@oxd/client/node"
import {
  createAuth,
  memorySessionStore,
  protect,
  type AccessDecision,
  type Session,
  type SessionStore,
} from "@oxd/middleware"
import * as onExpress from "@oxd/middleware/express"
import * as onFastify from "@oxd/middleware/fastify"

export const wire = (core: InProcessCore | undefined, oxdId: string, secret: string) => {
  // a core embedded in the app, or an oxd server: the middleware takes either
  const client = core ? inProcessClient(core) : createOxdClient({ transport: "tcp", port: 8099 })
  const guard = protect({ client, oxdId, onUnprotected: "pass", onError: (e) => console.error(e) })
  const store: SessionStore = memorySessionStore()
  const auth = createAuth({ client, oxdId, secret, store, login: { prompt: "login", acrValues: ["basic"] } })
  const handler = guard.fetch((_request: Request, decision: AccessDecision) => Response.json(decision))
  const me = async (request: Request): Promise<Response> => {
    const { session, headers } = await auth.session(request)
    const body: Session | undefined = session
    const res = Response.json(body ? await auth.userInfo(body) : null)
    for (const [name, value] of headers) res.headers.append(name, value)
    return res
  }
  return {
    handler,
    me,
    login: auth.fetch.login,
    end: (sid: string) => auth.endSessions({ sid }),
    express: { protect: onExpress.protect({ client, oxdId }), auth: onExpress.auth(auth) },
    fastify: { protect: onFastify.protect({ client, oxdId }), auth: onFastify.auth(auth) },
  }
}
