/**
 * GET /docs in headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core): Swagger UI renders the
 * command list from /openapi.json with nothing refused by the page's CSP, and try-it sends a protected command with
 * the Bearer token entered under Authorize and shows the server's reply. A screenshot goes to test-results/.
 */
import { createHash, X509Certificate } from "node:crypto"
import { existsSync, mkdirSync } from "node:fs"
import type { TestOp } from "@oxd/test-op"
import { startOp } from "@oxd/testkit"
import { chromium, type Browser, type Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startTestRest, type RawReply, type TestRest } from "./test-support/http.js"

const CHROMIUM = "/usr/bin/chromium"
const HAS_CHROMIUM = existsSync(CHROMIUM)
const SKIP_REASON = `SKIPPED: ${CHROMIUM} not found (Debian: apt-get install -y chromium)`
/** As examples/browser-login: the flags this machine needs; playwright adds --headless and a fresh profile. */
const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-quic",
  "--disable-sync",
]
const RESULTS_DIR = new URL("../test-results/", import.meta.url)
/** expect.poll waits 1 s by default: a try-it reply goes to the OP first */
const POLL = { timeout: 30_000, interval: 100 }

if (!HAS_CHROMIUM) console.warn(`[rest-server] the /docs browser tests are ${SKIP_REASON}`)

/** base64 SHA-256 of the certificate's public key: Chromium then trusts exactly that certificate. */
const spkiHash = (pem: string) =>
  createHash("sha256")
    .update(new X509Certificate(pem).publicKey.export({ type: "spki", format: "der" }))
    .digest("base64")

describe.skipIf(!HAS_CHROMIUM)(HAS_CHROMIUM ? "GET /docs in headless Chromium" : `GET /docs — ${SKIP_REASON}`, () => {
  let op: TestOp
  let rest: TestRest
  let browser: Browser
  let token: string
  let oxdId: string

  const ok = (r: RawReply): Record<string, any> => {
    expect(r.body?.status, `HTTP ${r.status} ${r.text.slice(0, 300)}`).toBe("ok")
    return r.body.data
  }

  beforeAll(async () => {
    op = await startOp()
    rest = await startTestRest({ trusted_ca_file: op.caFile, allowed_op_hosts: [new URL(op.issuer).origin] })
    // a setup client, its protection token and a site, over REST as a user of the page would get them
    const setup = ok(
      await rest.send("/setup-client", {
        body: { op_host: op.issuer, authorization_redirect_uri: "https://rp.example/cb" },
      }),
    )
    token = String(
      ok(
        await rest.send("/get-client-token", {
          body: { op_host: op.issuer, client_id: setup["client_id"], client_secret: setup["client_secret"] },
        }),
      )["access_token"],
    )
    oxdId = String(
      ok(
        await rest.send("/register-site", {
          body: { op_host: op.issuer, authorization_redirect_uri: "https://rp.example/cb", scope: ["openid"] },
          headers: { Authorization: `Bearer ${token}` },
        }),
      )["oxd_id"],
    )
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [...CHROMIUM_FLAGS, `--ignore-certificate-errors-spki-list=${spkiHash(rest.server.tls!.certPem)}`],
    })
  })
  afterAll(async () => {
    await browser?.close()
    await rest?.close()
    await op?.close()
  })

  /** A page that records what it logged, failed to load, or had refused by its CSP. */
  const openDocs = async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    // generous: the machine's two cores are shared with the other test files
    page.setDefaultTimeout(30_000)
    const problems: string[] = []
    const requests: string[] = []
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`))
    page.on("console", (m) => m.type() === "error" && problems.push(`console.error: ${m.text()}`))
    page.on("requestfailed", (r) => problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText ?? ""}`))
    page.on("request", (r) => requests.push(r.url()))
    // (page-side code as text: this package's TypeScript has no DOM types)
    await page.addInitScript({
      content: `document.addEventListener("securitypolicyviolation", (e) =>
        console.error("CSP refused " + (e.blockedURI || "(inline)") + " by " + e.violatedDirective))`,
    })
    await page.goto(`${rest.server.url}/docs`)
    return { page, problems, requests, close: () => context.close() }
  }

  const screenshot = (page: Page, name: string) => {
    mkdirSync(RESULTS_DIR, { recursive: true })
    return page.screenshot({ path: new URL(name, RESULTS_DIR).pathname, fullPage: false })
  }

  it("renders every command from /openapi.json, loading nothing from elsewhere and nothing refused by the CSP", async () => {
    const { page, problems, requests, close } = await openDocs()
    try {
      await page.waitForSelector("#operations-default-get_authorization_url")
      const ids = await page.$$eval(".opblock", (blocks) => blocks.map((b) => b.id))
      const doc = (await rest.send("/openapi.json", { method: "GET" })).body as { paths: Record<string, any> }
      const operationIds = Object.values(doc.paths).flatMap((methods) =>
        Object.values(methods).map((op: any) => `operations-default-${String(op.operationId)}`),
      )
      expect(ids.sort()).toEqual(operationIds.sort())
      // a param's description from the command's schema is on the page (get_tokens_by_code's params model)
      const block = page.locator("#operations-default-get_tokens_by_code")
      await block.locator(".opblock-summary").click()
      await block.locator(".opblock-section-request-body button:has-text('Schema')").click()
      await expect.poll(() => block.textContent(), POLL).toContain("The code from the OP's redirect.")
      await screenshot(page, "docs-commands.png")
      expect(problems).toEqual([])
      const origin = new URL(rest.server.url).origin
      expect(requests.filter((u) => new URL(u).origin !== origin && !u.startsWith("data:"))).toEqual([])
    } finally {
      await close()
    }
  })

  it("try-it: a protected command refused without the token, answered with the one entered under Authorize", async () => {
    const { page, problems, close } = await openDocs()
    try {
      const block = page.locator("#operations-default-get_authorization_url")
      await block.locator(".opblock-summary").click()
      await block.locator("textarea.body-param__text").fill(JSON.stringify({ oxd_id: oxdId }))
      const responses = block.locator(".live-responses-table")

      // no token yet: the server's 403 envelope, shown as it came
      await block.locator("button.execute").click()
      await expect.poll(() => responses.textContent(), POLL).toContain('"error": "403"')

      await page.click("button.btn.authorize")
      await page.fill(".auth-container input", token)
      await page.click(".auth-btn-wrapper button.authorize")
      await page.click(".auth-btn-wrapper button.btn-done")

      await block.locator("button.btn-clear").click()
      await block.locator("button.execute").click()
      await expect.poll(() => responses.textContent(), POLL).toContain('"status": "ok"')
      // the reply: the OP's authorization endpoint with this site's request
      expect(await responses.textContent()).toContain(`"authorization_url": "${new URL(op.issuer).origin}/`)
      // the curl line the page shows carries the header the server read
      expect(await block.locator(".curl-command").textContent()).toContain(`Authorization: Bearer ${token}`)
      await block.locator(".live-responses-table").scrollIntoViewIfNeeded()
      await screenshot(page, "docs-try-it.png")
      expect(problems.filter((p) => !p.includes("403"))).toEqual([])
    } finally {
      await close()
    }
  })
})
