// Autotune dashboard: renders the overview and campaign pages from the JSON API and keeps them
// live through the /events stream (server-sent events). Plain script, no build step; plots by uPlot.
"use strict";

const page = document.body.dataset.page;

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function campaignHref(id) {
  return "/campaign/" + id.split("/").map(encodeURIComponent).join("/");
}

function stateCell(state) {
  return el("span", state, "state state-" + state);
}

function live(text) {
  document.getElementById("live").textContent = text;
}

function connect(onCampaigns) {
  const source = new EventSource("/events");
  source.addEventListener("campaigns", e => {
    onCampaigns(JSON.parse(e.data));
    live("live · updated " + new Date().toLocaleTimeString());
  });
  source.onerror = () => live("connection lost · retrying…");
}

// ---------------------------------------------------------------- overview page
function renderOverview(campaigns) {
  const body = document.querySelector("#campaigns tbody");
  body.replaceChildren();
  document.getElementById("empty").hidden = campaigns.length > 0;
  for (const c of campaigns) {
    const tr = el("tr");
    tr.dataset.id = c.id;
    const name = el("td");
    const link = el("a", c.name);
    link.href = campaignHref(c.id);
    name.append(link);
    tr.append(name);
    const state = el("td");
    state.append(stateCell(c.state));
    tr.append(state);
    if (c.state === "unreadable") {
      const problem = el("td", c.problem, "problem");
      problem.colSpan = 5;
      tr.append(problem, el("td", c.folder, "hint"));
      body.append(tr);
      continue;
    }
    const done = el("td", null, "num done");
    const bar = el("progress");
    bar.max = Math.max(c.budget, 1);
    bar.value = c.done;
    done.append(bar, document.createTextNode(" " + c.done + " / " + c.budget));
    tr.append(done, el("td", String(c.running), "num running"), el("td", String(c.failed), "num failed"),
      el("td", c.best ? c.best.scoreText : "–", "num best"), el("td", c.best ? String(c.best.sample) : "–", "num"),
      el("td", c.folder, "hint"));
    body.append(tr);
  }
}

// ---------------------------------------------------------------- campaign page
const campaignId = page === "campaign"
  ? decodeURIComponent(location.pathname.substring("/campaign/".length)) : null;
let lastSummary = null;
let scorePlot = null;
const paramPlots = new Map();

function chartWidth(div) {
  return Math.max(300, div.clientWidth || 600);
}

function scoreData(d) {
  const xs = [], ys = [], best = [];
  let lowest = Infinity, events = 0;
  d.samples.id.forEach((id, i) => {
    const s = d.samples.score[i];
    if (s === null) return;
    const e = d.samples.events[i];
    if (e > events) { events = e; lowest = Infinity; }   // a fidelity stage with more events: a new scale
    // the noise replicates of a fixed-seed campaign ran with other seeds: never its best
    if (e === events && !d.samples.name[i].startsWith("noise/")) lowest = Math.min(lowest, s);
    xs.push(id); ys.push(s); best.push(lowest);
  });
  return [xs, ys, best];
}

function drawScore(d) {
  const data = scoreData(d);
  const div = document.getElementById("score-chart");
  const positive = data[1].length > 0 && data[1].every(s => s > 0);
  let max = -Infinity, min = Infinity;   // no Math.max(...ys): 10^5 arguments overflow the stack
  for (const y of data[1]) { if (y > max) max = y; if (y < min) min = y; }
  const logScale = positive && max / min > 30;
  if (scorePlot && scorePlot.logScale === logScale) {
    scorePlot.setData(data);
    return;
  }
  if (scorePlot) scorePlot.destroy();
  scorePlot = new uPlot({
    width: chartWidth(div), height: 280,
    scales: { x: { time: false }, y: { distr: logScale ? 3 : 1 } },
    series: [
      { label: "sample" },
      { label: "score", stroke: "#23395d", paths: () => null, points: { show: true, size: 5, fill: "#23395d" } },
      { label: "best so far", stroke: "#d62728", width: 2, paths: uPlot.paths.stepped({ align: 1 }),
        points: { show: false } },
    ],
    axes: [{ label: "sample" }, { label: logScale ? "score (log)" : "score", size: 70 }],
  }, data, div);
  scorePlot.logScale = logScale;
}

function drawParameters(d) {
  const container = document.getElementById("param-charts");
  const bestId = d.best ? d.best.id : null;
  for (const p of d.parameters) {
    const values = d.samples.values[p.name];
    const bestValues = d.samples.id.map((id, i) => id === bestId ? values[i] : null);
    const data = [d.samples.id, values, bestValues];
    const existing = paramPlots.get(p.name);
    if (existing) {
      existing.setData(data);
      continue;
    }
    const div = el("div", null, "chart param-chart");
    div.dataset.parameter = p.name;
    container.append(div);
    const choice = p.kind === "choice";
    paramPlots.set(p.name, new uPlot({
      width: chartWidth(div), height: 200,
      scales: { x: { time: false }, y: { distr: p.kind === "log" ? 3 : 1, range: [p.min, p.max] } },
      series: [
        { label: "sample" },
        { label: p.name + (p.unit ? " [" + p.unit + "]" : ""), stroke: "#2c7fb8", paths: () => null,
          points: { show: true, size: 4, fill: "#2c7fb8" } },
        { label: "best", stroke: "#d62728", paths: () => null, points: { show: true, size: 11, width: 2 } },
      ],
      axes: [{ label: "sample" }, {
        label: p.name, size: 60,
        values: choice ? (u, ticks) => ticks.map(t => p.choices[Math.round(t)] ?? "") : undefined,
      }],
    }, data, div));
  }
}

function renderBest(d) {
  const body = document.querySelector("#best-point tbody");
  body.replaceChildren();
  if (!d.best) {
    const tr = el("tr");
    const td = el("td", "no sample finished yet", "hint");
    td.colSpan = 4;
    tr.append(td);
    body.append(tr);
    return;
  }
  for (const p of d.parameters) {
    const range = p.kind === "choice" ? p.choices.join(", ") : p.min + " … " + p.max;
    const tr = el("tr");
    tr.append(el("td", p.name), el("td", d.best.pointText[p.name], "num"), el("td", p.unit), el("td", range, "hint"));
    body.append(tr);
  }
}

function renderCampaign(d) {
  document.title = "Autotune: " + d.name;
  document.getElementById("name").textContent = d.name;
  const state = document.getElementById("state");
  state.textContent = d.state;
  state.className = "state state-" + d.state;
  document.getElementById("folder").textContent = d.folder;
  if (d.state === "unreadable") {
    const problem = document.getElementById("last-failure");
    problem.hidden = false;
    problem.textContent = d.problem;
    return;
  }
  for (const key of ["done", "budget", "finished", "failed", "running", "pending"]) {
    document.getElementById(key).textContent = String(d[key]);
  }
  document.getElementById("best-score").textContent = d.best ? d.best.scoreText : "–";
  document.getElementById("best-sample").textContent = d.best ? String(d.best.sample) : "–";
  const failure = document.getElementById("last-failure");
  failure.hidden = !d.lastFailure;
  if (d.lastFailure) {
    failure.textContent = "last failure: sample " + d.lastFailure.sample + " in " + d.lastFailure.folder
      + ": " + d.lastFailure.error;
  }
  renderBest(d);
  drawScore(d);
  drawParameters(d);
}

// The campaign as last drawn. Updates ask only for the samples changed since its cursor and merge them
// in (a changed sample in its place, a new one appended); a reload, or a journal the server read
// afresh (its generation changed), gets every sample.
let current = null;
const indexOfId = new Map();

function merge(d) {
  if (!current || !current.samples || !d.samples || d.since === undefined) {
    current = d;
    indexOfId.clear();
    if (d.samples) d.samples.id.forEach((id, i) => indexOfId.set(id, i));
    return current;
  }
  const cols = current.samples, update = d.samples;
  update.id.forEach((id, j) => {
    let i = indexOfId.get(id);
    if (i === undefined) { i = cols.id.length; indexOfId.set(id, i); }
    for (const key of ["id", "name", "status", "score", "scoreError", "events"]) cols[key][i] = update[key][j];
    for (const p of Object.keys(update.values)) cols.values[p][i] = update.values[p][j];
  });
  current = Object.assign({}, d, { samples: cols });
  return current;
}

async function loadCampaign() {
  const since = current && current.cursor !== undefined
    ? "?since=" + current.cursor + "&generation=" + current.generation : "";
  const response = await fetch("/api/campaign/" + campaignId.split("/").map(encodeURIComponent).join("/") + since);
  if (response.ok) renderCampaign(merge(await response.json()));
}

function onCampaignsForCampaignPage(campaigns) {
  const summary = campaigns.find(c => c.id === campaignId);
  const text = JSON.stringify(summary);
  if (summary && text !== lastSummary) {
    lastSummary = text;
    loadCampaign();
  }
}

if (page === "overview") {
  fetch("/api/campaigns").then(r => r.json()).then(renderOverview);
  connect(renderOverview);
} else {
  loadCampaign();
  connect(onCampaignsForCampaignPage);
  window.addEventListener("resize", () => {
    for (const plot of [scorePlot, ...paramPlots.values()]) {
      if (plot) plot.setSize({ width: chartWidth(plot.root.parentElement), height: plot.height });
    }
  });
}
