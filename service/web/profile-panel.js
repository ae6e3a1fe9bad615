// The area profile beside the map, and the list of the strongest hot spots.

import { el, filterQuery, getJson, hotspot, page, showError, state, writeAddress } from './state.js';
import { fmt, profileHtml } from './profile.js';
import { syncControls } from './controls.js';

let selected = null;

function selectFeature(id) {
  if (selected !== null && page.map.getSource('areas')) {
    page.map.setFeatureState({ source: 'areas', sourceLayer: state.layer, id: selected }, { selected: false });
  }
  selected = id ?? null;
  if (selected !== null) {
    page.map.setFeatureState({ source: 'areas', sourceLayer: state.layer, id: selected }, { selected: true });
  }
}

export function closeProfile() {
  el('profile').hidden = true;
  state.area = '';
  selectFeature(null);
  writeAddress();
}

export async function openProfile(code, featureId) {
  if (!code) return;
  try {
    const p = await getJson(`/api/areas/${state.layer}/${encodeURIComponent(code)}?${filterQuery()}`);
    state.area = code;
    writeAddress();
    const body = el('profile-body');
    body.innerHTML = profileHtml(p, page.catalog.suppress_below);
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
    if (p.bbox) page.map.fitBounds([[p.bbox[0], p.bbox[1]], [p.bbox[2], p.bbox[3]]], { padding: 80, maxZoom: 15 });
    await openProfile(code, p.feature_id);
  } catch (err) {
    showError(err);
  }
}

export async function drawTopList() {
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
