/**
 * The console's static assets: the HTML shell, its style sheet, and the headers every console
 * response carries. They are strings in the package's code (not files beside it), so whatever
 * builds `dist/` carries them along.
 */

/**
 * Headers of every console response. The policy allows scripts, styles and connections from the
 * console's own origin only: no inline script, no CDN, no framing by another page.
 */
export const CONSOLE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "cache-control": "no-store",
};

/**
 * The console's HTML: an empty shell that `console.js` fills. The server's token and the header
 * that carries it are the only values inserted; both are checked to need no escaping.
 */
export function consoleHtml(token: string, tokenHeader: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(token) || !/^[a-z0-9-]+$/.test(tokenHeader))
    throw new TypeError("consoleHtml: unexpected token or header name");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="console-token" content="${token}" data-header="${tokenHeader}">
<title>secrets-manager-mock console</title>
<link rel="icon" href="favicon.svg">
<link rel="stylesheet" href="console.css">
<script type="module" src="console.js"></script>
</head>
<body>
<header>
  <h1>secrets-manager-mock</h1>
  <label>Account / Region <select id="partition"></select></label>
  <label>Other region <input id="other-region" size="14" placeholder="eu-west-1"></label>
  <span id="clock"></span>
  <nav id="tools"></nav>
</header>
<p id="message" role="alert" hidden></p>
<main>
  <section id="list-pane">
    <form id="search">
      <select id="filter-key" aria-label="Filter by">
        <option value="all">All fields</option>
        <option value="name">Name</option>
        <option value="description">Description</option>
        <option value="tag-key">Tag key</option>
        <option value="tag-value">Tag value</option>
      </select>
      <input id="filter-value" type="search" aria-label="Search secrets" placeholder="Search (as ListSecrets filters do)">
      <label><input id="include-deleted" type="checkbox"> Show secrets scheduled for deletion</label>
    </form>
    <table id="secrets"><thead><tr><th>Name</th><th>Description</th><th>Last changed</th><th>Deletion date</th></tr></thead><tbody></tbody></table>
  </section>
  <section id="detail-pane"><p class="hint">Choose a secret.</p></section>
</main>
<section id="sidecars-pane" hidden>
  <h2>Sidecar caches</h2>
  <table id="sidecars"><thead><tr><th>Sidecar</th><th>Secret</th><th>Version id / stage asked</th><th>Cached version</th><th>Expires (store time)</th></tr></thead><tbody></tbody></table>
</section>
<section id="feed-pane">
  <h2>Calls <label><input id="feed-console" type="checkbox"> include the console's own calls</label></h2>
  <table id="feed"><thead><tr><th>Time</th><th>Source</th><th>Operation</th><th>Secret</th><th>Region</th><th>Outcome</th><th>ms</th></tr></thead><tbody></tbody></table>
</section>
</body>
</html>
`;
}

/** The console's icon (a key), so that the browser doesn't ask the AWS endpoint for `/favicon.ico`. */
export const CONSOLE_ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="5" cy="8" r="3.5" fill="none" stroke="#ff9900" stroke-width="2"/><path d="M8.5 8H15M12 8v3M14 8v2" stroke="#ff9900" stroke-width="2"/></svg>`;

/** The console's style sheet. */
export const CONSOLE_CSS = `
:root { font: 14px/1.4 system-ui, sans-serif; color: #16191f; background: #f2f3f3; }
body { margin: 0; }
header { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; padding: 8px 16px; background: #232f3e; color: #fff; }
header h1 { font-size: 16px; margin: 0 16px 0 0; }
header nav { margin-left: auto; display: flex; gap: 8px; }
header a { color: #fff; }
main { display: grid; grid-template-columns: minmax(320px, 2fr) 3fr; gap: 12px; padding: 12px 16px; }
section { background: #fff; border: 1px solid #d5dbdb; border-radius: 4px; padding: 8px 12px; overflow: auto; }
#feed-pane { margin: 0 16px 16px; max-height: 260px; }
#feed-pane h2 { font-size: 14px; margin: 4px 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 3px 6px; border-bottom: 1px solid #eaeded; vertical-align: top; overflow-wrap: anywhere; }
th { white-space: nowrap; }
#secrets tbody tr { cursor: pointer; }
#secrets tbody tr:hover, #secrets tbody tr.selected { background: #f1faff; }
tr.deleted td { color: #8d6605; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 4px 0; }
dt { font-weight: 600; }
dd { margin: 0; word-break: break-all; }
h2 { font-size: 16px; margin: 6px 0; }
h3 { font-size: 14px; margin: 12px 0 4px; }
pre { background: #f8f8f8; border: 1px solid #eaeded; padding: 6px; margin: 2px 0; white-space: pre-wrap; word-break: break-all; }
.label { white-space: nowrap; word-break: normal; display: inline-block; background: #e9f3fc; border: 1px solid #0073bb; border-radius: 8px; padding: 0 6px; margin: 0 4px 2px 0; font-size: 12px; }
.deprecated { color: #687078; font-style: italic; }
.ok { color: #1d8102; }
.error { color: #d13212; }
#message { margin: 8px 16px 0; padding: 6px 10px; border-radius: 4px; background: #fde8e6; border: 1px solid #d13212; }
#message.info { background: #e6f4e6; border-color: #1d8102; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; margin: 6px 0; }
form.action { border: 1px solid #d5dbdb; border-radius: 4px; padding: 8px; margin: 6px 0; display: grid; gap: 6px; }
form.action label { display: grid; gap: 2px; }
form.action label.check { display: flex; gap: 6px; align-items: center; }
textarea { font: 12px/1.4 ui-monospace, monospace; min-height: 5em; }
button { cursor: pointer; }
.hint { color: #687078; }
`;
