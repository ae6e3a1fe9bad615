// The patrol plan over the map: fetched for the current options, listed and drawn.

import { el, getJson, hotspot, page, state } from './state.js';
import { addPatrolLayers, markPlace, patrolPanel, patrolQuery, removePatrolLayers } from './patrol.js';
import { drawLegend } from './legend.js';

/// Fetches the plan for the current options (or clears it) and draws it; an option the
/// server refuses is explained in the panel.
export async function loadPatrol() {
  const panel = el('patrol-panel');
  if (!state.patrol) {
    page.patrol = null;
    panel.replaceChildren();
    return;
  }
  const query = patrolQuery(state);
  try {
    page.patrol = await getJson(`/api/patrol?${query}`);
  } catch (err) {
    page.patrol = null;
    panel.replaceChildren();
    const p = document.createElement('p');
    p.className = 'error';
    p.textContent = `No plan: ${err.message}`;
    panel.append(p);
    return;
  }
  hotspot.patrol = page.patrol;
  patrolPanel(panel, page.patrol, query, (f) => {
    markPlace(f.properties.place_id);
    page.map.flyTo({ center: [f.properties.longitude, f.properties.latitude], zoom: state.unit === 'place' ? 15 : 12.5 });
  });
}

export async function redrawPatrol() {
  hotspot.busy = true;
  try {
    await loadPatrol();
    hotspot.idleSinceDraw = 0;
    if (page.patrol) {
      addPatrolLayers(page.map, page.patrol);
    } else {
      removePatrolLayers(page.map);
    }
    drawLegend();
    page.map.triggerRepaint();
  } finally {
    hotspot.busy = false;
  }
}
