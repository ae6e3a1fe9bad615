// The printable briefing: the profile of each picked area for the map's filter, one
// section each, ready to print or save as PDF from the browser.
import { profileHtml } from './profile.js';
import { getJson } from './auth.js';

const params = new URLSearchParams(location.search);
const layer = params.get('layer') || 'lsoa';
const codes = (params.get('codes') || '').split(',').filter(Boolean);
const filter = new URLSearchParams();
for (const key of ['categories', 'knife', 'from', 'to', 'value', 'window']) {
  if (params.has(key)) filter.set(key, params.get(key));
}

async function main() {
  const out = document.getElementById('briefing');
  document.getElementById('print').addEventListener('click', () => window.print());
  const back = new URLSearchParams(filter);
  back.set('layer', layer);
  document.getElementById('back').href = `./?${back}`;
  if (!codes.length) {
    out.textContent = 'No areas were picked. Open areas on the map and press "Add to briefing".';
    return;
  }
  try {
    const catalog = await getJson('/api/catalog');
    const profiles = await Promise.all(codes.map((c) =>
      getJson(`/api/areas/${layer}/${encodeURIComponent(c)}?${filter}`)));
    const f = profiles[0].filter;
    const what = f.knife ? 'Knife crime' : `${f.categories.length} crime categor${f.categories.length === 1 ? 'y' : 'ies'}`;
    const head = `<h1>Area briefing</h1>
      <div class="meta">${what}, ${f.from} to ${f.to}; ${profiles.length} area${profiles.length > 1 ? 's' : ''};
      data version ${catalog.version}; printed ${new Date().toISOString().slice(0, 10)}</div>`;
    out.innerHTML = head + profiles.map((p) => `<section class="area">${profileHtml(p, catalog.suppress_below)}</section>`).join('');
    document.body.dataset.ready = 'true';
  } catch (err) {
    out.textContent = `Could not build the briefing: ${err.message}`;
    document.body.dataset.ready = 'error';
  }
}

main();
