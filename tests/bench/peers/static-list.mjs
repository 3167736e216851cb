// The "limit" peer of BENCHMARKS.md (issue 17): the shipped dataset as a plain static page.
// Every claim as plain HTML (subject → object, relation, summary, who claims it, status, date,
// source title, quote), one small stylesheet, no script. Built by bench.mjs at bench time from
// the measured build's claims.json, into a temp dir served by serve.mjs (brotli).
//
//   staticList(claimsJson) -> { 'index.html': string, 'list.css': string }

const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const words = (id) => String(id ?? '').replace(/-/g, ' ');

export const LIST_CSS = `body{margin:0 auto;max-width:46rem;padding:1rem;font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;background:#fff}
h1{font-size:1.5rem;line-height:1.25;margin:0 0 .5rem}
ol{padding:0;list-style:none}
li{border-top:1px solid #ddd;padding:.75rem 0}
h2{font-size:1rem;margin:0}
p{margin:.25rem 0}
.meta{color:#555;font-size:.875rem}
blockquote{margin:.25rem 0 0;padding-left:.75rem;border-left:3px solid #ccc;color:#333}
`;

export function staticList(data) {
  const actors = new Map((data.actors || []).map((a) => [a.id, a]));
  const sources = new Map((data.sources || []).map((s) => [s.id, s]));
  const name = (id) => esc(actors.get(id)?.name ?? id);
  const title = data.dataset?.title || 'Claims';
  const items = (data.claims || []).map((c) => {
    const src = (c.sources || []).map((id) => esc(sources.get(id)?.title ?? id)).join('; ');
    return `<li id="${esc(c.id)}"><h2>${name(c.subject)} → ${name(c.object)}</h2>
<p class="meta">${esc(words(c.relation))} · ${esc(c.stance)} · ${esc(c.status)}${c.date ? ` · ${esc(c.date)}` : ''}</p>
<p>${esc(c.summary)}</p>
<p class="meta">Claimed by ${name(c.attributed_to)}. Source: ${src}</p>
${c.quote ? `<blockquote>${esc(c.quote)}</blockquote>` : ''}</li>`;
  }).join('\n');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<meta name="description" content="${esc(data.dataset?.description || title)}">
<link rel="stylesheet" href="list.css">
</head>
<body>
<main>
<h1>${esc(title)}</h1>
<p>${esc(data.dataset?.description || '')}</p>
<ol>
${items}
</ol>
</main>
</body>
</html>
`;
  return { 'index.html': html, 'list.css': LIST_CSS };
}
