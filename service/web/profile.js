// An area's profile as HTML, for the map's panel and the printable briefing, with the
// helpers both pages share.
import { monthlyChart } from './chart.js';

export const GI_CLASSES = [
  { bin: 3, label: 'Hot spot, 99 % confidence', colour: '#b2182b' },
  { bin: 2, label: 'Hot spot, 95 % confidence', colour: '#ef8a62' },
  { bin: 1, label: 'Hot spot, 90 % confidence', colour: '#fddbc7' },
  { bin: 0, label: 'Not significant', colour: '#f7f7f7' },
  { bin: -1, label: 'Cold spot, 90 % confidence', colour: '#d1e5f0' },
  { bin: -2, label: 'Cold spot, 95 % confidence', colour: '#67a9cf' },
  { bin: -3, label: 'Cold spot, 99 % confidence', colour: '#2166ac' },
];
export const NO_DATA = '#e0e0e0';

export function fmt(v, digits = 0) {
  if (v === null || v === undefined || Number.isNaN(v)) return '–';
  return Number(v).toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function monthName(m) {
  const [y, mo] = m.split('-').map(Number);
  return new Date(Date.UTC(y, mo - 1, 1)).toLocaleString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

export function nextMonth(m) {
  const [y, mo] = m.split('-').map(Number);
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
}

/// The profile's HTML, shared with the printable briefing.
export function profileHtml(p, suppressBelow) {
  const s = p.summary;
  const esc = (t) => String(t ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
  const hidden = (v) => (v === null || v === undefined ? `<span title="fewer than ${suppressBelow}">hidden</span>` : fmt(v));
  const sig = s.change_sig === 'up' ? 'significant rise' : s.change_sig === 'down' ? 'significant fall' : 'not significant';
  const pct = s.change_pct === null || s.change_pct === undefined ? '' : ` (${s.change_pct > 0 ? '+' : ''}${fmt(s.change_pct, 0)} %)`;
  const w = p.filter.window;
  const gi = GI_CLASSES.find((c) => c.bin === s.gi_bin);
  const rows = [
    ['count', 'Incidents', hidden(s.count)],
    ['rate', 'Rate per 1,000 residents', s.rate_1k === null || s.rate_1k === undefined ? '–' : fmt(s.rate_1k, 1)],
    ['harm', 'Harm (CHI days)', s.harm === null || s.harm === undefined ? '–' : fmt(s.harm, 0)],
    ['rank', 'Rank', s.rank ? `${fmt(s.rank)} of ${fmt(p.areas_in_layer)}` : '–'],
    ['change', `Last ${w} month${w > 1 ? 's' : ''} against the ${w} before`,
      `${hidden(s.cur)} against ${hidden(s.prev)}${pct}, <strong>${sig}</strong>`],
    ['gi', 'Getis-Ord Gi*', `<span class="badge" style="background:${gi ? gi.colour : NO_DATA}">${esc(s.gi_class ?? '–')}</span> z = ${fmt(s.gi_z, 2)}`],
    ['lisa', "Local Moran's I", esc(s.lisa_clust ?? '–')],
  ];
  if (s.class_code) {
    const domains = ['belonging', 'diversity', 'fear', 'satisfaction', 'participation'];
    rows.push(['class', 'Engagement class', `${esc(s.class_name)} (${esc(s.class_code)}), engagement <strong>${esc(s.engagement)}</strong>`]);
    rows.push(['domains', 'Domain scores (0-100)', domains.map((d) => `${d} ${fmt(s[d], 0)}`).join(', ')]);
  }
  const top = p.top_categories.map((t) => `<tr><td>${esc(t.category)}</td><td class="num">${hidden(t.count)}</td></tr>`).join('');
  // Analysts only: the places (snap points) in the area with most incidents.
  const places = (p.top_places || []).map((t) => `<tr${t.flag ? ' class="flagged"' : ''}><td>${esc(t.location)}${t.street ? ` <span class="small">(${esc(t.street)})</span>` : ''}${t.flag ? ` <span class="badge">${esc(t.flag)}</span>` : ''}</td><td class="num">${fmt(t.count)}</td><td class="num">${fmt(100 * t.share, 0)} %</td></tr>`).join('');
  const placeTable = p.top_places ? `<table class="top-places"><tr><th>Top places</th><th class="num">Incidents</th><th class="num">Share</th></tr>${places || '<tr><td colspan="3">No incidents at a place</td></tr>'}</table>` : '';
  // And for a ward, its streets with most incidents.
  const streets = (p.top_streets || []).map((t) => `<tr><td>${esc(t.street)} <span class="small">(${fmt(t.places)} place${t.places === 1 ? '' : 's'})</span></td><td class="num">${fmt(t.count)}</td><td class="num">${fmt(100 * t.share, 0)} %</td></tr>`).join('');
  const streetTable = p.top_streets ? `<table class="top-places top-streets"><tr><th>Top streets</th><th class="num">Incidents</th><th class="num">Share</th></tr>${streets || '<tr><td colspan="3">No incidents on a named street</td></tr>'}</table>` : '';
  return `
    <h2>${esc(p.area_name || p.area_code)}</h2>
    <div class="small">${esc(p.area_code)} · ${esc(p.filter.knife ? 'knife crime' : `${p.filter.categories.length} categories`)} · ${esc(monthName(p.filter.from))} to ${esc(monthName(p.filter.to))}</div>
    <table class="headline">${rows.map(([key, k, v]) => `<tr data-key="${key}"><th scope="row">${k}</th><td>${v}</td></tr>`).join('')}</table>
    <div class="chart">${monthlyChart(p.months.map(monthName), p.monthly_total)}</div>
    <table class="top-categories"><tr><th>Top categories</th><th class="num">Incidents</th></tr>${top}</table>${placeTable}${streetTable}`;
}

