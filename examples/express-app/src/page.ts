const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!)

/**
 * The one page: who is signed in (their user info claims), and two buttons calling the protected API, without an RPT (401 and its UMA
 * challenge) and with one (the ticket of the challenge exchanged at /rpt, then the call again).
 */
export const page = (
  user: Readonly<Record<string, ReadonlyArray<string>>> | undefined,
  title: string,
): string => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title></head>
<body>
<h1>${esc(title)}</h1>
${
  user
    ? `<p id="user">Signed in as <b id="name">${esc(user["name"]?.[0] ?? user["sub"]?.[0] ?? "?")}</b></p>
<p><a id="sign-out" href="/logout">Sign out</a></p>
<p><button id="call-without">Call the API without an RPT</button> <button id="call-with">Call the API with an RPT</button></p>
<pre id="result"></pre>`
    : `<p id="user">Not signed in.</p><p><a id="sign-in" href="/login">Sign in</a></p>`
}
<script>
const show = (text) => { document.getElementById("result").textContent = text }
const call = (rpt) => fetch("/api/photos", rpt ? { headers: { authorization: "Bearer " + rpt } } : {})
const describe = async (res) =>
  res.status + "\\n" + (res.headers.get("www-authenticate") ?? "") + "\\n" + (await res.text())
document.getElementById("call-without")?.addEventListener("click", async () => show(await describe(await call())))
document.getElementById("call-with")?.addEventListener("click", async () => {
  const denied = await call()
  const ticket = /ticket="([^"]+)"/.exec(denied.headers.get("www-authenticate") ?? "")?.[1]
  if (!ticket) return show(await describe(denied))
  const { rpt } = await (await fetch("/rpt?ticket=" + encodeURIComponent(ticket))).json()
  show(await describe(await call(rpt)))
})
</script>
</body></html>`
