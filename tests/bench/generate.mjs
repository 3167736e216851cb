// Writes a synthetic dataset, in the format of data/dataset.toml (see data/README.md), for the scale
// benchmarks. Deterministic: the same arguments give byte-identical files.
//
//   node tests/bench/generate.mjs --actors N --claims M --out DIR [--seed S]
//
// DIR gets dataset.toml and sources/<source-id>.txt. Every claim's quote is a sentence (or two parts
// of one, joined by ` … `) of its first source's text file; dates are never later nor more precise
// than the source's own date unless `date_basis` quotes the words that give them; every summary
// names the claimant; `stated` only when the claimant is the subject or speaks for it. The actors,
// sources and events are invented (made-up names, example.org URLs): it is test data, not news.
// Validate with: WBW_DATASET=<DIR relative to the project root>/dataset.toml cargo xtask check-data
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';

function parseArgs(argv) {
  const o = { seed: 1 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => argv[++i];
    if (a === '--actors') o.actors = Number(v());
    else if (a === '--claims') o.claims = Number(v());
    else if (a === '--out') o.out = v();
    else if (a === '--seed') o.seed = Number(v());
    else fail(`unknown argument ${a}`);
  }
  if (!Number.isInteger(o.actors) || o.actors < 4) fail('--actors must be an integer >= 4');
  if (!Number.isInteger(o.claims) || o.claims < 1) fail('--claims must be a positive integer');
  if (o.actors > 60000) fail('--actors must be at most 60000 (actor ids are 16-bit in the card)');
  if (!o.out) fail('--out DIR is required');
  if (!Number.isInteger(o.seed)) fail('--seed must be an integer');
  return o;
}

function fail(message) {
  console.error(`generate.mjs: ${message}\nusage: node tests/bench/generate.mjs --actors N --claims M --out DIR [--seed S]`);
  process.exit(2);
}

// sfc32, seeded through splitmix32: a small deterministic PRNG.
function prng(seed) {
  let s = seed >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split(), b = split(), c = split(), d = split();
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  const rng = {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    chance: (p) => next() < p,
    // Zipf-like: low indexes much more often (a few actors in many claims, many in few).
    skewed: (n) => Math.min(n - 1, Math.floor(n * next() ** 2.2)),
  };
  return rng;
}

const RELATIONS = {
  'election-observers': [['backs', 'agreed to send observers to the election organised by'], ['neutral', 'invited observers from']],
  'election-support': [['backs', 'pledged to support the election planned by']],
  'arms-and-military-aid': [['backs', 'supplied arms, radar systems and equipment to']],
  training: [['backs', 'trained officers and technicians of']],
  'diplomatic-visit': [['neutral', 'received a delegation from'], ['neutral', 'sent its foreign minister on a visit to']],
  'cooperation-agreements': [['backs', 'signed a memorandum of understanding on energy with'], ['neutral', 'signed a cooperation agreement on customs with']],
  'general-backing': [['backs', 'has emerged as one of the strongest supporters of']],
  sanctions: [['opposes', 'imposed sanctions and travel bans on']],
  condemnation: [['opposes', 'condemned the crackdown ordered by']],
  solidarity: [['backs', 'declared its solidarity with']],
  criticism: [['opposes', 'dismissed as illegitimate the planned vote of']],
  'threat-to-disrupt': [['opposes', 'vowed to disrupt the vote organised by']],
};
const RELATION_IDS = Object.keys(RELATIONS);
const ACTOR_KINDS = ['state', 'person', 'government', 'armed-forces', 'organisation', 'media', 'group'];
const SOURCE_KINDS = ['media-release', 'news-report', 'report', 'statement', 'article', 'other'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const SYL = ['va', 'ren', 'kos', 'tel', 'mar', 'do', 'lin', 'sa', 'bre', 'qua', 'zor', 'ni', 'pe', 'ta', 'gol', 'wen', 'rhu', 'bal', 'ost', 'fi', 'cor', 'len', 'dun', 'ka'];
const GIVEN = ['Amara', 'Bakti', 'Corin', 'Dela', 'Eskil', 'Faro', 'Galen', 'Hesta', 'Iven', 'Juno', 'Kael', 'Lysa', 'Mirel', 'Nadim', 'Orla', 'Pavo', 'Quill', 'Rasa', 'Soren', 'Tamsin', 'Ulla', 'Varo', 'Wren', 'Yara'];
const cap = (s) => s[0].toUpperCase() + s.slice(1);
const slug = (s) => s.normalize('NFKD').toLowerCase().replace(/[’']/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
const toml = (s) => JSON.stringify(s); // a TOML basic string accepts JSON's escapes
const pad = (n, w) => String(n).padStart(w, '0');

function wrap(text, width = 96) {
  const lines = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) { lines.push(line); line = word; } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

// Dates: { y, m?, d? }.
const iso = (t) => [pad(t.y, 4), t.m && pad(t.m, 2), t.d && pad(t.d, 2)].filter(Boolean).join('-');
const truncate = (t, precision) => (precision === 3 ? { ...t } : precision === 2 ? { y: t.y, m: t.m } : { y: t.y });
const precisionOf = (t) => (t.d ? 3 : t.m ? 2 : 1);
const key = (t) => t.y * 10000 + (t.m || 0) * 100 + (t.d || 0);

export function generate({ actors: nActors, claims: nClaims, seed = 1 }) {
  const rng = prng(seed);
  const ids = new Set();
  // Ids: kebab-case, at most 64 characters (the checker's limit), unique across the file.
  const uniqueId = (base) => {
    let id = base || 'x';
    for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
    if (id.length > 64 || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) throw new Error(`generated a bad id: ${id}`);
    ids.add(id);
    return id;
  };
  const short = (id) => id.slice(0, 16).replace(/-+$/, '');

  // ---- actors
  const roots = new Set();
  const root = () => {
    for (;;) {
      const r = cap(Array.from({ length: 2 + rng.int(2) }, () => rng.pick(SYL)).join(''));
      if (!roots.has(r) || roots.size > SYL.length ** 3 / 2) { roots.add(r); return r; }
    }
  };
  const actors = [];
  const focusRoot = root();
  actors.push({
    id: uniqueId('synthetic-junta'), name: `Military junta of ${focusRoot}`, kind: 'government',
    description: `Synthetic test actor: the military government at the centre of this generated dataset`,
    aliases: ['the junta', `${focusRoot}'s generals`],
  });
  for (let i = 1; i < nActors; i++) {
    const kind = ACTOR_KINDS[i % ACTOR_KINDS.length];
    const r = root();
    const n = i + 1;
    let name;
    let aliases = [];
    switch (kind) {
      case 'state': name = `${r}ia`; break;
      case 'person': name = `${rng.pick(GIVEN)} ${r}`; aliases = [r]; break;
      case 'government': name = `Government of ${r}`; aliases = [`${r} government`]; break;
      case 'armed-forces': name = `${r} Armed Forces`; break;
      case 'organisation': name = `${r} Watch`; aliases = [`${r.slice(0, 1)}W${n}`]; break;
      case 'media': name = rng.chance(0.3) ? `${r}’s Daily Herald` : `The ${r} Courier`; break;
      default: name = `Opposition groups of ${r}`; aliases = [`the opposition in ${r}`]; break;
    }
    actors.push({
      id: uniqueId(slug(name)), name, kind, aliases,
      description: `Synthetic test actor number ${n} (${kind})`,
    });
  }
  const byKind = (kinds) => actors.filter((a, i) => i > 0 && kinds.includes(a.kind));
  const persons = byKind(['person']);
  const leadables = byKind(['state', 'government', 'armed-forces']);
  const bodies = byKind(['organisation', 'media', 'group']);
  for (const p of persons) {
    if (leadables.length && rng.chance(0.35)) p.leads = rng.pick(leadables).id;
    else if (bodies.length && rng.chance(0.4)) p.member_of = rng.pick(bodies).id;
  }
  const speakers = new Map(); // actor id -> persons who lead it or are members of it
  for (const p of persons) for (const t of [p.leads, p.member_of]) if (t) speakers.set(t, [...(speakers.get(t) || []), p]);
  const claimants = [...byKind(['media', 'organisation', 'group', 'government', 'state']), actors[0]];

  // ---- sources
  const nSources = Math.max(2, Math.round(nClaims / 20));
  const publishers = byKind(['media', 'organisation']);
  const sources = [];
  for (let i = 0; i < nSources; i++) {
    const y = 2019 + rng.int(7);
    const date = { y, m: 1 + rng.int(12), d: 1 + rng.int(28) };
    const p = rng.next();
    const d = p < 0.6 ? date : p < 0.85 ? truncate(date, 2) : truncate(date, 1);
    const publisher = publishers.length && rng.chance(0.8) ? rng.pick(publishers) : null;
    const supplied = rng.chance(0.3);
    const id = uniqueId(`src-${pad(i + 1, 5)}-${publisher ? slug(publisher.name).slice(0, 24).replace(/-+$/, '') : 'unattributed'}`);
    sources.push({
      id, date: d, publisher, supplied,
      kind: rng.pick(SOURCE_KINDS),
      title: supplied ? `Synthetic report number ${i + 1} on the junta’s allies` : `Test document ${i + 1}: who backs the junta of ${focusRoot}`,
      url: rng.chance(0.25) ? `https://example.org/synthetic/${id}` : null,
      sentences: [`This is synthetic test document number ${i + 1}, written by a generator for benchmarks; its names and events are invented.`],
    });
  }

  // ---- claims
  const focus = actors[0];
  const claims = [];
  for (let i = 0; i < nClaims; i++) {
    let s;
    let o;
    if (rng.chance(0.45)) {
      const other = actors[1 + rng.skewed(actors.length - 1)];
      [s, o] = rng.chance(0.7) ? [other, focus] : [focus, other];
    } else {
      s = actors[1 + rng.skewed(actors.length - 1)];
      do o = actors[rng.skewed(actors.length)]; while (o === s);
    }
    const relation = rng.pick(RELATION_IDS);
    const [stance, verb] = rng.pick(RELATIONS[relation]);
    const source = sources[rng.int(sources.length)];
    // Who makes the claim: the subject itself, someone who speaks for it, or a third party.
    let claimant;
    const own = speakers.get(s.id);
    const p = rng.next();
    if (p < 0.2) claimant = s;
    else if (p < 0.3 && own) claimant = rng.pick(own);
    else { do claimant = rng.pick(claimants); while (claimant === s); }
    const speaksForSubject = claimant === s || claimant.leads === s.id || claimant.member_of === s.id;
    const status = speaksForSubject ? (rng.chance(0.85) ? 'stated' : 'reported')
      : rng.pick(['reported', 'reported', 'reported', 'alleged', 'alleged', 'disputed']);
    // The date, and the words that give it when it is more precise than the source's.
    let date = null;
    let basis = null;
    let when = '';
    const q = rng.next();
    if (q < 0.2 && precisionOf(source.date) < 3) {
      const t = { y: source.date.y, m: source.date.m || 1 + rng.int(12), d: 1 + rng.int(28) };
      date = t;
      basis = `on ${t.d} ${MONTHS[t.m - 1]} ${t.y}`;
      when = ` ${basis}`;
    } else if (q < 0.75) {
      date = truncate(source.date, 1 + rng.int(precisionOf(source.date)));
    }
    const who = claimant === s ? 'it' : s.name;
    const sentence = `${claimant.name} said that ${who} ${verb} ${o.name}${when}, according to document ${source.id}.`;
    const sentenceNo = source.sentences.push(sentence);
    let quote = sentence;
    if (rng.chance(0.15)) quote = `${claimant.name} said that … ${verb} ${o.name}`;
    const summary = claimant === s
      ? `${s.name} says it ${verb} ${o.name}.`
      : `${claimant.name} says ${s.name} ${verb} ${o.name}.`;
    claims.push({
      id: uniqueId(`${short(s.id)}-${relation}-${short(o.id)}-${i + 1}`),
      subject: s.id, relation, stance, object: o.id, date, basis, summary,
      attributed_to: claimant.id, sources: [source.id, ...(rng.chance(0.1) ? [rng.pick(sources).id] : [])].filter((v, j, xs) => xs.indexOf(v) === j),
      quote, status, note: rng.chance(0.05) ? `Synthetic note: sentence ${sentenceNo} of its source.` : null,
    });
  }

  // ---- context items
  const context = [];
  for (let i = 0; i < Math.max(2, Math.round(nClaims / 100)); i++) {
    const source = rng.pick(sources);
    const claimant = rng.pick(claimants);
    const about = [actors[rng.skewed(actors.length)]];
    if (rng.chance(0.5)) { const b = rng.pick(actors); if (b !== about[0]) about.push(b); }
    const sentence = `${claimant.name} said that the elections held by ${about[0].name} have been neither free nor fair (item ${i + 1}).`;
    source.sentences.push(sentence);
    context.push({
      id: uniqueId(`context-${pad(i + 1, 4)}-${about[0].id.slice(0, 24).replace(/-+$/, '')}`),
      about: about.map((a) => a.id),
      date: rng.chance(0.5) ? truncate(source.date, 1) : null,
      summary: `${claimant.name} says the elections held by ${about[0].name} have been neither free nor fair.`,
      attributed_to: claimant.id, sources: [source.id], quote: sentence,
      status: rng.pick(['reported', 'disputed']),
    });
  }

  const asOf = sources.reduce((best, s) => (key(s.date) > key(best) ? s.date : best), sources[0].date);
  return { actors, sources, claims, context, asOf, focus, seed };
}

export function render(data, { actors: nA, claims: nC }) {
  const out = [];
  const L = (s = '') => out.push(s);
  L('# Synthetic dataset for the scale benchmarks, written by tests/bench/generate.mjs');
  L(`# (--actors ${nA} --claims ${nC} --seed ${data.seed}). Invented names and events: test data, not news.`);
  L();
  L('[dataset]');
  L(`title = ${toml(`Synthetic test card: ${nA} actors, ${nC} claims`)}`);
  L(`focus = ${toml(data.focus.id)}`);
  L(`as_of = ${toml(iso(data.asOf))}`);
  L('version = "0.0.1"');
  L(`description = ${toml(`A generated dataset of ${nA} invented actors and ${nC} attributed claims, for measuring the card at scale.`)}`);
  for (const a of data.actors) {
    L();
    L('[[actors]]');
    L(`id = ${toml(a.id)}`);
    L(`name = ${toml(a.name)}`);
    L(`kind = ${toml(a.kind)}`);
    L(`description = ${toml(a.description)}`);
    L(`aliases = [${a.aliases.map(toml).join(', ')}]`);
    if (a.leads) L(`leads = ${toml(a.leads)}`);
    if (a.member_of) L(`member_of = ${toml(a.member_of)}`);
  }
  for (const s of data.sources) {
    L();
    L('[[sources]]');
    L(`id = ${toml(s.id)}`);
    L(`title = ${toml(s.title)}`);
    L(`title_supplied = ${s.supplied}`);
    if (s.publisher) L(`publisher = ${toml(s.publisher.name)}`);
    L(`kind = ${toml(s.kind)}`);
    L(`date = ${toml(iso(s.date))}`);
    if (s.url) L(`url = ${toml(s.url)}`);
    L(`text = ${toml(`sources/${s.id}.txt`)}`);
  }
  for (const c of data.claims) {
    L();
    L('[[claims]]');
    L(`id = ${toml(c.id)}`);
    L(`subject = ${toml(c.subject)}`);
    L(`relation = ${toml(c.relation)}`);
    L(`stance = ${toml(c.stance)}`);
    L(`object = ${toml(c.object)}`);
    if (c.date) L(`date = ${toml(iso(c.date))}`);
    if (c.basis) L(`date_basis = ${toml(c.basis)}`);
    L(`summary = ${toml(c.summary)}`);
    L(`attributed_to = ${toml(c.attributed_to)}`);
    L(`sources = [${c.sources.map(toml).join(', ')}]`);
    L(`quote = ${toml(c.quote)}`);
    L(`status = ${toml(c.status)}`);
    if (c.note) L(`note = ${toml(c.note)}`);
  }
  for (const c of data.context) {
    L();
    L('[[context]]');
    L(`id = ${toml(c.id)}`);
    L(`about = [${c.about.map(toml).join(', ')}]`);
    if (c.date) L(`date = ${toml(iso(c.date))}`);
    L(`summary = ${toml(c.summary)}`);
    L(`attributed_to = ${toml(c.attributed_to)}`);
    L(`sources = [${c.sources.map(toml).join(', ')}]`);
    L(`quote = ${toml(c.quote)}`);
    L(`status = ${toml(c.status)}`);
  }
  return out.join('\n') + '\n';
}

if (import.meta.url === `file://${path.resolve(process.argv[1] || '')}`) {
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const data = generate(opts);
  rmSync(path.join(opts.out, 'sources'), { recursive: true, force: true });
  mkdirSync(path.join(opts.out, 'sources'), { recursive: true });
  for (const s of data.sources) {
    const text = [s.title, '', ...s.sentences.reduce((paras, sentence, i) => {
      if (i % 4 === 0) paras.push([]);
      paras[paras.length - 1].push(sentence);
      return paras;
    }, []).map((p) => `${wrap(p.join(' '))}\n`)].join('\n');
    writeFileSync(path.join(opts.out, 'sources', `${s.id}.txt`), text);
  }
  const file = path.join(opts.out, 'dataset.toml');
  writeFileSync(file, render(data, opts));
  console.log(`wrote ${file}: ${data.actors.length} actors, ${data.sources.length} sources, ${data.claims.length} claims, `
    + `${data.context.length} context items (seed ${data.seed}, ${Date.now() - started} ms)`);
}
