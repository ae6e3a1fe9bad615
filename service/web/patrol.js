// The patrol plan on the map: the places of GET /api/patrol drawn over the areas, coloured
// by team, with a panel that lists them (harm, visits, minutes) and links to the plan's
// downloads and its printable briefing. The plan is the server's; nothing is planned here.
import { fmt } from './profile.js';

// Okabe and Ito's palette again, one colour per team; controls are drawn hollow.
export const TEAM_COLOURS = ['#D55E00', '#0072B2', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#F0E442', '#999999'];
const CONTROL = '#6e7781';
const LAYERS = ['patrol-fill', 'patrol-line', 'patrol-control-line', 'patrol-centre'];

export const teamColour = (team) => (team > 0 ? TEAM_COLOURS[(team - 1) % TEAM_COLOURS.length] : CONTROL);

/// The plan's options from the page's state, as the API's query string.
export function patrolQuery(state) {
  const p = new URLSearchParams();
  p.set('officer_hours', state.hours);
  p.set('teams', state.teams);
  p.set('unit', state.unit);
  p.set('months', state.months);
  if (state.knife) p.set('knife', '1');
  else if (state.categories && state.categories.length) p.set('categories', state.categories.join(','));
  return p.toString();
}

function teamExpression() {
  const match = ['match', ['get', 'team'], 0, CONTROL];
  TEAM_COLOURS.forEach((c, i) => match.push(i + 1, c));
  match.push(TEAM_COLOURS[TEAM_COLOURS.length - 1]);
  return match;
}

export function removePatrolLayers(map) {
  for (const id of LAYERS) if (map.getLayer(id)) map.removeLayer(id);
  if (map.getSource('patrol')) map.removeSource('patrol');
}

/// Draws the plan's places on top of everything: discs (or areas) filled by team, the
/// controls outlined with dashes, and a dot at each centre so that places show at any zoom.
export function addPatrolLayers(map, plan) {
  removePatrolLayers(map);
  const centres = plan.features.map((f) => ({
    type: 'Feature',
    id: f.id,
    properties: { ...f.properties, centre: true },
    geometry: { type: 'Point', coordinates: [f.properties.longitude, f.properties.latitude] },
  }));
  map.addSource('patrol', { type: 'geojson', data: { type: 'FeatureCollection', features: [...plan.features, ...centres] } });
  const shapes = ['!', ['has', 'centre']];
  const patrolled = ['>', ['get', 'team'], 0];
  map.addLayer({
    id: 'patrol-fill',
    type: 'fill',
    source: 'patrol',
    filter: ['all', shapes, patrolled],
    paint: { 'fill-color': teamExpression(), 'fill-opacity': 0.35 },
  });
  map.addLayer({
    id: 'patrol-line',
    type: 'line',
    source: 'patrol',
    filter: ['all', shapes, patrolled],
    paint: { 'line-color': teamExpression(), 'line-width': 2 },
  });
  map.addLayer({
    id: 'patrol-control-line',
    type: 'line',
    source: 'patrol',
    filter: ['all', shapes, ['!', patrolled]],
    paint: { 'line-color': CONTROL, 'line-width': 2, 'line-dasharray': [2, 2] },
  });
  map.addLayer({
    id: 'patrol-centre',
    type: 'circle',
    source: 'patrol',
    filter: ['has', 'centre'],
    paint: {
      'circle-color': teamExpression(),
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 8, 4, 13, 6, 16, 3],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1.5,
    },
  });
}

function line(text, className) {
  const p = document.createElement('p');
  if (className) p.className = className;
  p.textContent = text;
  return p;
}

/// What a place's row says: where it is, its harm and what the plan asks of it.
export function placeText(props) {
  const where = props.name || props.code || `${fmt(props.latitude, 4)}, ${fmt(props.longitude, 4)}`;
  const harm = props.harm === null ? 'harm hidden (few incidents)' : `harm ${fmt(props.harm)} (${fmt(props.incidents)} incidents)`;
  const what = props.team === 0
    ? 'control: no patrols'
    : `${props.visits_day} × ${fmt(props.minutes_day / Math.max(1, props.visits_day))} min a day (${fmt(props.minutes_day)} min), ${props.days} days`;
  return `${where}: ${harm}; ${what}`;
}

/// Fills the panel: the plan's summary, a row per place (pressing it calls `onPick`), and
/// the download and briefing links for the same options.
export function patrolPanel(box, plan, query, onPick) {
  box.replaceChildren();
  box.append(line(`${plan.places_per_day} place${plan.places_per_day === 1 ? '' : 's'} a day cover ` +
    `${fmt(100 * plan.harm_share, 1)} % of the harm (${plan.crime}, ${plan.from} to ${plan.to}) on ` +
    `${fmt(100 * plan.area_share, 2)} % of the area; ${fmt(plan.minutes_used)} of ${fmt(plan.minutes_available)} minutes a day.`));
  for (const s of plan.summary.filter((x) => x.what === 'teams' || x.what === 'test' || x.what === 'note')) {
    box.append(line(s.text, 'small'));
  }
  const list = document.createElement('ol');
  list.id = 'patrol-list';
  for (const f of plan.features) {
    const li = document.createElement('li');
    li.dataset.place = f.properties.place_id;
    const b = document.createElement('button');
    b.type = 'button';
    const sw = document.createElement('span');
    sw.className = 'swatch';
    sw.style.background = teamColour(f.properties.team);
    b.append(sw, document.createTextNode(placeText(f.properties)));
    b.addEventListener('click', () => onPick(f));
    li.append(b);
    list.append(li);
  }
  box.append(list);
  const links = document.createElement('div');
  links.className = 'exports';
  for (const [file, label] of [['patrol.csv', 'CSV'], ['patrol.geojson', 'GeoJSON'], ['patrol.shp.zip', 'Shapefile'],
    ['patrol.gpkg', 'GeoPackage'], ['patrol_schedule.csv', 'Schedule (CSV)']]) {
    const a = document.createElement('a');
    a.className = 'button';
    a.dataset.patrolFormat = file;
    a.href = `/export/${file}?${query}`;
    a.setAttribute('download', `hotspot-${file}`);
    a.textContent = label;
    links.append(a);
  }
  const brief = document.createElement('a');
  brief.id = 'patrol-briefing';
  brief.className = 'button';
  brief.href = `/api/patrol/briefing?${query}`;
  brief.target = '_blank';
  brief.rel = 'noopener';
  brief.textContent = 'Printable briefing, a page per team';
  links.append(brief);
  box.append(links);
}

/// Marks a place's row in the panel and brings it into view.
export function markPlace(placeId) {
  for (const li of document.querySelectorAll('#patrol-list li')) {
    const on = Number(li.dataset.place) === Number(placeId);
    li.classList.toggle('picked', on);
    if (on) li.scrollIntoView({ block: 'nearest' });
  }
}
