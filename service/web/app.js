// The map page: MapLibre GL JS over hotspot's own tiles and JSON API. Everything the view
// shows is in the address (filters in the query string, the map position in the hash),
// so a view can be shared in a briefing. Nothing is fetched from anywhere but this server.
import * as maplibregl from './vendor/maplibre-gl.mjs';
import { GI_CLASSES, NO_DATA, fmt, monthName, nextMonth, profileHtml } from './profile.js';
import { addPatrolLayers, markPlace, patrolPanel, patrolQuery, removePatrolLayers, teamColour } from './patrol.js';

const el = (id) => document.getElementById(id);

// Colour ramps, all from ColorBrewer and readable with the common colour blindnesses.
const SEQUENTIAL = ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026']; // YlOrRd
const DIVERGING = ['#2166ac', '#67a9cf', '#f7f7f7', '#ef8a62', '#b2182b']; // RdBu, reversed
const SUPPRESSED = '#bdbdbd';
// Okabe and Ito's qualitative palette, distinct for the common colour blindnesses.
const CLASS_COLOURS = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#999999'];
const ENGAGEMENT_HOTSPOTS = [
  { colour: '#b2182b', label: 'Hot spot (Gi*, 90 % or more) in an engagement-poor area' },
  { colour: '#fddbc7', label: 'Hot spot in an engagement-rich area' },
  { colour: '#bababa', label: 'Engagement poor, not a hot spot' },
  { colour: '#f7f7f7', label: 'Engagement rich, not a hot spot' },
];
const MEASURES = {
  count: { field: 'count', value: 'count', label: 'Incidents', units: 'incidents' },
  rate: { field: 'rate_1k', value: 'rate', label: 'Rate per 1,000 residents', units: 'per 1,000 residents' },
  harm: { field: 'harm', value: 'harm', label: 'Harm', units: 'crime harm index days' },
  change: { field: 'change', value: 'count', label: 'Change against the previous window', units: 'incidents' },
};

const state = {
  layer: 'lsoa',
  view: 'hotspots',
  measure: 'count',
  categories: null, // null: all; else a list of short codes
  knife: false,
  from: '',
  to: '',
  window: '3',
  heat: true, // the heat map over the areas
  area: '', // the open profile's area code
  briefing: [],
  patrol: false, // the patrol plan over the map, with these options
  hours: '8',
  teams: '1',
  unit: 'place',
  months: '3',
};
let catalog = null;
let map = null;
let hovered = null;
let patrolData = null; // the plan on the map, when state.patrol
// Read by the browser tests: the map, the state, and counts of the map's idle events
// (in all, and since the layers were last redrawn).
const hotspot = { map: null, state, idle: 0, idleSinceDraw: 0, busy: true, errors: [] };
window.hotspot = hotspot;

function readAddress() {
  const p = new URLSearchParams(location.search);
  for (const key of ['layer', 'view', 'measure', 'from', 'to', 'window', 'area']) {
    if (p.has(key)) state[key] = p.get(key);
  }
  state.knife = p.get('knife') === '1';
  state.heat = p.get('heat') !== '0';
  state.categories = p.has('categories') ? p.get('categories').split(',').filter(Boolean) : null;
  state.briefing = p.has('briefing') ? p.get('briefing').split(',').filter(Boolean) : [];
  state.patrol = p.get('patrol') === '1';
  for (const key of ['hours', 'teams', 'unit', 'months']) {
    if (p.has(key)) state[key] = p.get(key);
  }
}

function writeAddress() {
  const p = new URLSearchParams();
  p.set('layer', state.layer);
  p.set('view', state.view);
  p.set('measure', state.measure);
  if (state.knife) p.set('knife', '1');
  else if (state.categories) p.set('categories', state.categories.join(','));
  p.set('from', state.from);
  p.set('to', state.to);
  p.set('window', state.window);
  if (!state.heat) p.set('heat', '0');
  if (state.area) p.set('area', state.area);
  if (state.briefing.length) p.set('briefing', state.briefing.join(','));
  if (state.patrol) {
    p.set('patrol', '1');
    for (const key of ['hours', 'teams', 'unit', 'months']) p.set(key, state[key]);
  }
  history.replaceState(null, '', `${location.pathname}?${p}${location.hash}`);
}

/// The filter every map endpoint takes, as a query string.
function filterQuery() {
  const p = new URLSearchParams();
  if (state.knife) p.set('knife', '1');
  else if (state.categories) p.set('categories', state.categories.join(','));
  p.set('from', state.from);
  p.set('to', state.to);
  p.set('value', MEASURES[state.measure].value);
  p.set('window', state.window);
  return p.toString();
}

async function getJson(url) {
  const r = await fetch(url);
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(body.error || `${url}: HTTP ${r.status}`);
  return body;
}

function setStatus(text) {
  el('status').textContent = text;
}

function showError(err) {
  hotspot.errors.push(String(err.message || err));
  setStatus(`Error: ${err.message || err}`);
}

// ---- controls --------------------------------------------------------------------------

function fillControls() {
  const layer = el('layer');
  for (const l of catalog.layers) layer.add(new Option(`${l.title} (${l.areas})`, l.id));
  const months = [];
  for (let m = catalog.months.first; m <= catalog.months.last; m = nextMonth(m)) months.push(m);
  for (const m of months) {
    el('from').add(new Option(monthName(m), m));
    el('to').add(new Option(monthName(m), m));
  }
  if (!months.includes(state.from)) state.from = months[0];
  if (!months.includes(state.to)) state.to = months[months.length - 1];
  if (isPublic()) {
    // The public may ask for whole months, quarters, years and the latest windows only
    // (the server refuses other periods, which would let its protection be averaged
    // away): one menu of those periods stands in for From and To.
    const periods = catalog.protection.filters.periods;
    for (const p of periods) el('period').add(new Option(periodLabel(p), `${p.from}|${p.to}`));
    if (!periods.some((p) => p.from === state.from && p.to === state.to)) {
      state.from = periods[0].from;
      state.to = periods[0].to;
    }
    document.querySelector('.months').style.display = 'none';
    document.querySelector('.period').hidden = false;
    el('public-filters').hidden = false;
    // The backtest scores incident points from true counts: analysts only.
    el('backtest').hidden = true;
    el('public-filters').textContent = catalog.protection.filters.rule;
  }
  if (!catalog.layers.some((l) => l.id === state.layer)) state.layer = catalog.layers[0].id;
  if (!MEASURES[state.measure]) state.measure = 'count';
  const list = el('categories');
  for (const c of catalog.categories) {
    const label = document.createElement('label');
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.value = c.code;
    box.dataset.name = c.name;
    label.append(box, ` ${c.name}`);
    const n = document.createElement('span');
    n.className = 'n';
    n.textContent = c.count.toLocaleString('en-GB');
    label.append(n);
    list.append(label);
  }
  el('preset-knife').title = `Knife crime: ${catalog.knife.categories.join(', ')}. ${catalog.knife.note}`;
  syncControls();
}

/** Whether this page shows the public view (no analyst token). */
function isPublic() {
  return catalog.view === 'public';
}

/** A public period as a menu reads it: "All months", "Latest 3 months (May to Jul 2018)". */
function periodLabel(p) {
  const span = p.from === p.to ? monthName(p.from) : `${monthName(p.from)} to ${monthName(p.to)}`;
  if (p.kind === 'month') return span;
  if (p.kind === 'quarter' || p.kind === 'year') return `${p.label} (${span})`;
  return `${p.label.charAt(0).toUpperCase()}${p.label.slice(1)} (${span})`;
}

function syncControls() {
  el('layer').value = state.layer;
  if (isPublic()) el('period').value = `${state.from}|${state.to}`;
  el('view').value = state.view;
  el('measure').value = state.measure;
  el('from').value = state.from;
  el('to').value = state.to;
  el('window').value = state.window;
  for (const opt of el('view').querySelectorAll('option[data-engagement]')) {
    opt.disabled = !catalog.engagement || catalog.engagement.layer !== state.layer;
  }
  el('heat').checked = state.heat;
  el('heat').disabled = state.view === 'density';
  const knifeNames = new Set(catalog.knife.categories);
  for (const box of el('categories').querySelectorAll('input')) {
    box.checked = state.knife
      ? knifeNames.has(box.dataset.name)
      : state.categories === null || state.categories.includes(box.value);
  }
  el('preset-knife').setAttribute('aria-pressed', String(state.knife));
  for (const a of document.querySelectorAll('.exports a')) {
    const format = a.dataset.format;
    a.href = `/export/${state.layer}.${format}?${filterQuery()}`;
    a.setAttribute('download', `hotspot-${state.layer}.${format}`);
  }
  const b = state.briefing;
  el('briefing-list').textContent = b.length
    ? `${b.length} area${b.length > 1 ? 's' : ''}: ${b.join(', ')}`
    : 'No areas picked. Open an area and press "Add to briefing".';
  el('briefing-open').href = `briefing.html?layer=${state.layer}&codes=${b.join(',')}&${filterQuery()}`;
  el('briefing-open').toggleAttribute('hidden', b.length === 0);
  el('patrol').checked = state.patrol;
  el('patrol-hours').value = state.hours;
  el('patrol-teams').value = state.teams;
  el('patrol-unit').value = state.unit;
  el('patrol-months').value = state.months;
  const wards = catalog.layers.some((l) => l.id === 'ward');
  el('patrol-unit').querySelector('option[value="ward"]').disabled = !wards;
  for (const id of ['patrol-hours', 'patrol-teams', 'patrol-unit', 'patrol-months']) el(id).disabled = !state.patrol;
  document.querySelector('.patrol-options').setAttribute('aria-disabled', String(!state.patrol));
}

function wireControls() {
  const changed = (fn) => (event) => {
    fn(event);
    if (state.from > state.to) [state.from, state.to] = [state.to, state.from];
    refresh();
  };
  el('layer').addEventListener('change', changed(() => {
    state.layer = el('layer').value;
    if (state.view.startsWith('engagement') && (!catalog.engagement || catalog.engagement.layer !== state.layer)) {
      state.view = 'hotspots';
    }
    state.area = '';
    state.briefing = [];
  }));
  el('view').addEventListener('change', changed(() => { state.view = el('view').value; }));
  el('measure').addEventListener('change', changed(() => { state.measure = el('measure').value; }));
  el('from').addEventListener('change', changed(() => { state.from = el('from').value; }));
  el('to').addEventListener('change', changed(() => { state.to = el('to').value; }));
  el('period').addEventListener('change', changed(() => {
    [state.from, state.to] = el('period').value.split('|');
  }));
  el('window').addEventListener('change', changed(() => { state.window = el('window').value; }));
  el('heat').addEventListener('change', changed(() => { state.heat = el('heat').checked; }));
  el('categories').addEventListener('change', changed((event) => {
    const boxes = [...el('categories').querySelectorAll('input')];
    if (isPublic() && event.target.checked) {
      // The public see one category (or all, or the knife preset) at a time.
      for (const b of boxes) b.checked = b === event.target;
    }
    const picked = boxes.filter((b) => b.checked).map((b) => b.value);
    state.knife = false;
    state.categories = picked.length === boxes.length ? null : picked;
  }));
  el('preset-all').addEventListener('click', changed(() => { state.knife = false; state.categories = null; }));
  el('preset-none').addEventListener('click', changed(() => { state.knife = false; state.categories = []; }));
  el('preset-knife').addEventListener('click', changed(() => { state.knife = true; state.categories = null; }));
  const patrolChanged = (fn) => () => {
    fn();
    writeAddress();
    syncControls();
    redrawPatrol();
  };
  el('patrol').addEventListener('change', patrolChanged(() => { state.patrol = el('patrol').checked; }));
  el('patrol-hours').addEventListener('change', patrolChanged(() => { state.hours = el('patrol-hours').value; }));
  el('patrol-teams').addEventListener('change', patrolChanged(() => { state.teams = el('patrol-teams').value; }));
  el('patrol-unit').addEventListener('change', patrolChanged(() => { state.unit = el('patrol-unit').value; }));
  el('patrol-months').addEventListener('change', patrolChanged(() => { state.months = el('patrol-months').value; }));
  el('briefing-clear').addEventListener('click', () => {
    state.briefing = [];
    writeAddress();
    syncControls();
  });
  el('profile-close').addEventListener('click', () => closeProfile());
  el('toggle-controls').addEventListener('click', () => {
    const closed = el('controls').classList.toggle('closed');
    el('toggle-controls').setAttribute('aria-expanded', String(!closed));
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !el('profile').hidden) closeProfile();
  });
}

// ---- the map ---------------------------------------------------------------------------

function tileUrl(path) {
  return `${location.origin}${path}?${filterQuery()}`;
}

function baseStyle() {
  return {
    version: 8,
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#eef0f2' } }],
  };
}

/// The fill colour of the areas for the current view: a MapLibre expression.
function fillColour(legend) {
  // 'suppressed' marks a row with any small count hidden; the field itself is absent
  // when it is the one hidden.
  const suppressed = ['==', ['to-number', ['get', 'suppressed'], 0], 1];
  if (state.view === 'engagement') {
    const classes = catalog.engagement ? catalog.engagement.classes : [];
    if (!classes.length) return NO_DATA;
    const match = ['match', ['to-string', ['get', 'class_code']]];
    classes.forEach((c, i) => match.push(c.code, CLASS_COLOURS[i % CLASS_COLOURS.length]));
    match.push(NO_DATA);
    return match;
  }
  if (state.view === 'engagement-hotspots') {
    const hot = ['>', ['to-number', ['get', 'gi_bin'], 0], 0];
    const poor = ['==', ['get', 'engagement'], 'poor'];
    const [a, b, c, d] = ENGAGEMENT_HOTSPOTS.map((x) => x.colour);
    return ['case', ['!', ['has', 'engagement']], NO_DATA, ['all', hot, poor], a, hot, b, poor, c, d];
  }
  if (state.view === 'hotspots') {
    const match = ['match', ['to-number', ['get', 'gi_bin'], 99]];
    for (const c of GI_CLASSES) match.push(c.bin, c.colour);
    match.push(NO_DATA);
    return match;
  }
  const field = MEASURES[state.measure].field;
  const colours = state.measure === 'change' ? DIVERGING : SEQUENTIAL;
  const breaks = legend ? legend.breaks : [];
  const step = ['step', ['to-number', ['get', field], 0], colours[0]];
  breaks.forEach((b, i) => step.push(b, colours[Math.min(i + 1, colours.length - 1)]));
  return ['case', ['has', field], breaks.length ? step : colours[0], suppressed, SUPPRESSED, NO_DATA];
}

let legendData = null;
let densityData = null;

function clearLayers() {
  for (const id of ['areas-fill', 'areas-line', 'areas-hover', 'density']) {
    if (map.getLayer(id)) map.removeLayer(id);
  }
  for (const id of ['areas', 'density']) {
    if (map.getSource(id)) map.removeSource(id);
  }
}

function drawLayers() {
  clearLayers();
  hotspot.idleSinceDraw = 0;
  const layer = state.layer;
  const showDensity = state.view === 'density' || state.heat;
  if (showDensity) {
    map.addSource('density', {
      type: 'raster',
      tiles: [tileUrl('/tiles/density/{z}/{x}/{y}.png')],
      tileSize: 256,
      attribution: 'Kernel density: hotspot',
    });
  }
  map.addSource('areas', {
    type: 'vector',
    tiles: [tileUrl(`/tiles/${layer}/{z}/{x}/{y}.mvt`)],
    minzoom: 0,
    maxzoom: 14,
    bounds: catalog.bounds || undefined,
    attribution: 'police.uk, ONS (OGL v3.0)',
  });
  if (state.view !== 'density') {
    map.addLayer({
      id: 'areas-fill',
      type: 'fill',
      source: 'areas',
      'source-layer': layer,
      paint: { 'fill-color': fillColour(legendData), 'fill-opacity': state.heat ? 0.55 : 0.8 },
    });
  } else {
    // Transparent, but it makes areas clickable over the heat map.
    map.addLayer({
      id: 'areas-fill',
      type: 'fill',
      source: 'areas',
      'source-layer': layer,
      paint: { 'fill-color': '#000000', 'fill-opacity': 0 },
    });
  }
  if (showDensity) {
    map.addLayer({ id: 'density', type: 'raster', source: 'density', paint: { 'raster-opacity': 1 } });
  }
  map.addLayer({
    id: 'areas-line',
    type: 'line',
    source: 'areas',
    'source-layer': layer,
    paint: {
      'line-color': '#4d4d4d',
      'line-opacity': 0.6,
      'line-width': ['interpolate', ['linear'], ['zoom'], 7, 0.2, 12, 0.8, 15, 1.5],
    },
  });
  map.addLayer({
    id: 'areas-hover',
    type: 'line',
    source: 'areas',
    'source-layer': layer,
    paint: {
      'line-color': '#111111',
      'line-width': ['case', ['boolean', ['feature-state', 'selected'], false], 3.5,
        ['boolean', ['feature-state', 'hover'], false], 2.5, 0],
    },
  });
  hovered = null;
  if (state.patrol && patrolData) addPatrolLayers(map, patrolData);
}

function setupHover() {
  const clearHover = () => {
    if (hovered !== null && map.getSource('areas')) {
      map.setFeatureState({ source: 'areas', sourceLayer: state.layer, id: hovered }, { hover: false });
    }
    hovered = null;
  };
  map.on('mousemove', 'areas-fill', (e) => {
    const f = e.features && e.features[0];
    if (!f) return;
    map.getCanvas().style.cursor = 'pointer';
    if (hovered === f.id) return;
    clearHover();
    hovered = f.id;
    map.setFeatureState({ source: 'areas', sourceLayer: state.layer, id: hovered }, { hover: true });
  });
  map.on('mouseleave', 'areas-fill', () => {
    map.getCanvas().style.cursor = '';
    clearHover();
  });
  map.on('click', (e) => {
    const patrolLayers = ['patrol-centre', 'patrol-fill'].filter((id) => map.getLayer(id));
    const place = patrolLayers.length ? map.queryRenderedFeatures(e.point, { layers: patrolLayers })[0] : null;
    if (place) {
      markPlace(place.properties.place_id);
      return;
    }
    const f = map.getLayer('areas-fill') ? map.queryRenderedFeatures(e.point, { layers: ['areas-fill'] })[0] : null;
    if (f) openProfile(f.properties.area_code, f.id);
  });
}

// ---- legend ----------------------------------------------------------------------------

function legendRow(colour, text) {
  const row = document.createElement('div');
  row.className = 'row';
  const sw = document.createElement('span');
  sw.className = 'swatch';
  sw.style.background = colour;
  row.append(sw, document.createTextNode(text));
  return row;
}

function periodText() {
  return state.from === state.to ? monthName(state.from) : `${monthName(state.from)} to ${monthName(state.to)}`;
}

function filterText() {
  if (state.knife) return 'knife crime';
  if (state.categories === null) return 'all crime';
  if (state.categories.length === 0) return 'no categories';
  const names = catalog.categories.filter((c) => state.categories.includes(c.code)).map((c) => c.name);
  return names.length > 3 ? `${names.length} categories` : names.join(', ');
}

function drawLegend() {
  const box = el('legend');
  box.replaceChildren();
  const h = document.createElement('h2');
  const m = MEASURES[state.measure];
  const sub = document.createElement('div');
  sub.className = 'small';
  sub.textContent = `${filterText()}, ${periodText()}`;
  if (state.view === 'hotspots') {
    h.textContent = `Getis-Ord Gi* hot spots of ${m.value === 'count' ? 'counts' : m.label.toLowerCase()}`;
    box.append(h, sub);
    for (const c of GI_CLASSES) box.append(legendRow(c.colour, c.label));
  } else if (state.view === 'engagement' || state.view === 'engagement-hotspots') {
    const e = catalog.engagement;
    h.textContent = state.view === 'engagement' ? 'Community engagement classes' : 'Hot spots in engagement-poor areas';
    box.append(h);
    if (!e || state.layer !== e.layer) {
      box.append(document.createTextNode('The engagement classification is for LSOAs.'));
    } else if (state.view === 'engagement') {
      e.classes.forEach((c, i) => {
        const row = legendRow(CLASS_COLOURS[i % CLASS_COLOURS.length], `${c.name} (${c.areas}, ${c.engagement})`);
        row.title = c.portrait;
        box.append(row);
      });
    } else {
      box.append(sub);
      for (const x of ENGAGEMENT_HOTSPOTS) box.append(legendRow(x.colour, x.label));
    }
    if (e && e.synthetic) {
      const warn = document.createElement('div');
      warn.className = 'small synthetic';
      warn.textContent = 'Built from a SYNTHETIC sample survey: it shows the method, not Essex.';
      box.append(warn);
    }
  } else if (state.view === 'choropleth' && legendData) {
    h.textContent = m.units === 'incidents' ? m.label : `${m.label} (${m.units})`;
    box.append(h, sub);
    const colours = state.measure === 'change' ? DIVERGING : SEQUENTIAL;
    const b = legendData.breaks;
    const digits = state.measure === 'rate' ? 1 : 0;
    if (b.length === 0) {
      box.append(legendRow(colours[0], `${fmt(legendData.min, digits)} everywhere`));
    }
    if (state.measure === 'change' && b.length === 4) {
      const big = b[3];
      const labels = [`Fell by ${fmt(big)} or more`, big > 2 ? `Fell by 1 to ${fmt(big - 1)}` : 'Fell by 1',
        'No change', big > 2 ? `Rose by 1 to ${fmt(big - 1)}` : 'Rose by 1', `Rose by ${fmt(big)} or more`];
      labels.forEach((text, i) => box.append(legendRow(colours[i], text)));
    }
    for (let i = 0; i < b.length + 1 && b.length && state.measure !== 'change'; ++i) {
      const lo = i === 0 ? legendData.min : b[i - 1];
      const last = i === b.length;
      const hi = last ? legendData.max : b[i];
      let text;
      if (legendData.whole_numbers) {
        const top = last ? hi : hi - 1; // classes of whole numbers end one below the next
        const none = i === 0 && lo === 0 && legendData.method.startsWith('none');
        text = none ? 'None' : top <= lo ? fmt(lo) : `${fmt(lo)} to ${fmt(top)}`;
      } else {
        text = last ? `${fmt(lo, digits)} to ${fmt(hi, digits)}` : `${fmt(lo, digits)} to under ${fmt(hi, digits)}`;
      }
      box.append(legendRow(colours[Math.min(i, colours.length - 1)], text));
    }
    const note = document.createElement('div');
    note.className = 'small';
    note.textContent = legendData.method;
    box.append(note);
  } else {
    h.textContent = state.view === 'density' ? 'Heat map' : m.label;
    box.append(h, sub);
  }
  if ((state.view === 'density' || state.heat) && densityData) {
    const d = densityData;
    const title = document.createElement('div');
    title.innerHTML = `<strong>Kernel density</strong>`;
    const ramp = document.createElement('div');
    ramp.className = 'ramp';
    ramp.style.background = `linear-gradient(to right, ${d.ramp.map((s) => s.colour).join(', ')})`;
    const ends = document.createElement('div');
    ends.className = 'ends';
    ends.innerHTML = `<span>${fmt(d.ramp[0].value, 1)}</span><span>${fmt(d.scale_max, 0)}+</span>`;
    const note = document.createElement('div');
    note.className = 'small';
    note.textContent = `${d.units}; quartic kernel, ${fmt(d.bandwidth_metres)} m radius, the same at every zoom`;
    if (d.protection) note.textContent += `; ${d.protection.rule}`;
    box.append(title, ramp, ends, note);
  }
  if (legendData && legendData.suppressed > 0) {
    box.append(legendRow(SUPPRESSED, `Fewer than ${catalog.suppress_below} incidents (hidden)`));
  }
  if (state.view !== 'density') box.append(legendRow(NO_DATA, 'No value'));
  if (catalog.view === 'public' && catalog.protection) {
    // The one sentence that says how the public numbers are protected.
    const protection = document.createElement('div');
    protection.className = 'small protection';
    protection.textContent = catalog.protection.sentence;
    box.append(protection);
  }
  if (state.patrol && patrolData) {
    const title = document.createElement('div');
    title.innerHTML = '<strong>Patrol plan</strong>';
    box.append(title);
    const teams = new Map();
    for (const f of patrolData.features) teams.set(f.properties.team, (teams.get(f.properties.team) || 0) + 1);
    for (const [team, n] of [...teams].sort((a, b) => (a[0] || 99) - (b[0] || 99))) {
      const who = team === 0 ? 'Control, not patrolled' : patrolData.teams > 1 ? `Team ${team}` : 'Patrolled';
      box.append(legendRow(teamColour(team), `${who} (${n} place${n === 1 ? '' : 's'})`));
    }
  }
}

// ---- profile ---------------------------------------------------------------------------

let selected = null;

function selectFeature(id) {
  if (selected !== null && map.getSource('areas')) {
    map.setFeatureState({ source: 'areas', sourceLayer: state.layer, id: selected }, { selected: false });
  }
  selected = id ?? null;
  if (selected !== null) {
    map.setFeatureState({ source: 'areas', sourceLayer: state.layer, id: selected }, { selected: true });
  }
}

function closeProfile() {
  el('profile').hidden = true;
  state.area = '';
  selectFeature(null);
  writeAddress();
}

async function openProfile(code, featureId) {
  if (!code) return;
  try {
    const p = await getJson(`/api/areas/${state.layer}/${encodeURIComponent(code)}?${filterQuery()}`);
    state.area = code;
    writeAddress();
    const body = el('profile-body');
    body.innerHTML = profileHtml(p, catalog.suppress_below);
    const add = document.createElement('button');
    add.type = 'button';
    add.id = 'profile-add';
    const inBriefing = state.briefing.includes(code);
    add.textContent = inBriefing ? 'In the briefing' : 'Add to briefing';
    add.disabled = inBriefing;
    add.addEventListener('click', () => {
      if (!state.briefing.includes(code)) state.briefing.push(code);
      add.textContent = 'In the briefing';
      add.disabled = true;
      writeAddress();
      syncControls();
    });
    body.append(add);
    body.dataset.area = code;
    el('profile').hidden = false;
    if (featureId !== undefined) selectFeature(featureId);
    else if (p.feature_id) selectFeature(p.feature_id);
    hotspot.profile = p;
  } catch (err) {
    showError(err);
  }
}

async function focusArea(code) {
  try {
    const p = await getJson(`/api/areas/${state.layer}/${encodeURIComponent(code)}?${filterQuery()}`);
    if (p.bbox) map.fitBounds([[p.bbox[0], p.bbox[1]], [p.bbox[2], p.bbox[3]]], { padding: 80, maxZoom: 15 });
    await openProfile(code, p.feature_id);
  } catch (err) {
    showError(err);
  }
}

async function drawTopList() {
  const list = el('top-list');
  const r = await getJson(`/api/hotspots?layer=${state.layer}&limit=10&${filterQuery()}`);
  list.replaceChildren();
  for (const a of r.areas.filter((x) => x.gi_bin > 0)) {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = `${a.area_name || a.area_code} (z ${fmt(a.gi_z, 1)})`;
    b.addEventListener('click', () => focusArea(a.area_code));
    li.append(b);
    list.append(li);
  }
  if (!list.children.length) {
    const li = document.createElement('li');
    li.textContent = 'No significant hot spots for this filter.';
    list.append(li);
  }
}

// ---- patrol plan -----------------------------------------------------------------------

/// Fetches the plan for the current options (or clears it) and draws it; an option the
/// server refuses is explained in the panel.
async function loadPatrol() {
  const panel = el('patrol-panel');
  if (!state.patrol) {
    patrolData = null;
    panel.replaceChildren();
    return;
  }
  const query = patrolQuery(state);
  try {
    patrolData = await getJson(`/api/patrol?${query}`);
  } catch (err) {
    patrolData = null;
    panel.replaceChildren();
    const p = document.createElement('p');
    p.className = 'error';
    p.textContent = `No plan: ${err.message}`;
    panel.append(p);
    return;
  }
  hotspot.patrol = patrolData;
  patrolPanel(panel, patrolData, query, (f) => {
    markPlace(f.properties.place_id);
    map.flyTo({ center: [f.properties.longitude, f.properties.latitude], zoom: state.unit === 'place' ? 15 : 12.5 });
  });
}

async function redrawPatrol() {
  hotspot.busy = true;
  try {
    await loadPatrol();
    hotspot.idleSinceDraw = 0;
    if (patrolData) {
      addPatrolLayers(map, patrolData);
    } else {
      removePatrolLayers(map);
    }
    drawLegend();
    map.triggerRepaint();
  } finally {
    hotspot.busy = false;
  }
}

// ---- putting it together ---------------------------------------------------------------

let generation = 0;

async function refresh() {
  const mine = ++generation;
  hotspot.busy = true;
  writeAddress();
  syncControls();
  setStatus('Loading…');
  if (!state.knife && state.categories && state.categories.length === 0) {
    clearLayers();
    el('legend').replaceChildren('Pick at least one crime category.');
    el('top-list').replaceChildren();
    setStatus('No crime category picked');
    hotspot.busy = false;
    return;
  }
  try {
    const field = MEASURES[state.measure].field;
    const [legend, density] = await Promise.all([
      getJson(`/api/legend/${state.layer}?field=${field}&${filterQuery()}`),
      state.view === 'density' || state.heat ? getJson(`/api/density?${filterQuery()}`) : Promise.resolve(null),
    ]);
    await loadPatrol();
    if (mine !== generation) return;
    legendData = legend;
    densityData = density;
    drawLayers();
    drawLegend();
    drawTopList().catch(showError);
    if (state.area) await openProfile(state.area);
    setStatus(`${filterText()}, ${periodText()}`);
  } catch (err) {
    showError(err);
  } finally {
    if (mine === generation) hotspot.busy = false;
  }
}

async function start() {
  readAddress();
  wireControls();
  if (window.matchMedia('(max-width: 800px)').matches) {
    el('controls').classList.add('closed');
  }
  try {
    catalog = await getJson('/api/catalog');
  } catch (err) {
    showError(err);
    return;
  }
  fillControls();
  const bounds = catalog.bounds;
  map = new maplibregl.Map({
    container: 'map',
    style: catalog.basemap_style || baseStyle(),
    bounds: bounds ? [[bounds[0], bounds[1]], [bounds[2], bounds[3]]] : undefined,
    fitBoundsOptions: { padding: 20 },
    hash: 'map',
    attributionControl: { compact: true },
    maxZoom: 18,
  });
  hotspot.map = map;
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-left');
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
  map.on('idle', () => {
    hotspot.idle += 1;
    hotspot.idleSinceDraw += 1;
  });
  map.on('error', (e) => showError(e.error || e));
  map.on('load', () => {
    setupHover();
    refresh();
  });
}

start();
