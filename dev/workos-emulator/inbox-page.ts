// GET /_emulator/inbox: a tiny Mailpit-like page. Everything is escaped; HTML bodies are rendered in
// a sandboxed srcdoc iframe (no scripts, no same-origin access) under a CSP that blocks remote loads.
import { escapeHtml } from './html.ts';
import type { InboxMessage } from './inbox.ts';

/** Content-Security-Policy of the inbox page (inherited by the srcdoc iframes). */
export const INBOX_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'; " +
  "img-src data:; frame-src 'self'; base-uri 'none'; form-action 'none'";

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;background:#f4f4f7;color:#222}
header{display:flex;gap:1rem;align-items:center;padding:.75rem 1.25rem;background:#1f1f3a;color:#fff}
header h1{font-size:1.1rem;margin:0;flex:1}header button,header label{font:inherit;color:#fff}
header button{background:#6363f1;border:0;border-radius:4px;padding:.3rem .8rem;cursor:pointer}
main{max-width:60rem;margin:0 auto;padding:1rem}
article{background:#fff;border-radius:8px;padding:1rem 1.25rem;margin-bottom:1rem;box-shadow:0 1px 2px #0002}
h2{font-size:1.05rem;margin:0 0 .25rem}.meta{color:#555;font-size:.85rem;margin-bottom:.5rem}
ul.links{padding-left:1.2rem;word-break:break-all}pre{white-space:pre-wrap;background:#f7f7f9;padding:.6rem;border-radius:4px}
iframe{width:100%;height:18rem;border:1px solid #ddd;border-radius:4px;background:#fff}.empty{color:#666;text-align:center;margin-top:4rem}`;

const SCRIPT = `const newest = document.body.dataset.newest;
document.getElementById('clear').addEventListener('click', async () => {
  await fetch('/_emulator/emails', { method: 'DELETE' }); location.reload();
});
const auto = document.getElementById('auto');
auto.checked = localStorage.getItem('inbox-auto') !== 'off';
auto.addEventListener('change', () => localStorage.setItem('inbox-auto', auto.checked ? 'on' : 'off'));
setInterval(async () => {
  if (!auto.checked) return;
  try {
    const list = await (await fetch('/_emulator/emails')).json();
    if ((list[0]?.id ?? '') !== newest) location.reload();
  } catch {}
}, 2000);`;

// Links in the HTML body open in a new tab: the sandbox forbids scripts and top navigation, and
// navigating the iframe itself to an app page would be blocked by the inherited CSP.
function htmlFrame(m: InboxMessage): string {
  const doc = `<base target="_blank">${m.html}`;
  return `<iframe sandbox="allow-popups allow-popups-to-escape-sandbox" title="HTML body of ${escapeHtml(m.subject)}" srcdoc="${escapeHtml(doc)}"></iframe>`;
}

function renderMessage(m: InboxMessage): string {
  const links = m.links.map((l) => `<li><a href="${escapeHtml(l)}">${escapeHtml(l)}</a></li>`).join('');
  return `<article id="${escapeHtml(m.id)}">
<h2>${escapeHtml(m.subject || '(no subject)')}</h2>
<div class="meta">To <strong>${escapeHtml(m.to)}</strong> · from ${escapeHtml(m.from)} · <time datetime="${escapeHtml(m.createdAt)}">${escapeHtml(m.createdAt)}</time></div>
${links ? `<ul class="links">${links}</ul>` : ''}
${m.text ? `<details open><summary>Text</summary><pre>${escapeHtml(m.text)}</pre></details>` : ''}
${m.html ? `<details><summary>HTML</summary>${htmlFrame(m)}</details>` : ''}
</article>`;
}

/** The whole inbox page, newest message first. */
export function renderInboxPage(messages: InboxMessage[]): string {
  const body = messages.length
    ? messages.map(renderMessage).join('\n')
    : '<p class="empty">No emails yet. Magic links, Magic Auth codes and SMTP mail show up here.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Inbox (${messages.length}) · WorkOS emulator</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head>
<body data-newest="${escapeHtml(messages[0]?.id ?? '')}">
<header><h1>WorkOS emulator inbox · ${messages.length} message${messages.length === 1 ? '' : 's'}</h1>
<label><input type="checkbox" id="auto"> auto-refresh</label><button id="clear" type="button">Clear inbox</button></header>
<main>${body}</main>
<script>${SCRIPT}</script></body></html>`;
}
