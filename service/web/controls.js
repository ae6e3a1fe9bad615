// The filter and option controls: filled from the catalog, kept in step with the state,
// and wired to what they change.

import { el, filterQuery, hotspot, isPublic, MEASURES, page, state, writeAddress } from './state.js';
import { monthName, nextMonth } from './profile.js';
import { closeProfile } from './profile-panel.js';
import { redrawPatrol } from './patrol-panel.js';

export function fillControls() {
  const layer = el('layer');
  for (const l of page.catalog.layers) layer.add(new Option(`${l.title} (${l.areas})`, l.id));
  const months = [];
  for (let m = page.catalog.months.first; m <= page.catalog.months.last; m = nextMonth(m)) months.push(m);
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
    const periods = page.catalog.protection.filters.periods;
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
    el('public-filters').textContent = page.catalog.protection.filters.rule;
  }
  // Places locate incidents: the layer is for analysts, on a server that counts places.
  el('places-box').hidden = isPublic() || !page.catalog.places;
  if (el('places-box').hidden) state.places = false;
  const nr = page.catalog.nearrepeat;
  el('zones-box').hidden = isPublic() || !nr;
  if (el('zones-box').hidden) state.zones = false;
  else el('zones-label').textContent = `Near-repeat zones (${nr.count.toLocaleString('en-GB')} active on ${nr.today || 'no day'})`;
  if (!page.catalog.layers.some((l) => l.id === state.layer)) state.layer = page.catalog.layers[0].id;
  if (!MEASURES[state.measure]) state.measure = 'count';
  const list = el('categories');
  for (const c of page.catalog.categories) {
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
  el('preset-knife').title = `Knife crime: ${page.catalog.knife.categories.join(', ')}. ${page.catalog.knife.note}`;
  syncControls();
}

/** A public period as a menu reads it: "All months", "Latest 3 months (May to Jul 2018)". */
function periodLabel(p) {
  const span = p.from === p.to ? monthName(p.from) : `${monthName(p.from)} to ${monthName(p.to)}`;
  if (p.kind === 'month') return span;
  if (p.kind === 'quarter' || p.kind === 'year') return `${p.label} (${span})`;
  return `${p.label.charAt(0).toUpperCase()}${p.label.slice(1)} (${span})`;
}

export function syncControls() {
  el('layer').value = state.layer;
  if (isPublic()) el('period').value = `${state.from}|${state.to}`;
  el('view').value = state.view;
  el('measure').value = state.measure;
  el('from').value = state.from;
  el('to').value = state.to;
  el('window').value = state.window;
  for (const opt of el('view').querySelectorAll('option[data-engagement]')) {
    opt.disabled = !page.catalog.engagement || page.catalog.engagement.layer !== state.layer;
  }
  el('heat').checked = state.heat;
  el('heat').disabled = state.view === 'density';
  const knifeNames = new Set(page.catalog.knife.categories);
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
  el('places').checked = state.places;
  el('zones').checked = state.zones;
  el('places-export').href = `/export/places.csv?${filterQuery()}`;
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
  const wards = page.catalog.layers.some((l) => l.id === 'ward');
  el('patrol-unit').querySelector('option[value="ward"]').disabled = !wards;
  for (const id of ['patrol-hours', 'patrol-teams', 'patrol-unit', 'patrol-months']) el(id).disabled = !state.patrol;
  document.querySelector('.patrol-options').setAttribute('aria-disabled', String(!state.patrol));
}

export function wireControls(refresh) {
  const changed = (fn) => (event) => {
    fn(event);
    if (state.from > state.to) [state.from, state.to] = [state.to, state.from];
    refresh();
  };
  el('layer').addEventListener('change', changed(() => {
    state.layer = el('layer').value;
    if (state.view.startsWith('engagement') && (!page.catalog.engagement || page.catalog.engagement.layer !== state.layer)) {
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
  el('places').addEventListener('change', changed(() => { state.places = el('places').checked; }));
  el('zones').addEventListener('change', changed(() => { state.zones = el('zones').checked; }));
  el('zones-fit').addEventListener('click', changed(() => { state.zones = true; page.fitZones = true; }));
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
