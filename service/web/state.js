// What the map page shows and the address that carries it: the filters and options
// (state), what the server has said and what is drawn (page), and the helpers every
// module of the page uses. Everything the view shows is in the address (filters in the
// query string, the map position in the hash), so a view can be shared in a briefing.

import { monthName } from './profile.js';
import { getJson } from './auth.js';

export { getJson };

export const el = (id) => document.getElementById(id);

export const MEASURES = {
  count: { field: 'count', value: 'count', label: 'Incidents', units: 'incidents' },
  rate: { field: 'rate_1k', value: 'rate', label: 'Rate per 1,000 residents', units: 'per 1,000 residents' },
  harm: { field: 'harm', value: 'harm', label: 'Harm', units: 'crime harm index days' },
  change: { field: 'change', value: 'count', label: 'Change against the previous window', units: 'incidents' },
};

export const state = {
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
  places: false, // the places layer (analysts only)
  zones: false, // the near-repeat zones (analysts only)
};

/** What the server has said and what is drawn, shared by the page's modules. */
export const page = {
  catalog: null,
  map: null,
  patrol: null, // the plan on the map, when state.patrol
  legend: null, // the choropleth's classes
  density: null, // the heat map's scale
  zones: null, // the near-repeat zones (GeoJSON), once fetched
  fitZones: false, // move the map to the zones once they are drawn
};

// Read by the browser tests: the map, the state, and counts of the map's idle events
// (in all, and since the layers were last redrawn).
export const hotspot = { map: null, state, idle: 0, idleSinceDraw: 0, busy: true, errors: [] };
window.hotspot = hotspot;

export function readAddress() {
  const p = new URLSearchParams(location.search);
  for (const key of ['layer', 'view', 'measure', 'from', 'to', 'window', 'area']) {
    if (p.has(key)) state[key] = p.get(key);
  }
  state.knife = p.get('knife') === '1';
  state.heat = p.get('heat') !== '0';
  state.categories = p.has('categories') ? p.get('categories').split(',').filter(Boolean) : null;
  state.briefing = p.has('briefing') ? p.get('briefing').split(',').filter(Boolean) : [];
  state.patrol = p.get('patrol') === '1';
  state.places = p.get('places') === '1';
  state.zones = p.get('zones') === '1';
  for (const key of ['hours', 'teams', 'unit', 'months']) {
    if (p.has(key)) state[key] = p.get(key);
  }
}

export function writeAddress() {
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
  if (state.places) p.set('places', '1');
  if (state.zones) p.set('zones', '1');
  if (state.patrol) {
    p.set('patrol', '1');
    for (const key of ['hours', 'teams', 'unit', 'months']) p.set(key, state[key]);
  }
  history.replaceState(null, '', `${location.pathname}?${p}${location.hash}`);
}

/// The filter every map endpoint takes, as a query string.
export function filterQuery() {
  const p = new URLSearchParams();
  if (state.knife) p.set('knife', '1');
  else if (state.categories) p.set('categories', state.categories.join(','));
  p.set('from', state.from);
  p.set('to', state.to);
  p.set('value', MEASURES[state.measure].value);
  p.set('window', state.window);
  return p.toString();
}

export function setStatus(text) {
  el('status').textContent = text;
}

export function showError(err) {
  hotspot.errors.push(String(err.message || err));
  setStatus(`Error: ${err.message || err}`);
}

/** Whether this page shows the public view (no analyst token). */
export function isPublic() {
  return page.catalog.view === 'public';
}

export function periodText() {
  return state.from === state.to ? monthName(state.from) : `${monthName(state.from)} to ${monthName(state.to)}`;
}

export function filterText() {
  if (state.knife) return 'knife crime';
  if (state.categories === null) return 'all crime';
  if (state.categories.length === 0) return 'no categories';
  const names = page.catalog.categories.filter((c) => state.categories.includes(c.code)).map((c) => c.name);
  return names.length > 3 ? `${names.length} categories` : names.join(', ');
}
