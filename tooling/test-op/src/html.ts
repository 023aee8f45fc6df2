/** Minimal, dependency-free HTML for the interaction pages. Everything interpolated goes through esc(). */
export function esc(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

export function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem;color:#222}
h1{font-size:1.4rem}label{display:block;margin:.6rem 0 .2rem}input{width:100%;padding:.4rem;box-sizing:border-box}
button{margin-top:1rem;padding:.5rem 1.2rem}.error{color:#b00020}.hint{color:#666;font-size:.85rem}code{background:#f3f3f3;padding:0 .2rem}
</style>
</head>
<body>
<p class="hint">oxd test OP — for tests only</p>
${body}
</body>
</html>
`
}
