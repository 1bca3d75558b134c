// The explorer: the next-token loop by hand, attention heatmaps and meaning space, all from the JSON under /api.
'use strict';

const $ = (id) => document.getElementById(id);
const state = { seed: 1, layer: 0, head: 0, timers: {}, refreshes: 0, reshapes: 0 };

/** What a token looks like on screen: spaces and line breaks made visible. */
function visible(s) {
  return s.replace(/ /g, '\u2423').replace(/\n/g, '\u21b5').replace(/\t/g, '\u21e5');
}

async function api(path, body) {
  const response = await fetch(path, body === undefined ? {} : {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(json.error ? json.error.message : response.statusText);
  return json;
}

function status(message, isError) {
  $('status').textContent = message;
  $('status').className = isError ? 'error' : 'muted';
}

function temperature() {
  return parseFloat($('temperature').value);
}

/** Everything about the current text; a newer call makes an older one's answers stale. */
async function refresh() {
  const generation = ++state.refreshes;
  const reshapes = state.reshapes;
  const text = $('prompt').value;
  status('thinking…');
  try {
    const [next, attention, meaning] = await Promise.all([
      api('/api/next', { text, temperature: temperature(), top: 20 }),
      api('/api/attention', { text, layer: state.layer, head: state.head }),
      api('/api/meaning', { text }),
    ]);
    if (generation !== state.refreshes) return;
    drawTokens(next.tokens);
    if (reshapes === state.reshapes) drawBars(next.candidates); // else the slider moved meanwhile: its answer wins
    drawAttention(attention);
    drawMeaning(meaning);
    status(next.tokens.length + ' tokens');
  } catch (e) {
    if (generation === state.refreshes) status(e.message, true);
  }
}

/** Only the probabilities: the forward pass is cached on the server, so this is instant. */
async function reshape() {
  const generation = ++state.reshapes;
  const text = $('prompt').value;
  try {
    const next = await api('/api/next', { text, temperature: temperature(), top: 20 });
    if (generation === state.reshapes && text === $('prompt').value) drawBars(next.candidates);
  } catch (e) {
    status(e.message, true);
  }
}

/** Runs fn once things have been still for ms (each kind of change keeps its own timer). */
function later(fn, ms) {
  clearTimeout(state.timers[fn.name]);
  state.timers[fn.name] = setTimeout(fn, ms);
}

function append(text) {
  $('prompt').value += text;
  refresh();
}

function drawTokens(tokens) {
  const box = $('tokens');
  box.replaceChildren(...tokens.map((t) => {
    const span = document.createElement('span');
    span.textContent = visible(t.token);
    span.title = 'id ' + t.id;
    return span;
  }));
}

function drawBars(candidates) {
  const top = Math.max(...candidates.map((c) => c.probability), 1e-9);
  $('bars').replaceChildren(...candidates.map((c) => {
    const li = document.createElement('li');
    li.className = 'candidate';
    li.tabIndex = 0;
    li.title = 'logit ' + c.logit.toFixed(3) + ', id ' + c.id + ' — click to append';
    const label = document.createElement('span');
    label.className = 'label';
    label.textContent = visible(c.token);
    const track = document.createElement('span');
    track.className = 'track';
    const fill = document.createElement('span');
    fill.className = 'fill';
    fill.style.display = 'block';
    fill.style.width = (100 * c.probability / top).toFixed(2) + '%';
    track.append(fill);
    const value = document.createElement('span');
    value.className = 'value';
    value.textContent = (100 * c.probability).toFixed(c.probability < 0.001 ? 3 : 1) + '%';
    li.append(label, track, value);
    li.addEventListener('click', () => append(c.text));
    li.addEventListener('keydown', (e) => { if (e.key === 'Enter') append(c.text); });
    return li;
  }));
}

function drawAttention(a) {
  const canvas = $('attention');
  const g = canvas.getContext('2d');
  const n = a.tokens.length;
  const labels = n <= 40;
  const margin = labels ? 90 : 4;
  const cell = (canvas.width - margin - 4) / n;
  g.clearRect(0, 0, canvas.width, canvas.height);
  for (let q = 0; q < n; q++) {
    for (let k = 0; k <= q; k++) {
      const w = a.weights[q][k];
      g.fillStyle = 'rgba(47, 111, 222, ' + Math.sqrt(w).toFixed(4) + ')'; // square root: small weights stay visible
      g.fillRect(margin + k * cell, margin + q * cell, Math.ceil(cell), Math.ceil(cell));
    }
  }
  g.strokeStyle = '#d0d4db';
  g.strokeRect(margin, margin, n * cell, n * cell);
  if (labels) {
    g.fillStyle = '#1d2330';
    g.font = Math.min(12, Math.max(8, cell * 0.8)) + 'px monospace';
    g.textBaseline = 'middle';
    a.tokens.forEach((t, i) => {
      const s = visible(t.token).slice(0, 11);
      g.textAlign = 'right';
      g.fillText(s, margin - 4, margin + (i + 0.5) * cell);
      g.save();
      g.translate(margin + (i + 0.5) * cell, margin - 4);
      g.rotate(-Math.PI / 2);
      g.textAlign = 'left';
      g.fillText(s, 0, 0);
      g.restore();
    });
  }
  canvas.onmousemove = (e) => {
    const r = canvas.getBoundingClientRect();
    const x = (e.clientX - r.left) * canvas.width / r.width - margin;
    const y = (e.clientY - r.top) * canvas.height / r.height - margin;
    const q = Math.floor(y / cell);
    const k = Math.floor(x / cell);
    $('attention-hover').textContent = q >= 0 && q < n && k >= 0 && k <= q
      ? visible(a.tokens[q].token) + ' \u2192 ' + visible(a.tokens[k].token) + ': ' + a.weights[q][k].toFixed(3) : '';
  };
}

function drawMeaning(m) {
  const canvas = $('meaning');
  const g = canvas.getContext('2d');
  const points = m.tokens.map((t) => [t.x, t.y]).concat(m.path);
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const pad = 30;
  const span = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys), 1e-6);
  const cx = (Math.max(...xs) + Math.min(...xs)) / 2;
  const cy = (Math.max(...ys) + Math.min(...ys)) / 2;
  const scale = (canvas.width - 2 * pad) / span;
  const px = (x) => canvas.width / 2 + (x - cx) * scale;
  const py = (y) => canvas.height / 2 - (y - cy) * scale;
  g.clearRect(0, 0, canvas.width, canvas.height);
  // the state's path, oldest faint, newest strong
  g.lineWidth = 2;
  for (let i = 1; i < m.path.length; i++) {
    g.strokeStyle = 'rgba(217, 72, 15, ' + (0.25 + 0.75 * i / m.path.length).toFixed(3) + ')';
    g.beginPath();
    g.moveTo(px(m.path[i - 1][0]), py(m.path[i - 1][1]));
    g.lineTo(px(m.path[i][0]), py(m.path[i][1]));
    g.stroke();
  }
  m.path.forEach((p, i) => {
    g.fillStyle = i === m.path.length - 1 ? '#d9480f' : 'rgba(217, 72, 15, 0.5)';
    g.beginPath();
    g.arc(px(p[0]), py(p[1]), i === m.path.length - 1 ? 6 : 3, 0, 2 * Math.PI);
    g.fill();
  });
  g.font = '12px monospace';
  g.textBaseline = 'bottom';
  m.tokens.forEach((t) => {
    g.fillStyle = '#2f6fde';
    g.beginPath();
    g.arc(px(t.x), py(t.y), 4, 0, 2 * Math.PI);
    g.fill();
    g.fillStyle = '#1d2330';
    g.fillText(visible(t.token).slice(0, 14), px(t.x) + 5, py(t.y) - 2);
  });
}

function fillSelect(select, n, prefix) {
  select.replaceChildren(...Array.from({ length: n }, (_, i) => new Option(prefix + i, String(i))));
}

async function start() {
  try {
    const model = await api('/api/model');
    $('model').textContent = model.name + ' — ' + model.description;
    fillSelect($('layer'), model.layers, 'layer ');
    fillSelect($('head'), model.heads, 'head ');
  } catch (e) {
    status(e.message, true);
    return;
  }
  $('prompt').addEventListener('input', () => later(refresh, 250));
  $('temperature').addEventListener('input', () => {
    $('temperature-value').textContent = temperature().toFixed(2);
    later(reshape, 30);
  });
  $('layer').addEventListener('change', () => { state.layer = +$('layer').value; refresh(); });
  $('head').addEventListener('change', () => { state.head = +$('head').value; refresh(); });
  $('sample').addEventListener('click', async () => {
    $('sample').disabled = true;
    try {
      const t = await api('/api/sample', { text: $('prompt').value, temperature: temperature(), seed: state.seed++ });
      append(t.text);
    } catch (e) {
      status(e.message, true);
    } finally {
      $('sample').disabled = false;
    }
  });
  refresh();
}

start();
