// The map page: MapLibre GL JS over hotspot's own tiles and JSON API, put together from
// its modules (state, auth, signin, controls, layers, legend, profile-panel, patrol-panel).
// Nothing is fetched from anywhere but this server.
import * as maplibregl from './vendor/maplibre-gl.mjs';
import { el, filterQuery, filterText, getJson, hotspot, MEASURES, page, periodText, readAddress, setStatus, showError, state, writeAddress } from './state.js';
import { baseStyle, clearLayers, drawLayers, drawZoneList, fitZones, setupHover } from './layers.js';
import { drawLegend } from './legend.js';
import { fillControls, syncControls, wireControls } from './controls.js';
import { drawTopList, openProfile } from './profile-panel.js';
import { loadPatrol } from './patrol-panel.js';
import { authHeaders, ownUrl } from './auth.js';
import { wireSignin } from './signin.js';

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
    if (state.zones && !page.zones) page.zones = await getJson('/api/nearrepeat/zones');
    if (mine !== generation) return;
    page.legend = legend;
    page.density = density;
    drawLayers();
    if (page.fitZones) fitZones();
    drawZoneList();
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
  wireControls(refresh);
  if (window.matchMedia('(max-width: 800px)').matches) {
    el('controls').classList.add('closed');
  }
  try {
    page.catalog = await getJson('/api/catalog');
  } catch (err) {
    showError(err);
    return;
  }
  wireSignin();
  fillControls();
  const bounds = page.catalog.bounds;
  page.map = new maplibregl.Map({
    container: 'map',
    style: page.catalog.basemap_style || baseStyle(),
    bounds: bounds ? [[bounds[0], bounds[1]], [bounds[2], bounds[3]]] : undefined,
    fitBoundsOptions: { padding: 20 },
    hash: 'map',
    attributionControl: { compact: true },
    maxZoom: 18,
    // Tiles for a signed-in analyst carry the token (to this server only).
    transformRequest: (url) => (ownUrl(url) ? { url, headers: authHeaders() } : { url }),
  });
  hotspot.map = page.map;
  page.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-left');
  page.map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
  page.map.on('idle', () => {
    hotspot.idle += 1;
    hotspot.idleSinceDraw += 1;
  });
  page.map.on('error', (e) => showError(e.error || e));
  page.map.on('load', () => {
    setupHover();
    refresh();
  });
}

start();
