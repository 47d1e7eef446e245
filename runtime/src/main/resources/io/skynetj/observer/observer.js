// The observer page: polls the console's JSON API every second and draws the tables and charts
// (plain DOM and SVG, no libraries: the page must work where there is no internet).
"use strict";

const POLL_MS = 1000;
const SPARK_POINTS = 60;
const token = new URLSearchParams(location.search).get("token");
const headers = token ? { Authorization: "Bearer " + token } : {};

const state = {
  sortKey: "cpuRate", ascending: false, filter: "",
  previous: null,                // the last /api/services answer, for rates
  history: new Map(),            // address -> { mailbox: [], cpu: [] }
  rows: [], tick: 0,
};

async function getJson(path) {
  const r = await fetch(path, { headers, cache: "no-store" });
  if (!r.ok) throw new Error(path + ": " + r.status + " " + (await r.text()).trim());
  return r.json();
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v; else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

function svgEl(tag, attrs) {
  const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

function fmt(n, digits = 0) {
  if (n === null || n === undefined) return "-";
  return Number(n).toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function bytes(n) {
  const units = ["B", "KiB", "MiB", "GiB"];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return n.toFixed(i ? 1 : 0) + " " + units[i];
}

function duration(s) {
  const d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60);
  return (d ? d + "d " : "") + (d || h ? h + "h " : "") + m + "m " + Math.floor(s % 60) + "s";
}

/** A polyline of the last values, scaled to its own maximum. */
function sparkline(values) {
  const svg = svgEl("svg", { class: "spark", viewBox: "0 0 60 14", preserveAspectRatio: "none" });
  if (values.length < 2) return svg;
  const max = Math.max(...values, 1e-9);
  const step = 60 / (SPARK_POINTS - 1), start = 60 - (values.length - 1) * step;
  const points = values.map((v, i) => (start + i * step).toFixed(1) + "," + (13 - 12 * v / max).toFixed(1));
  svg.append(svgEl("polyline", { points: points.join(" ") }));
  return svg;
}

function remember(address, key, value) {
  let h = state.history.get(address);
  if (!h) state.history.set(address, h = { mailbox: [], cpu: [] });
  h[key].push(value);
  if (h[key].length > SPARK_POINTS) h[key].shift();
  return h[key];
}

function updateServices(data) {
  const prev = state.previous;
  const before = new Map(prev ? prev.services.map(s => [s.address, s]) : []);
  const seconds = prev ? Math.max(0.001, (data.time - prev.time) / 1000) : 0;
  const alive = new Set();
  state.rows = data.services.map(s => {
    alive.add(s.address);
    const p = before.get(s.address);
    const row = Object.assign({}, s);
    row.rate = p && seconds ? (s.messages - p.messages) / seconds : 0;
    row.cpuRate = p && seconds ? 100 * (s.cpu - p.cpu) / seconds : 0;
    row.mailboxSpark = remember(s.address, "mailbox", s.mailbox).slice();
    row.cpuSpark = remember(s.address, "cpu", row.cpuRate).slice();
    return row;
  });
  for (const a of [...state.history.keys()]) if (!alive.has(a)) state.history.delete(a);
  state.previous = data;
  drawServices();
}

function drawServices() {
  const f = state.filter.trim().toLowerCase();
  const rows = state.rows.filter(r => !f || (r.name + " " + r.address + " " + r.command).toLowerCase().includes(f));
  const k = state.sortKey, dir = state.ascending ? 1 : -1;
  rows.sort((a, b) => {
    const x = a[k], y = b[k];
    const c = typeof x === "number" ? x - y : String(x).localeCompare(String(y));
    return c !== 0 ? c * dir : a.handle - b.handle;
  });
  const body = el("tbody");
  for (const r of rows) {
    const code = r.version ? el("td", {}, el("code", {}, r.version.slice(0, 10))) : el("td", { class: "empty" }, "-");
    if (r.oldFiles > 0) code.append(" ", el("span", { class: "old", title: r.oldFiles + " of " + r.files + " files changed on disk since loaded" }, "old code"));
    const tr = el("tr", { "data-address": r.address, "data-name": r.name },
      el("td", {}, el("code", {}, r.address)),
      el("td", {}, r.name),
      el("td", { class: "runs", title: r.command }, r.command),
      el("td", { class: "num" }, fmt(r.mailbox), sparkline(r.mailboxSpark)),
      el("td", { class: "num" }, fmt(r.rate, 1)),
      el("td", { class: "num" }, fmt(r.messages)),
      el("td", { class: "num" }, fmt(r.cpuRate, 1), sparkline(r.cpuSpark)),
      el("td", { class: "num" }, fmt(r.cpu, 3)),
      el("td", { class: "num" }, fmt(r.requests)),
      el("td", { class: "num" }, fmt(r.suspended)),
      code);
    if (r.mailbox > 100 || r.cpuRate > 50) tr.classList.add("hot");
    body.append(tr);
  }
  document.querySelector("#services tbody").replaceWith(body);
  document.getElementById("service-count").textContent = rows.length + " of " + state.rows.length;
  for (const th of document.querySelectorAll("#services th[data-key]")) {
    th.classList.toggle("sorted", th.dataset.key === k);
    th.classList.toggle("asc", th.dataset.key === k && state.ascending);
  }
}

function updateNode(n) {
  const cards = [
    ["uptime", duration(n.uptime)], ["services", fmt(n.services)], ["messages/s", fmt(n.messagesPerSecond, 1)],
    ["messages", fmt(n.messages)], ["mailboxes", fmt(n.mailbox)],
    ["carriers busy", n.carriers ? n.carriersBusy + " / " + n.carriers : "JDK scheduler"], ["timers", fmt(n.timers)],
    ["heap", bytes(n.heap.used) + " / " + bytes(n.heap.max > 0 ? n.heap.max : n.heap.committed)],
    ["GC", n.gc.map(g => g.collections).reduce((a, b) => a + b, 0) + " in " + fmt(n.gc.map(g => g.seconds).reduce((a, b) => a + b, 0), 2) + " s"],
    ["injects", fmt(n.operations.injects)], ["clearcaches", fmt(n.operations.clearcaches)],
    ["upgrades", fmt(n.operations.upgrades) + (n.operations.upgradesFailed ? " (" + n.operations.upgradesFailed + " failed)" : "")],
  ];
  document.getElementById("summary").replaceChildren(...cards.map(([label, value]) => el("div", { class: "card" }, el("b", {}, value), el("span", {}, label))));
  drawChart(n.history);
  const links = el("tbody");
  for (const l of n.cluster)
    links.append(el("tr", {}, el("td", {}, l.direction), el("td", {}, l.node || "-"), el("td", {}, l.remote || "-"), el("td", {}, l.state),
      el("td", { class: "num" }, fmt(l.pendingCalls)), el("td", { class: "num" }, bytes(l.bytesIn)), el("td", { class: "num" }, bytes(l.bytesOut)),
      el("td", {}, l.lastError || "")));
  if (!n.cluster.length) links.append(el("tr", {}, el("td", { class: "empty", colspan: 8 }, "no cluster links")));
  document.querySelector("#cluster tbody").replaceWith(links);
}

function drawChart(history) {
  const svg = document.getElementById("chart");
  svg.replaceChildren();
  if (history.length < 2) {
    const t = svgEl("text", { x: 10, y: 20, fill: "#889", "font-size": 12 });
    t.textContent = "collecting samples (one every 2 s)…";
    svg.append(t);
    return;
  }
  const t0 = history[0].time, t1 = history[history.length - 1].time, span = Math.max(1, t1 - t0);
  const maxRate = Math.max(...history.map(s => s.messagesPerSecond), 1);
  const maxHeap = Math.max(...history.map(s => s.heapUsed), 1);
  const line = (value, max, cls) => svgEl("polyline", {
    class: cls, fill: "none", "stroke-width": 1.5, "vector-effect": "non-scaling-stroke",
    points: history.map(s => (800 * (s.time - t0) / span).toFixed(1) + "," + (155 - 145 * value(s) / max).toFixed(1)).join(" "),
  });
  svg.append(line(s => s.heapUsed, maxHeap, "heap-line"), line(s => s.messagesPerSecond, maxRate, "msg-line"));
  document.getElementById("chart-scale").textContent =
    " — top: " + fmt(maxRate, 0) + " msg/s, " + bytes(maxHeap) + "; " + Math.round(span / 1000) + " s shown";
}

function updateUpgrades(u) {
  const managed = el("tbody");
  for (const m of u.managed)
    managed.append(el("tr", {}, el("td", {}, m.name), el("td", {}, el("code", {}, m.address)), el("td", {}, el("code", {}, m.instance)),
      el("td", {}, m.command), el("td", {}, el("code", {}, (m.version || "").slice(0, 10))), el("td", {}, el("code", {}, (m.previousVersion || "-").slice(0, 10)))));
  if (!u.managed.length) managed.append(el("tr", {}, el("td", { class: "empty", colspan: 6 }, "no managed names (require \"skynet.upgrade\".newservice)")));
  document.querySelector("#managed tbody").replaceWith(managed);
  const list = el("ol", { id: "upgrades", reversed: "" });
  for (const h of [...u.history].reverse()) {
    const what = (h.rollback ? "rollback " : "upgrade ") + h.name + ": " + (h.from || "?").slice(0, 10) + " → " + (h.to || "?").slice(0, 10);
    list.append(el("li", { class: h.ok ? "" : "failed" },
      new Date(h.time).toLocaleTimeString() + " " + what + (h.ok ? "" : " FAILED, rolled back") + " (" + fmt(h.millis, 1) + " ms)",
      el("pre", {}, h.steps.join("\n"))));
  }
  document.getElementById("upgrades").replaceWith(list);
}

async function poll() {
  const status = document.getElementById("status");
  try {
    const [services, node] = await Promise.all([getJson("api/services"), getJson("api/node")]);
    updateServices(services);
    updateNode(node);
    if (state.tick++ % 5 === 0) updateUpgrades(await getJson("api/upgrades"));
    status.textContent = "live — updated " + new Date().toLocaleTimeString();
    status.classList.remove("down");
  } catch (e) {
    status.textContent = "no answer: " + e.message;
    status.classList.add("down");
  }
  setTimeout(poll, POLL_MS);
}

for (const th of document.querySelectorAll("#services th[data-key]")) {
  th.addEventListener("click", () => {
    if (state.sortKey === th.dataset.key) state.ascending = !state.ascending;
    else { state.sortKey = th.dataset.key; state.ascending = !th.classList.contains("num"); }
    drawServices();
  });
}
document.getElementById("filter").addEventListener("input", e => { state.filter = e.target.value; drawServices(); });
poll();
