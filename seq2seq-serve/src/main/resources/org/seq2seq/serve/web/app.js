// The page talks to the same server that served it: GET /v1/models, POST /v1/translate.
// Everything is drawn here from the JSON; nothing is loaded from elsewhere.
'use strict';

const $ = (id) => document.getElementById(id);
let models = [];

function headers() {
  const h = { 'Content-Type': 'application/json' };
  const key = sessionStorage.getItem('seq2seq-key');
  if (key) h['Authorization'] = 'Bearer ' + key;
  return h;
}

function showError(message) {
  $('error').textContent = message;
  $('error').hidden = !message;
}

async function call(method, path, body) {
  const response = await fetch(path, { method, headers: headers(), body: body && JSON.stringify(body) });
  const json = await response.json().catch(() => ({ error: response.statusText }));
  if (response.status === 401) {
    $('key-row').hidden = false;
    $('key').focus();
  }
  if (!response.ok) {
    throw new Error((json.field ? json.field + ': ' : '') + (json.error || response.statusText));
  }
  return json;
}

async function loadModels() {
  const json = await call('GET', '/v1/models');
  models = json.models;
  const select = $('model');
  select.replaceChildren(...models.map((m) => {
    const option = document.createElement('option');
    option.value = m.name;
    option.textContent = m.name;
    return option;
  }));
  showLanguages();
}

function currentModel() {
  return models.find((m) => m.name === $('model').value);
}

function showLanguages() {
  const m = currentModel();
  if (!m) return;
  const languages = m.source_language ? m.source_language + ' → ' + m.target_language : '';
  $('languages').textContent = [languages, m.tokens, m.attention ? m.attention + ' attention' : 'no attention',
    parameters(m.parameters)].filter(Boolean).join(' · ');
  $('beam').max = m.options.max_beam;
  $('nbest').max = m.options.max_beam;
  $('no-repeat').max = m.options.max_length;
}

function parameters(n) {
  return (n >= 1e6 ? (n / 1e6).toFixed(1) + ' million' : n.toLocaleString('en')) + ' parameters';
}

async function translate() {
  const sentence = $('source').value.trim();
  if (!sentence) return;
  const m = currentModel();
  showError('');
  $('translate').disabled = true;
  try {
    const json = await call('POST', '/v1/translate', {
      model: m ? m.name : undefined,
      sentences: [sentence],
      beam: Number($('beam').value),
      n_best: Number($('nbest').value),
      no_repeat_ngram: Number($('no-repeat').value),
      attention: Boolean(m && m.options.attention),
    });
    const t = json.translations[0];
    $('translation').textContent = t.translation;
    const list = $('nbest-list');
    const candidates = t.n_best || [t];
    list.replaceChildren(...candidates.map((c) => {
      const li = document.createElement('li');
      li.textContent = c.translation;
      const score = document.createElement('span');
      score.className = 'score';
      score.textContent = 'log p = ' + c.log_probability.toFixed(3);
      li.appendChild(score);
      return li;
    }));
    $('attention').hidden = !t.attention;
    $('heatmap-box').replaceChildren();
    if (t.attention) $('heatmap-box').appendChild(heatmap(t.attention));
    $('timing').textContent = json.timing.total_ms.toFixed(0) + ' ms on the server (its batch of '
      + json.timing.batch_sentences + ' took ' + json.timing.translate_ms.toFixed(0) + ' ms)';
    $('result').hidden = false;
  } catch (e) {
    showError(e.message);
  } finally {
    $('translate').disabled = false;
  }
}

// An SVG heat map: a row per written token, a column per source token, a cell's darkness its weight.
function heatmap(attention) {
  const ns = 'http://www.w3.org/2000/svg';
  const cell = 28;
  const left = 8 + 7.5 * Math.max(...attention.target_tokens.map((t) => t.length), 4);
  const top = 8 + 6.5 * Math.max(...attention.source_tokens.map((t) => t.length), 4);
  const svg = document.createElementNS(ns, 'svg');
  svg.id = 'heatmap';
  const width = left + cell * attention.source_tokens.length + 4;
  const height = top + cell * attention.target_tokens.length + 4;
  svg.setAttribute('width', width);
  svg.setAttribute('height', height);
  svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
  attention.source_tokens.forEach((token, s) => {
    const text = document.createElementNS(ns, 'text');
    const x = left + s * cell + cell / 2 + 4;
    text.setAttribute('transform', 'translate(' + x + ',' + (top - 6) + ') rotate(-60)');
    text.setAttribute('class', 'source-token');
    text.textContent = token;
    svg.appendChild(text);
  });
  attention.target_tokens.forEach((token, t) => {
    const text = document.createElementNS(ns, 'text');
    text.setAttribute('x', left - 6);
    text.setAttribute('y', top + t * cell + cell / 2 + 4);
    text.setAttribute('text-anchor', 'end');
    text.setAttribute('class', 'target-token');
    text.textContent = token;
    svg.appendChild(text);
    attention.weights[t].forEach((weight, s) => {
      const rect = document.createElementNS(ns, 'rect');
      rect.setAttribute('x', left + s * cell);
      rect.setAttribute('y', top + t * cell);
      rect.setAttribute('width', cell - 1);
      rect.setAttribute('height', cell - 1);
      rect.setAttribute('fill', 'rgb(20, 60, 140)');
      rect.setAttribute('fill-opacity', (0.04 + 0.96 * weight).toFixed(3));
      rect.setAttribute('class', 'cell');
      rect.dataset.weight = weight.toFixed(4);
      const title = document.createElementNS(ns, 'title');
      title.textContent = token + ' ← ' + attention.source_tokens[s] + ': ' + weight.toFixed(3);
      rect.appendChild(title);
      svg.appendChild(rect);
    });
  });
  return svg;
}

$('form').addEventListener('submit', (event) => {
  event.preventDefault();
  translate();
});
$('source').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    translate();
  }
});
$('model').addEventListener('change', showLanguages);
$('key').addEventListener('change', () => {
  sessionStorage.setItem('seq2seq-key', $('key').value);
  loadModels().then(() => showError('')).catch((e) => showError(e.message));
});

// ?text=...: fill in and translate at once (links to a translation)
loadModels().then(() => {
  const text = new URLSearchParams(location.search).get('text');
  if (text) {
    $('source').value = text;
    translate();
  }
}).catch((e) => showError(e.message));
