/**
 * End to end in headless Chromium: `startDemo` (what `pnpm start` runs: the test OP, oxd over TCP, the
 * Hono app), then a user signs in through the OP's login form, calls the protected API without an RPT (401 and
 * oxd's UMA challenge) and with one (200), and signs out at the OP.
 */
import { readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { CHROMIUM, CHROMIUM_FLAGS, HAS_CHROMIUM, spkiHash } from "@oxd/testkit"
import { chromium, type Browser, type Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { opCertificate, startDemo, type Demo } from "../src/demo.js"

// what the page functions read (they run in Chromium; the test compiles without the DOM library, for Node's types)
declare const document: {
  readonly cookie: string
  getElementById(id: string): { readonly textContent: string | null } | null
}

const SKIP_REASON = `SKIPPED: ${CHROMIUM} not found (Debian: apt-get install -y chromium)`
if (!HAS_CHROMIUM) console.warn(`[hono-app] the Chromium tests are ${SKIP_REASON}`)

describe.skipIf(!HAS_CHROMIUM)(
  `the Hono example in headless Chromium${HAS_CHROMIUM ? "" : ` — ${SKIP_REASON}`}`,
  () => {
    let demo: Demo
    let browser: Browser

    beforeAll(async () => {
      demo = await startDemo({ port: 0 })
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: [
          ...CHROMIUM_FLAGS,
          `--ignore-certificate-errors-spki-list=${spkiHash(readFileSync(opCertificate(), "utf8"))}`,
        ],
      })
    })
    afterAll(async () => {
      await browser?.close()
      await demo?.close()
    })

    /** Runs `steps`; on failure, a screenshot and the page's text and log go into the error. */
    const withDiagnostics = async (p: Page, steps: () => Promise<void>) => {
      const log: string[] = []
      p.on("console", (m) => log.push(`console.${m.type()}: ${m.text()}`))
      p.on("pageerror", (e) => log.push(`pageerror: ${e.message}`))
      try {
        await steps()
      } catch (e) {
        const shot = join(tmpdir(), `oxd-hono-app-${Date.now()}.png`)
        await p.screenshot({ path: shot, fullPage: true }).catch(() => undefined)
        const text = await p
          .locator("body")
          .innerText({ timeout: 1000 })
          .catch(() => "(no text)")
        throw new Error(
          `${(e as Error).message}\n  at ${p.url()}\n  screenshot: ${shot}\n  page text: ${text}\n  ${log.join("\n  ")}`,
          {
            cause: e,
          },
        )
      }
    }

    it("signs alice in, calls the API without an RPT (401 + UMA challenge) and with one (200), signs out", async () => {
      const context = await browser.newContext()
      const p = await context.newPage()
      p.setDefaultTimeout(15_000)
      // cookies are per host, not port: the OP's on 127.0.0.1 too are left out
      const appCookies = async () => (await context.cookies(demo.url)).filter((c) => c.name.startsWith("oxd_"))
      try {
        await withDiagnostics(p, async () => {
          await p.goto(`${demo.url}/`)
          expect(await p.textContent("#user")).toBe("Not signed in.")
          await p.click("#sign-in")
          await p.waitForURL((url) => url.origin === demo.op.issuer && url.pathname.startsWith("/interaction/"))
          await p.fill("input[name=username]", "alice")
          await p.fill("input[name=password]", "alice-password")
          await p.click("button[type=submit]")
          await p.waitForURL(`${demo.url}/`)
          expect(await p.textContent("#name")).toBe("Alice Example")
          // the session cookie: HttpOnly (no script reads it), sealed
          expect((await appCookies()).map((c) => [c.name, c.httpOnly, c.secure, c.sameSite])).toEqual([
            ["oxd_session", true, true, "Lax"],
          ])
          expect(await p.evaluate(() => document.cookie)).toBe("")

          await p.click("#call-without")
          await p.waitForFunction(() => document.getElementById("result")?.textContent !== "")
          const denied = (await p.textContent("#result"))!.split("\n")
          expect(denied[0]).toBe("401")
          expect(denied[1]).toMatch(
            /^UMA realm="[^"]+",as_uri="https:\/\/127\.0\.0\.1:\d+",error="insufficient_scope",ticket="[^"]+"$/,
          )

          await p.click("#call-with")
          await p.waitForFunction(() => document.getElementById("result")?.textContent?.startsWith("200"))
          const granted = (await p.textContent("#result"))!.split("\n")
          expect(JSON.parse(granted.slice(2).join("\n"))).toEqual({
            photos: ["sunrise.jpg", "harbour.jpg"],
            access: "granted",
          })

          await p.click("#sign-out")
          // the OP's end-session page asks; yes signs out there and comes back to the app
          await p.waitForURL((url) => url.origin === demo.op.issuer)
          await p.click("button[value=yes]")
          await p.waitForURL(`${demo.url}/`)
          expect(await p.textContent("#user")).toBe("Not signed in.")
          expect(await appCookies()).toEqual([])
        })
      } finally {
        await context.close()
      }
    })
  },
)
