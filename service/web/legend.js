// The legend: what each colour on the map means, the heat map's scale, how the public's
// numbers are protected, and the patrol plan's teams.

import { el, filterText, MEASURES, page, periodText, state } from './state.js';
import { fmt, GI_CLASSES, NO_DATA } from './profile.js';
import { teamColour } from './patrol.js';
import { CLASS_COLOURS, DIVERGING, ENGAGEMENT_HOTSPOTS, FLAGGED_COLOUR, PLACE_COLOUR, SEQUENTIAL, SUPPRESSED, ZONE_COLOUR } from './layers.js';

function legendRow(colour, text) {
  const row = document.createElement('div');
  row.className = 'row';
  const sw = document.createElement('span');
  sw.className = 'swatch';
  sw.style.background = colour;
  row.append(sw, document.createTextNode(text));
  return row;
}

export function drawLegend() {
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
    const e = page.catalog.engagement;
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
  } else if (state.view === 'choropleth' && page.legend) {
    h.textContent = m.units === 'incidents' ? m.label : `${m.label} (${m.units})`;
    box.append(h, sub);
    const colours = state.measure === 'change' ? DIVERGING : SEQUENTIAL;
    const b = page.legend.breaks;
    const digits = state.measure === 'rate' ? 1 : 0;
    if (b.length === 0) {
      box.append(legendRow(colours[0], `${fmt(page.legend.min, digits)} everywhere`));
    }
    if (state.measure === 'change' && b.length === 4) {
      const big = b[3];
      const labels = [`Fell by ${fmt(big)} or more`, big > 2 ? `Fell by 1 to ${fmt(big - 1)}` : 'Fell by 1',
        'No change', big > 2 ? `Rose by 1 to ${fmt(big - 1)}` : 'Rose by 1', `Rose by ${fmt(big)} or more`];
      labels.forEach((text, i) => box.append(legendRow(colours[i], text)));
    }
    for (let i = 0; i < b.length + 1 && b.length && state.measure !== 'change'; ++i) {
      const lo = i === 0 ? page.legend.min : b[i - 1];
      const last = i === b.length;
      const hi = last ? page.legend.max : b[i];
      let text;
      if (page.legend.whole_numbers) {
        const top = last ? hi : hi - 1; // classes of whole numbers end one below the next
        const none = i === 0 && lo === 0 && page.legend.method.startsWith('none');
        text = none ? 'None' : top <= lo ? fmt(lo) : `${fmt(lo)} to ${fmt(top)}`;
      } else {
        text = last ? `${fmt(lo, digits)} to ${fmt(hi, digits)}` : `${fmt(lo, digits)} to under ${fmt(hi, digits)}`;
      }
      box.append(legendRow(colours[Math.min(i, colours.length - 1)], text));
    }
    const note = document.createElement('div');
    note.className = 'small';
    note.textContent = page.legend.method;
    box.append(note);
  } else {
    h.textContent = state.view === 'density' ? 'Heat map' : m.label;
    box.append(h, sub);
  }
  if ((state.view === 'density' || state.heat) && page.density) {
    const d = page.density;
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
  if (page.legend && page.legend.suppressed > 0) {
    box.append(legendRow(SUPPRESSED, `Fewer than ${page.catalog.suppress_below} incidents (hidden)`));
  }
  if (state.view !== 'density') box.append(legendRow(NO_DATA, 'No value'));
  if (page.catalog.view === 'public' && page.catalog.protection) {
    // The one sentence that says how the public numbers are protected.
    const protection = document.createElement('div');
    protection.className = 'small protection';
    protection.textContent = page.catalog.protection.sentence;
    box.append(protection);
  }
  if (state.places && page.catalog.places) {
    const title = document.createElement('div');
    title.innerHTML = '<strong>Places</strong> (circle area by incidents)';
    box.append(title);
    box.append(legendRow(PLACE_COLOUR, 'A place (police.uk snap point)'));
    box.append(legendRow(FLAGGED_COLOUR, `Flagged place (${page.catalog.places.flag_rules})`));
  }
  if (state.zones && page.zones) {
    const z = page.zones;
    const title = document.createElement('div');
    title.innerHTML = '<strong>Near-repeat zones</strong>';
    box.append(title);
    box.append(legendRow(ZONE_COLOUR, `${fmt(z.zones)} zones active on ${z.today || 'no day'} (deeper: more days left)`));
    const note = document.createElement('div');
    note.className = 'small';
    note.textContent = `From ${z.source}${z.rejected ? `; ${fmt(z.rejected)} rows rejected` : ''}`;
    box.append(note);
  }
  if (state.patrol && page.patrol) {
    const title = document.createElement('div');
    title.innerHTML = '<strong>Patrol plan</strong>';
    box.append(title);
    const teams = new Map();
    for (const f of page.patrol.features) teams.set(f.properties.team, (teams.get(f.properties.team) || 0) + 1);
    for (const [team, n] of [...teams].sort((a, b) => (a[0] || 99) - (b[0] || 99))) {
      const who = team === 0 ? 'Control, not patrolled' : page.patrol.teams > 1 ? `Team ${team}` : 'Patrolled';
      box.append(legendRow(teamColour(team), `${who} (${n} place${n === 1 ? '' : 's'})`));
    }
  }
}
