/**
 * End to end: the page built with Vite, served on 127.0.0.1, signs alice in through the real test OP in headless
 * Chromium, over the REST API (https transport of @oxd/client) and over the WebSocket API.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { CHROMIUM, CHROMIUM_FLAGS, HAS_CHROMIUM } from "@oxd/testkit"
import { chromium, type Browser, type Page } from "playwright-core"
import { build } from "vite"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { registerSite, startOxdStack, type OxdStack } from "./support/oxdStack.js"
import { serveStatic, type StaticServer } from "./support/staticServer.js"

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url))
const SKIP_REASON = `SKIPPED: ${CHROMIUM} not found (Debian: apt-get install -y chromium)`

if (!HAS_CHROMIUM) console.warn(`[browser-login] the Chromium sign-in tests are ${SKIP_REASON}`)

let outDir: string

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), "oxd-browser-login-"))
  await build({
    root: PACKAGE_DIR,
    configFile: join(PACKAGE_DIR, "vite.config.ts"),
    logLevel: "warn",
    build: { outDir, emptyOutDir: true },
  })
})
afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true })
})

describe("the bundle built by Vite", () => {
  it("has both pages and no Node module in its JavaScript (@oxd/client is browser-pure)", async () => {
    expect((await readdir(outDir)).sort()).toEqual(expect.arrayContaining(["assets", "callback.html", "index.html"]))
    const files = (await readdir(join(outDir, "assets"))).filter((f) => f.endsWith(".js"))
    expect(files.length).toBeGreaterThan(0)
    const code = (await Promise.all(files.map((f) => readFile(join(outDir, "assets", f), "utf8")))).join("\n")
    // (booleans and lists, not the bundle itself, so that a failure does not print 40 kB of minified code)
    expect([...code.matchAll(/["'`](node:[a-z_/]+)["'`]/g)].map((m) => m[1])).toEqual([])
    // what Vite puts in place of a Node built-in it externalised for the browser
    expect(code.includes("externalized for browser compatibility")).toBe(false)
    expect(code.match(/\brequire\(/g) ?? []).toEqual([])
    // and the client did get in: @oxd/client's browser entry, openapi-fetch (https) and tRPC's ws link (ws)
    expect({
      client: code.includes(`"tcp" is in "@oxd/client/node" (Node only)`),
      openapiFetch: code.includes("Middleware must be an object"),
      trpcWsLink: code.includes("No more links to execute"),
    }).toEqual({ client: true, openapiFetch: true, trpcWsLink: true })
  })
})

describe.skipIf(!HAS_CHROMIUM)(
  HAS_CHROMIUM ? "a sign-in in headless Chromium" : `a sign-in in headless Chromium — ${SKIP_REASON}`,
  () => {
    let page: StaticServer
    let stack: OxdStack
    let browser: Browser

    beforeAll(async () => {
      page = await serveStatic(outDir)
      stack = await startOxdStack({ pageOrigin: page.origin, stateDir: join(PACKAGE_DIR, ".oxd", "test-op") })
      const site = await registerSite(stack, `${page.origin}/callback.html`)
      await writeFile(
        join(outDir, "config.json"),
        JSON.stringify({
          restUrl: stack.rest.url,
          wsUrl: stack.ws.url,
          oxdId: site.oxdId,
          protectionToken: site.protectionToken,
        }),
      )
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: [...CHROMIUM_FLAGS, `--ignore-certificate-errors-spki-list=${stack.opSpkiHash}`],
      })
    })
    afterAll(async () => {
      await browser?.close()
      await stack?.close()
      await page?.close()
    })

    /** Runs `steps`; on failure, a screenshot and what the page logged go into the error. */
    const withDiagnostics = async (p: Page, name: string, steps: () => Promise<void>) => {
      const log: string[] = []
      p.on("console", (m) => log.push(`console.${m.type()}: ${m.text()}`))
      p.on("pageerror", (e) => log.push(`pageerror: ${e.message}`))
      p.on("requestfailed", (r) => log.push(`requestfailed: ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ""}`))
      try {
        await steps()
      } catch (e) {
        const shot = join(tmpdir(), `oxd-browser-login-${name}-${Date.now()}.png`)
        await p.screenshot({ path: shot, fullPage: true }).catch(() => undefined)
        const text = await p
          .locator("body")
          .innerText({ timeout: 1000 })
          .catch(() => "(no text)")
        throw new Error(
          `${(e as Error).message}\n  at ${p.url()}\n  screenshot: ${shot}\n  page text: ${text}\n  ${log.join("\n  ")}`,
          { cause: e },
        )
      }
    }

    it.each(["https", "ws"] as const)("signs alice in through the OP's login form (%s)", async (transport) => {
      const context = await browser.newContext()
      const p = await context.newPage()
      p.setDefaultTimeout(15_000)
      try {
        await withDiagnostics(p, transport, async () => {
          await p.goto(`${page.origin}/`)
          const button = p.locator(`#sign-in-${transport}`)
          await p.waitForFunction(
            (id) => !(document.getElementById(id) as HTMLButtonElement | null)?.disabled,
            `sign-in-${transport}`,
          )
          await button.click()
          // the OP's own login page, over HTTPS with a certificate Chromium trusts through the SPKI list only
          await p.waitForURL((url) => url.origin === stack.op.issuer && url.pathname.startsWith("/interaction/"))
          await p.fill("input[name=username]", "alice")
          await p.fill("input[name=password]", "alice-password")
          await p.click("button[type=submit]")
          await p.waitForURL((url) => url.origin === page.origin && url.pathname === "/callback.html")
          await p.waitForSelector("#status[data-kind=ok], #status[data-kind=error]")
          expect(await p.textContent("#status")).toBe("Signed in as Alice Example")
          expect(await p.textContent("#user-email")).toBe("alice@example.org")
          expect(await p.textContent("#user-sub")).toBe("248289761001")
          expect(await p.getAttribute("body", "data-transport")).toBe(transport)
          // the code and state left the address bar: a reload cannot replay them
          expect(new URL(p.url()).search).toBe("")
        })
      } finally {
        await context.close()
      }
    })
  },
)
