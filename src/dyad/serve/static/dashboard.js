// dyad dashboard: plain JavaScript and SVG over the server's /api/v1, no library, no CDN.
// Everything from the store (article text, names, codes) reaches the page through
// textContent or setAttribute, never as markup. Aggregation and paging happen on the server,
// so the page holds one dyad's periods and one page of events at a time.
"use strict";

const API = "/api/v1";
const SVG = "http://www.w3.org/2000/svg";
const QUADS = [["verbal_coop", "verbal cooperation", "q1"], ["material_coop", "material cooperation", "q2"],
               ["verbal_conflict", "verbal conflict", "q3"], ["material_conflict", "material conflict", "q4"]];
const STATUSES = [["open", "open"], ["conditions partly met", "partly met"], ["conditions met", "met"],
                  ["consequence observed", "observed"], ["contradicted", "contradicted"]];
const state = { a: null, b: null, period: "month", cursor: null, since: null, until: null, dyads: [] };

function $(id) { return document.getElementById(id); }

function el(tag, attrs = {}, text = null) {
  const node = tag.startsWith("svg:") ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== null && text !== undefined) node.textContent = String(text);
  return node;
}

async function get(path, params = {}) {
  const url = new URL(API + path, location.origin);
  for (const [k, v] of Object.entries(params)) {
    for (const x of [].concat(v)) if (x !== null && x !== undefined && x !== "") url.searchParams.append(k, x);
  }
  const res = await fetch(url);
  const body = await res.json();
  if (!res.ok) throw new Error(body.error || res.statusText);
  return body;
}

function status(text) { $("status").textContent = text; }
function fmt(x, digits = 2) { return x === null || x === undefined ? "–" : Number(x).toFixed(digits); }
function actorName(ref, key) { return ref ? (ref.text || ref.code || key) : key || "?"; }

// --- the dyad picker -------------------------------------------------------------------
async function loadDyads() {
  const [health, dyads] = await Promise.all([get("/health"), get("/dyads", { limit: 100 })]);
  $("store-counts").textContent = `${health.events.toLocaleString()} events, ${health.articles.toLocaleString()} articles`;
  state.dyads = dyads.items;
  const picker = $("dyad-picker");
  picker.replaceChildren();
  for (const d of dyads.items) {
    picker.append(el("option", { value: `${d.a}-${d.b}` }, `${d.a}–${d.b} (${d.events})`));
  }
  const wanted = decodeURIComponent(location.hash.slice(1)) || "USA-PAK";
  const values = [...picker.options].map((o) => o.value);
  const pick = values.find((v) => v === wanted || v === wanted.split("-").reverse().join("-")) || values[0];
  if (!pick) { status("The store has no dyads yet."); return; }
  picker.value = pick;
  await selectDyad(pick, wanted);
}

async function selectDyad(value, preferred = value) {
  const [a, b] = value.split("-");
  const known = state.dyads.find((d) => d.a === a && d.b === b);
  // the picker lists pairs alphabetically; keep the order the URL asked for (#USA-PAK)
  [state.a, state.b] = preferred === `${b}-${a}` ? [b, a] : [a, b];
  history.replaceState(null, "", `#${state.a}-${state.b}`);
  state.since = state.until = null;
  $("dyad-title").textContent = `${state.a} – ${state.b}`;
  status(`Loading ${state.a}–${state.b}…`);
  await Promise.all([loadRelations(), loadEvents(true), loadScenarios()]);
  const partners = state.dyads.filter((d) => d !== known && [d.a, d.b].some((x) => x === a || x === b))
    .flatMap((d) => [d.a, d.b]);
  $("network-actors").value = [...new Set([state.a, state.b, ...partners])].slice(0, 6).join(", ");
  await loadNetwork();
  status("");
}

// --- charts ----------------------------------------------------------------------------
async function loadRelations() {
  const dyad = `${state.a}-${state.b}`;
  const rel = await get(`/relations/${state.a}/${state.b}`, { period: state.period });
  const both = `${state.a}<->${state.b}`;
  const rows = rel.rows.filter((r) => r.direction === both);
  const total = rel.totals.find((r) => r.direction === both);
  $("dyad-totals").textContent = total
    ? `${total.events} asserted events; index ${fmt(total.index)} [${fmt(total.index_lo)}, ${fmt(total.index_hi)}]; ` +
      `${rel.change_points.length} change point(s)`
    : "no events";
  drawIndex(rows, rel.change_points.filter((c) => c.direction === both));
  drawQuads(rows);
  // which dyad the charts show (a page or a test can wait for the one it asked for)
  for (const id of ["chart-index", "chart-quads"]) $(id).querySelector("svg").dataset.dyad = dyad;
}

function frame(figure, height) {
  figure.querySelectorAll("svg").forEach((s) => s.remove());
  const svg = el("svg:svg", { viewBox: `0 0 640 ${height}`, role: "img" });
  figure.append(svg);
  return svg;
}

function xScale(n, left = 40, right = 630) {
  return (i) => (n <= 1 ? (left + right) / 2 : left + (i * (right - left)) / (n - 1));
}

function periodLabels(svg, rows, x, y) {
  const step = Math.max(1, Math.ceil(rows.length / 8));
  rows.forEach((r, i) => {
    if (i % step === 0) svg.append(el("svg:text", { x: x(i), y, "text-anchor": "middle" }, r.period.slice(0, 7)));
  });
}

function drawIndex(rows, changes) {
  const svg = frame($("chart-index"), 240);
  const x = xScale(rows.length);
  const y = (v) => 20 + (1 - v) * 90; // index in [-1, 1] -> 200..20
  for (const v of [-1, 0, 1]) {
    svg.append(el("svg:line", { x1: 40, x2: 630, y1: y(v), y2: y(v), class: v === 0 ? "axis" : "grid" }));
    svg.append(el("svg:text", { x: 34, y: y(v) + 4, "text-anchor": "end" }, v));
  }
  const band = rows.map((r, i) => [i, r]).filter(([, r]) => r.index_lo !== null && r.index_hi !== null);
  if (band.length) {
    const pts = band.map(([i, r]) => `${x(i)},${y(r.index_hi)}`)
      .concat(band.slice().reverse().map(([i, r]) => `${x(i)},${y(r.index_lo)}`));
    svg.append(el("svg:polygon", { points: pts.join(" "), class: "band" }));
  }
  // periods without an index (no weighted events) are skipped, not drawn as zero
  const d = rows.map((r, i) => [i, r]).filter(([, r]) => r.index !== null)
    .map(([i, r], k) => `${k ? "L" : "M"}${x(i).toFixed(1)},${y(r.index).toFixed(1)}`).join(" ");
  if (d) svg.append(el("svg:path", { d, class: "index-line" }));
  rows.forEach((r, i) => {
    if (r.index === null) return;
    const dot = el("svg:circle", { cx: x(i), cy: y(r.index), r: 3.5, class: "point", "data-period": r.period });
    dot.append(el("svg:title", {}, `${r.period}: index ${fmt(r.index)} (${r.events} events)`));
    dot.addEventListener("click", () => filterPeriod(r.period, i < rows.length - 1 ? rows[i + 1].period : null));
    svg.append(dot);
  });
  for (const c of changes) {
    const i = rows.findIndex((r) => r.period >= c.period);
    if (i < 0) continue;
    const line = el("svg:line", { x1: x(i), x2: x(i), y1: 14, y2: 206, class: "change" });
    const drivers = (c.drivers || []).map((dr) => `${dr.key} ${dr.name}`).join("; ");
    line.append(el("svg:title", {}, `change from ${c.period}: ${fmt(c.index_before)} → ${fmt(c.index_after)}. ${drivers}`));
    svg.append(line);
  }
  periodLabels(svg, rows, x, 228);
}

function drawQuads(rows) {
  const svg = frame($("chart-quads"), 240);
  const max = Math.max(1, ...rows.map((r) => r.events));
  const x = xScale(rows.length + 1, 40, 630);
  const w = Math.max(1, (590 / Math.max(rows.length, 1)) * 0.8);
  const h = (n) => (n / max) * 170;
  svg.append(el("svg:line", { x1: 40, x2: 630, y1: 200, y2: 200, class: "axis" }));
  svg.append(el("svg:text", { x: 34, y: 34, "text-anchor": "end" }, max));
  rows.forEach((r, i) => {
    let base = 200;
    for (const [key, label, cls] of QUADS) {
      if (!r[key]) continue;
      const rect = el("svg:rect", { x: x(i) + 2, y: base - h(r[key]), width: w, height: h(r[key]), class: cls });
      rect.append(el("svg:title", {}, `${r.period}: ${r[key]} ${label}`));
      svg.append(rect);
      base -= h(r[key]);
    }
  });
  periodLabels(svg, rows, (i) => x(i) + w / 2, 228);
  const legend = el("svg:g", { class: "legend" });
  QUADS.forEach(([, label, cls], k) => {
    legend.append(el("svg:rect", { x: 60 + k * 140, y: 4, width: 10, height: 10, class: cls }));
    legend.append(el("svg:text", { x: 74 + k * 140, y: 13 }, label));
  });
  svg.append(legend);
}

// --- events and their evidence -----------------------------------------------------------
function filterPeriod(start, nextStart) {
  state.since = start;
  state.until = nextStart ? new Date(Date.parse(nextStart) - 86400000).toISOString().slice(0, 10) : null;
  document.querySelectorAll(".point").forEach((p) => p.classList.toggle("selected", p.dataset.period === start));
  loadEvents(true);
}

async function loadEvents(reset) {
  if (reset) state.cursor = null;
  const page = await get("/events", { actor: [state.a, state.b], since: state.since, until: state.until,
                                     limit: 50, cursor: state.cursor, order: state.since ? "asc" : "desc" });
  const body = $("event-table").tBodies[0];
  if (reset) body.replaceChildren();
  for (const e of page.items) {
    const row = el("tr", { "data-key": e.event_key });
    for (const cell of [e.date, actorName(e.source, e.source_key), actorName(e.target, e.target_key), e.cameo,
                        e.cameo_name, fmt(e.goldstein, 1), e.modality, e.num_mentions]) {
      row.append(el("td", {}, cell));
    }
    row.addEventListener("click", () => showEvent(e.event_key, row));
    body.append(row);
  }
  state.cursor = page.next;
  $("more-events").hidden = !page.next;
  $("event-filter").textContent = state.since ? `from ${state.since}${state.until ? " to " + state.until : ""}` : "(latest first)";
  $("clear-filter").hidden = !state.since;
}

function markedSentence(sentence, start, end) {
  const quote = el("blockquote");
  if (start >= 0 && end <= sentence.length && start < end) {
    quote.append(document.createTextNode(sentence.slice(0, start)), el("mark", {}, sentence.slice(start, end)),
                 document.createTextNode(sentence.slice(end)));
  } else {
    quote.textContent = sentence;
  }
  return quote;
}

async function showEvent(key, row) {
  document.querySelectorAll("#event-table tr.selected").forEach((r) => r.classList.remove("selected"));
  if (row) row.classList.add("selected");
  const ev = await get(`/events/${encodeURIComponent(key)}`);
  const box = $("evidence");
  box.replaceChildren(el("h3", {}, `${ev.date || "undated"} · ${ev.cameo} ${ev.cameo_name}`),
                      el("p", { class: "muted" }, `${actorName(ev.source, ev.source_key)} → ${actorName(ev.target, ev.target_key)}; ` +
                         `Goldstein ${fmt(ev.goldstein, 1)}, ${ev.modality}; ${ev.num_mentions} mention(s) in ${ev.num_articles} article(s)`));
  if (!ev.mentions.length) box.append(el("p", { class: "muted" }, "No stored mentions (an imported event)."));
  for (const m of ev.mentions) {
    const div = el("div", { class: "mention" });
    div.append(markedSentence(m.sentence, m.evidence.start, m.evidence.end));
    const src = el("p", { class: "muted" });
    const title = m.article.title || m.article.id;
    if (m.article.url && /^https?:\/\//i.test(m.article.url)) {
      src.append(el("a", { href: m.article.url, rel: "noopener noreferrer", target: "_blank" }, title));
    } else {
      src.append(document.createTextNode(title));
    }
    src.append(document.createTextNode(` · ${m.article.date || m.date || "undated"} · trigger “${m.evidence.text}”`));
    div.append(src);
    box.append(div);
  }
}

// --- scenarios ---------------------------------------------------------------------------
async function loadScenarios() {
  const { items } = await get("/scenarios", { dyad: `${state.a},${state.b}` });
  const board = $("scenario-board");
  board.replaceChildren();
  for (const [value, label] of STATUSES) {
    const col = el("div", { class: "column", "data-status": value });
    const mine = items.filter((s) => s.status === value);
    col.append(el("h3", {}, `${label} (${mine.length})`));
    for (const s of mine) {
      const card = el("div", { class: "card" });
      card.append(el("div", {}, s.text), el("div", { class: "muted" }, `${s.stated_by} · ${s.date || "undated"}${s.hedge ? " · " + s.hedge : ""}`));
      for (const ev of s.evidence) {
        if (!ev.event_key) continue;
        const button = el("button", { type: "button" }, `${ev.date || ""} ${ev.cameo || ""} ${ev.cameo_name || ""}`);
        button.addEventListener("click", () => showEvent(ev.event_key, null));
        card.append(button);
      }
      col.append(card);
    }
    board.append(col);
  }
}

// --- network -----------------------------------------------------------------------------
async function loadNetwork() {
  const actors = $("network-actors").value.split(/[\s,]+/).filter(Boolean);
  const table = $("network-matrix");
  table.replaceChildren();
  if (actors.length < 2) return;
  const net = await get("/network", { actor: actors.join(",") });
  const head = el("tr", {}, null);
  head.append(el("th", {}, "source → target"));
  net.actors.forEach((t) => head.append(el("th", {}, t)));
  table.append(head);
  net.actors.forEach((s, i) => {
    const tr = el("tr");
    tr.append(el("th", {}, s));
    net.actors.forEach((t, j) => {
      const v = net.index[i][j];
      const n = net.events[i][j];
      const td = el("td", { title: `${s} → ${t}: ${n} events, index ${fmt(v)}` }, i === j ? "" : v === null ? "–" : fmt(v));
      if (v !== null && i !== j) td.style.background = `hsl(${v >= 0 ? 130 : 5}, 55%, ${92 - Math.abs(v) * 35}%)`;
      tr.append(td);
    });
    table.append(tr);
  });
}

function guard(fn) {
  return (...args) => fn(...args).catch((err) => status(`Error: ${err.message}`));
}

document.addEventListener("DOMContentLoaded", () => {
  $("dyad-picker").addEventListener("change", guard((e) => { location.hash = e.target.value; return selectDyad(e.target.value); }));
  $("period-picker").addEventListener("change", guard(async (e) => { state.period = e.target.value; await loadRelations(); }));
  $("more-events").addEventListener("click", guard(() => loadEvents(false)));
  $("clear-filter").addEventListener("click", guard(async () => {
    state.since = state.until = null;
    document.querySelectorAll(".point.selected").forEach((p) => p.classList.remove("selected"));
    await loadEvents(true);
  }));
  $("network-form").addEventListener("submit", guard(async (e) => { e.preventDefault(); await loadNetwork(); }));
  guard(loadDyads)();
});
