// The map's layers: the areas (choropleth, hot spots, engagement classes) from vector
// tiles, the heat map from density tiles; hover and click.

import * as maplibregl from './vendor/maplibre-gl.mjs';
import { filterQuery, hotspot, isPublic, MEASURES, page, state } from './state.js';
import { fmt, GI_CLASSES, NO_DATA } from './profile.js';
import { addPatrolLayers, markPlace } from './patrol.js';
import { openProfile } from './profile-panel.js';

// Colour ramps, all from ColorBrewer and readable with the common colour blindnesses.
export const SEQUENTIAL = ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026']; // YlOrRd
export const DIVERGING = ['#2166ac', '#67a9cf', '#f7f7f7', '#ef8a62', '#b2182b']; // RdBu, reversed
export const SUPPRESSED = '#bdbdbd';
// Places: dark blue over the warm ramps; flagged places grey.
export const PLACE_COLOUR = '#08306b';
export const FLAGGED_COLOUR = '#9e9e9e';
// Near-repeat zones: purple, deeper the more days of raised risk are left.
export const ZONE_COLOUR = '#7b3294';
/// A place's circle radius in pixels: its area grows with its incidents.
export const PLACE_RADIUS = ['interpolate', ['linear'], ['sqrt', ['to-number', ['get', 'count'], 0]], 1, 2.5, 10, 7, 35, 18];
// Okabe and Ito's qualitative palette, distinct for the common colour blindnesses.
export const CLASS_COLOURS = ['#E69F00', '#56B4E9', '#009E73', '#F0E442', '#0072B2', '#D55E00', '#CC79A7', '#999999'];
export const ENGAGEMENT_HOTSPOTS = [
  { colour: '#b2182b', label: 'Hot spot (Gi*, 90 % or more) in an engagement-poor area' },
  { colour: '#fddbc7', label: 'Hot spot in an engagement-rich area' },
  { colour: '#bababa', label: 'Engagement poor, not a hot spot' },
  { colour: '#f7f7f7', label: 'Engagement rich, not a hot spot' },
];

let hovered = null;

function tileUrl(path) {
  return `${location.origin}${path}?${filterQuery()}`;
}

export function baseStyle() {
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
    const classes = page.catalog.engagement ? page.catalog.engagement.classes : [];
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

export function clearLayers() {
  for (const id of ['zones-fill', 'zones-line', 'places-circle', 'areas-fill', 'areas-line', 'areas-hover', 'density']) {
    if (page.map.getLayer(id)) page.map.removeLayer(id);
  }
  for (const id of ['zones', 'places', 'areas', 'density']) {
    if (page.map.getSource(id)) page.map.removeSource(id);
  }
}

export function drawLayers() {
  clearLayers();
  hotspot.idleSinceDraw = 0;
  const layer = state.layer;
  const showDensity = state.view === 'density' || state.heat;
  if (showDensity) {
    page.map.addSource('density', {
      type: 'raster',
      tiles: [tileUrl('/tiles/density/{z}/{x}/{y}.png')],
      tileSize: 256,
      attribution: 'Kernel density: hotspot',
    });
  }
  page.map.addSource('areas', {
    type: 'vector',
    tiles: [tileUrl(`/tiles/${layer}/{z}/{x}/{y}.mvt`)],
    minzoom: 0,
    maxzoom: 14,
    bounds: page.catalog.bounds || undefined,
    attribution: 'police.uk, ONS (OGL v3.0)',
  });
  if (state.view !== 'density') {
    page.map.addLayer({
      id: 'areas-fill',
      type: 'fill',
      source: 'areas',
      'source-layer': layer,
      paint: { 'fill-color': fillColour(page.legend), 'fill-opacity': state.heat ? 0.55 : 0.8 },
    });
  } else {
    // Transparent, but it makes areas clickable over the heat map.
    page.map.addLayer({
      id: 'areas-fill',
      type: 'fill',
      source: 'areas',
      'source-layer': layer,
      paint: { 'fill-color': '#000000', 'fill-opacity': 0 },
    });
  }
  if (showDensity) {
    page.map.addLayer({ id: 'density', type: 'raster', source: 'density', paint: { 'raster-opacity': 1 } });
  }
  page.map.addLayer({
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
  page.map.addLayer({
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
  if (state.zones && page.zones && !isPublic()) addZoneLayers();
  if (state.places && !isPublic()) addPlaceLayer();
  if (state.patrol && page.patrol) addPatrolLayers(page.map, page.patrol);
}

/// The places (analysts only): a circle per snap point, its area by incidents; the
/// server thins low zooms to each tile's busiest places.
function addPlaceLayer() {
  page.map.addSource('places', {
    type: 'vector',
    tiles: [tileUrl('/tiles/places/{z}/{x}/{y}.mvt')],
    minzoom: 0,
    maxzoom: 14,
    bounds: page.catalog.bounds || undefined,
  });
  page.map.addLayer({
    id: 'places-circle',
    type: 'circle',
    source: 'places',
    'source-layer': 'places',
    paint: {
      'circle-radius': PLACE_RADIUS,
      'circle-color': ['case', ['!=', ['get', 'flag'], ''], FLAGGED_COLOUR, PLACE_COLOUR],
      'circle-opacity': 0.75,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1,
    },
    // The circles are sorted so the small ones are drawn over the large.
    layout: { 'circle-sort-key': ['-', 0, ['to-number', ['get', 'count'], 0]] },
  });
}

/// The near-repeat zones: a circle of the test's distance around each recent event, its
/// fill deeper the more days of raised risk are left.
function addZoneLayers() {
  page.map.addSource('zones', { type: 'geojson', data: page.zones });
  page.map.addLayer({
    id: 'zones-fill',
    type: 'fill',
    source: 'zones',
    paint: {
      'fill-color': ZONE_COLOUR,
      'fill-opacity': ['interpolate', ['linear'], ['to-number', ['get', 'days_left'], 0], 0, 0.15, 14, 0.45],
    },
  });
  page.map.addLayer({
    id: 'zones-line',
    type: 'line',
    source: 'zones',
    paint: { 'line-color': ZONE_COLOUR, 'line-width': 1.2 },
  });
}

/// Moves the map to show every zone (they may lie outside the areas).
export function fitZones() {
  page.fitZones = false;
  const fs = page.zones ? page.zones.features : [];
  if (!fs.length) return;
  let [w, s, e, n] = [180, 90, -180, -90];
  for (const f of fs) {
    for (const [x, y] of f.geometry.coordinates[0]) {
      w = Math.min(w, x); e = Math.max(e, x); s = Math.min(s, y); n = Math.max(n, y);
    }
  }
  page.map.fitBounds([[w, s], [e, n]], { padding: 40, maxZoom: 15, duration: 0 });
}

/// A popup of a title and lines, built from text nodes: its text comes from the data.
function textPopup(className, title, lines, lngLat) {
  const box = document.createElement('div');
  box.className = className;
  const h = document.createElement('strong');
  h.textContent = title;
  box.append(h);
  for (const text of lines.filter(Boolean)) {
    const d = document.createElement('div');
    d.textContent = text;
    box.append(d);
  }
  new maplibregl.Popup({ closeButton: true, maxWidth: '280px' }).setLngLat(lngLat).setDOMContent(box).addTo(page.map);
}

/// The cocooning list: the zones with most days left first, each a button that flies
/// to its event and opens its popup.
export function drawZoneList(limit = 25) {
  const list = document.getElementById('zones-list');
  const more = document.getElementById('zones-more');
  list.replaceChildren();
  more.hidden = true;
  if (!state.zones || !page.zones) return;
  const zones = [...page.zones.features].sort((a, b) => b.properties.days_left - a.properties.days_left ||
    b.properties.date.localeCompare(a.properties.date));
  for (const f of zones.slice(0, limit)) {
    const p = f.properties;
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = `${p.date}, ${fmt(p.radius_m)} m, until ${p.until}${p.event_line ? ` (line ${p.event_line})` : ''}`;
    b.addEventListener('click', () => {
      page.map.jumpTo({ center: [p.longitude, p.latitude], zoom: 15 });
      zonePopup(p, [p.longitude, p.latitude]);
    });
    li.append(b);
    list.append(li);
  }
  if (zones.length > limit) {
    more.textContent = `and ${fmt(zones.length - limit)} more: the GeoJSON holds them all`;
    more.hidden = false;
  }
}

function zonePopup(p, lngLat) {
  const left = p.days_left === 0 ? 'its last day' : `${fmt(p.days_left)} more day${p.days_left === 1 ? '' : 's'}`;
  textPopup('zone-popup', 'Near-repeat zone', [
    `Within ${fmt(p.radius_m)} m of an event on ${p.date}`,
    `Raised risk until ${p.until} (${left})`,
    p.event_line ? `Line ${p.event_line} of the events file` : '',
  ], lngLat);
}

function placePopup(p, lngLat) {
  const change = { up: 'Significant rise against the previous window', down: 'Significant fall against the previous window' };
  textPopup('place-popup', p.location || 'No location text', [
    p.street ? `Street: ${p.street}` : '',
    [p.ward_name, p.area_name].filter(Boolean).join(', '),
    `${fmt(p.count)} incidents, harm ${fmt(p.harm)} CHI days`,
    change[p.change_sig] || '',
    p.flag ? `Flagged: ${p.flag} (crime recorded where it is found or processed)` : '',
  ], lngLat);
}

export function setupHover() {
  const clearHover = () => {
    if (hovered !== null && page.map.getSource('areas')) {
      page.map.setFeatureState({ source: 'areas', sourceLayer: state.layer, id: hovered }, { hover: false });
    }
    hovered = null;
  };
  page.map.on('mousemove', 'areas-fill', (e) => {
    const f = e.features && e.features[0];
    if (!f) return;
    page.map.getCanvas().style.cursor = 'pointer';
    if (hovered === f.id) return;
    clearHover();
    hovered = f.id;
    page.map.setFeatureState({ source: 'areas', sourceLayer: state.layer, id: hovered }, { hover: true });
  });
  page.map.on('mouseleave', 'areas-fill', () => {
    page.map.getCanvas().style.cursor = '';
    clearHover();
  });
  page.map.on('mouseenter', 'places-circle', () => { page.map.getCanvas().style.cursor = 'pointer'; });
  page.map.on('mouseleave', 'places-circle', () => { page.map.getCanvas().style.cursor = ''; });
  page.map.on('click', (e) => {
    const placeHit = page.map.getLayer('places-circle')
      ? page.map.queryRenderedFeatures(e.point, { layers: ['places-circle'] })[0] : null;
    if (placeHit) {
      placePopup(placeHit.properties, e.lngLat);
      return;
    }
    const zoneHit = page.map.getLayer('zones-fill')
      ? page.map.queryRenderedFeatures(e.point, { layers: ['zones-fill'] })[0] : null;
    if (zoneHit) {
      zonePopup(zoneHit.properties, e.lngLat);
      return;
    }
    const patrolLayers = ['patrol-centre', 'patrol-fill'].filter((id) => page.map.getLayer(id));
    const place = patrolLayers.length ? page.map.queryRenderedFeatures(e.point, { layers: patrolLayers })[0] : null;
    if (place) {
      markPlace(place.properties.place_id);
      return;
    }
    const f = page.map.getLayer('areas-fill') ? page.map.queryRenderedFeatures(e.point, { layers: ['areas-fill'] })[0] : null;
    if (f) openProfile(f.properties.area_code, f.id);
  });
}
