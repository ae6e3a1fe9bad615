// Browser tests of the map page: hotspot serve on loopback, driven through Debian's
// chromium by playwright-core. Nothing may be fetched from anywhere but the server.
//
//   HOTSPOT_EXE=build/dev/service/hotspot node --test tests/browser/
//
// Screenshots and downloads are kept in $ARTIFACTS (default build/browser-artifacts).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const exe = process.env.HOTSPOT_EXE || path.join(root, 'build/dev/service/hotspot');
const artifacts = process.env.ARTIFACTS || path.join(root, 'build/browser-artifacts');
mkdirSync(artifacts, { recursive: true });

// The server's analyst token, in a configuration written for the run.
const ANALYST = 'browser-analyst-token-7f3a9c';
let server;
let base;
let browser;
const offsite = []; // requests that tried to leave the machine
const pageErrors = [];

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitForHealth(url, ms) {
  const end = Date.now() + ms;
  for (;;) {
    try {
      const r = await fetch(`${url}/health`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > end) throw new Error(`the server did not answer ${url}/health`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function getJson(p) {
  const r = await fetch(`${base}${p}`);
  assert.equal(r.status, 200, `${p}: HTTP ${r.status}`);
  return r.json();
}

async function newPage(viewport = { width: 1366, height: 768 }, expected = () => false) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (u.hostname === '127.0.0.1' || u.protocol === 'data:' || u.protocol === 'blob:') return route.continue();
    offsite.push(u.href);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('response', (r) => {
    if (r.status() >= 400 && !expected(r)) pageErrors.push(`${r.url()}: HTTP ${r.status()}`);
  });
  return page;
}

/// Waits until the map has drawn everything asked of it since `since` idle events.
async function settled(page, since) {
  await page.waitForFunction((n) => {
    const h = window.hotspot;
    return h && h.map && !h.busy && h.idle > n && h.idleSinceDraw > 0 && h.map.areTilesLoaded() &&
      !h.map.isMoving();
  }, since, { timeout: 60000 });
}

const idleCount = (page) => page.evaluate(() => window.hotspot.idle);

/// Changes a control and waits for the map to redraw.
async function change(page, fn) {
  const n = await idleCount(page);
  await fn();
  await settled(page, n);
}

/// Pixels of the map canvas: how many are coloured (not the grey background, white or the
/// boundary lines), and a fingerprint of the whole image.
async function pixels(page, name) {
  const png = await page.locator('#map canvas').screenshot({ path: path.join(artifacts, `${name}.png`) });
  return page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(bitmap, 0, 0);
    const d = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let coloured = 0;
    let hash = 0;
    for (let i = 0; i < d.length; i += 4) {
      const max = Math.max(d[i], d[i + 1], d[i + 2]);
      const min = Math.min(d[i], d[i + 1], d[i + 2]);
      if (max - min > 40) coloured += 1;
      hash = (hash * 31 + d[i] + 7 * d[i + 1] + 13 * d[i + 2]) >>> 0;
    }
    return { coloured, hash, total: d.length / 4 };
  }, png.toString('base64'));
}

/// A point on the page inside a drawn area, with that area's code: the centre-most
/// screen point where the areas layer has a feature (optionally a given one).
async function pointInArea(page, code) {
  return page.evaluate((wanted) => {
    const map = window.hotspot.map;
    const c = map.getCanvas().getBoundingClientRect();
    let best = null;
    for (let y = 20; y < c.height - 20; y += 12) {
      for (let x = 20; x < c.width - 20; x += 12) {
        const f = map.queryRenderedFeatures([x, y], { layers: ['areas-fill'] })[0];
        if (!f || (wanted && f.properties.area_code !== wanted)) continue;
        const d = (x - c.width / 2) ** 2 + (y - c.height / 2) ** 2;
        if (!best || d < best.d) best = { d, x: c.left + x, y: c.top + y, code: f.properties.area_code };
      }
    }
    return best;
  }, code || null);
}

before(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const config = path.join(artifacts, 'server.json');
  writeFileSync(config, JSON.stringify({ analyst_tokens: [ANALYST] }));
  // The zones hotspot nearrepeat found in the calculator's Chicago burglaries.
  const zones = path.join(root, 'tests/fixtures/nearrepeat/chicago_be_month1.zones.csv');
  server = spawn(exe, ['serve', '--port', String(port), '--access-log', 'none', '--config', config, '--zones', zones],
    { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  server.stderr.on('data', (d) => { stderr += d; });
  server.on('exit', (code) => { if (code) console.error(`hotspot serve exited ${code}: ${stderr}`); });
  await waitForHealth(base, 120000);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist', '--no-sandbox'],
  });
});

after(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
});

describe('the map page', () => {
  test('loads offline and draws hot spots where the data is', async () => {
    const page = await newPage();
    await page.goto(`${base}/`);
    await settled(page, 0);
    const shot = await pixels(page, 'hotspots');
    await page.screenshot({ path: path.join(artifacts, 'page-hotspots.png') });
    // The sample has significant hot spots: red areas are drawn.
    assert.ok(shot.coloured > 500, `only ${shot.coloured} coloured pixels`);
    const legend = await page.locator('#legend').innerText();
    assert.match(legend, /Hot spot, 99 % confidence/);
    assert.match(legend, /Cold spot, 90 % confidence/);
    // The public view says, in one sentence, how its numbers are protected.
    assert.match(legend, /moved by up to 2 at random/);
    const foot = await page.locator('footer').innerText();
    assert.match(foot, /Open Government Licence/);
    assert.match(foot, /approximate/);
    // The list of top hot spots matches the API.
    const top = await getJson('/api/hotspots?layer=lsoa&limit=1');
    const first = await page.locator('#top-list li button').first().innerText();
    assert.ok(first.startsWith(top.areas[0].area_name), `${first} is not ${top.areas[0].area_name}`);
    await page.context().close();
  });

  test('the heat map draws density tiles with their legend in metres', async () => {
    const page = await newPage();
    await page.goto(`${base}/?view=density`);
    await settled(page, 0);
    const shot = await pixels(page, 'density');
    assert.ok(shot.coloured > 2000, `only ${shot.coloured} coloured pixels`);
    const legend = await page.locator('#legend').innerText();
    assert.match(legend, /per km2/);
    assert.match(legend, /300 m radius/);
    // The public's surface says what it is made from.
    assert.match(legend, /protected counts on a 250 m grid/);
    await page.context().close();
  });

  test('changing the categories and the months changes the map and the legend', async () => {
    const page = await newPage();
    await page.goto(`${base}/?view=choropleth&measure=count`);
    await settled(page, 0);
    const all = { shot: await pixels(page, 'choropleth-all'), legend: await page.locator('#legend').innerText() };
    assert.match(all.legend, /quintiles/);
    await page.click('#preset-none');
    assert.match(await page.locator('#legend').innerText(), /Pick at least one/);
    await change(page, () => page.locator('#categories input[data-name="Burglary"]').check());
    const burglary = { shot: await pixels(page, 'choropleth-burglary'), legend: await page.locator('#legend').innerText() };
    assert.notEqual(burglary.legend, all.legend);
    assert.notEqual(burglary.shot.hash, all.shot.hash);
    assert.match(burglary.legend, /Burglary/);
    // The public pick a period from a menu (whole months, quarters, the latest windows),
    // not any From and To, and one category at a time.
    assert.equal(await page.locator('#from').isVisible(), false);
    await change(page, () => page.selectOption('#period', '2018-05|2018-07'));
    const spring = { shot: await pixels(page, 'choropleth-burglary-may-jul'), legend: await page.locator('#legend').innerText() };
    assert.notEqual(spring.legend, burglary.legend);
    assert.notEqual(spring.shot.hash, burglary.shot.hash);
    assert.match(spring.legend, /May 2018 to Jul 2018/);
    // The legend's classes are the server's breaks for that filter.
    const breaks = await getJson('/api/legend/lsoa?field=count&categories=burglary&from=2018-05&to=2018-07');
    const rows = spring.legend.split('\n');
    for (const b of breaks.breaks) {
      assert.ok(rows.some((r) => r.startsWith(b.toLocaleString('en-GB'))), `no class starts at ${b}: ${spring.legend}`);
    }
    // The address carries the whole state: opened again, it shows the same view.
    const url = page.url();
    assert.match(url, /categories=/);
    assert.match(url, /from=2018-05/);
    const again = await newPage();
    await again.goto(url);
    await settled(again, 0);
    assert.equal(await again.locator('#legend').innerText(), spring.legend);
    assert.equal(await again.inputValue('#view'), 'choropleth');
    assert.equal(await again.locator('#categories input[data-name="Burglary"]').isChecked(), true);
    assert.equal(await again.locator('#categories input[data-name="Drugs"]').isChecked(), false);
    await change(again, () => again.locator('#categories input[data-name="Drugs"]').check());
    assert.equal(await again.locator('#categories input[data-name="Burglary"]').isChecked(), false);
    assert.match(await again.locator('#public-filters').innerText(), /one category/);
    await page.context().close();
    await again.context().close();
  });

  test('the knife crime preset filters to the knife categories', async () => {
    const page = await newPage();
    await page.goto(`${base}/?view=choropleth`);
    await settled(page, 0);
    await change(page, () => page.click('#preset-knife'));
    assert.match(page.url(), /knife=1/);
    const catalog = await getJson('/api/catalog');
    for (const name of catalog.knife.categories) {
      assert.equal(await page.locator(`#categories input[data-name="${name}"]`).isChecked(), true);
    }
    assert.match(await page.locator('#legend').innerText(), /knife crime/);
    await page.context().close();
  });

  test('clicking an area opens its profile with the API numbers', async () => {
    const page = await newPage();
    await page.goto(`${base}/?from=2018-02&to=2018-07`);
    await settled(page, 0);
    const hit = await pointInArea(page);
    assert.ok(hit, 'no area drawn on the map');
    await page.mouse.move(hit.x, hit.y);
    await page.mouse.click(hit.x, hit.y);
    await page.waitForSelector(`#profile-body[data-area="${hit.code}"]`);
    await page.screenshot({ path: path.join(artifacts, 'profile.png') });
    const p = await getJson(`/api/areas/lsoa/${hit.code}?from=2018-02&to=2018-07&value=count&window=3`);
    const cell = (key) => page.locator(`#profile tr[data-key="${key}"] td`).innerText();
    const num = (v) => (v === null ? 'hidden' : Number(v).toLocaleString('en-GB'));
    assert.equal(await cell('count'), num(p.summary.count));
    assert.equal(await cell('rank'), `${num(p.summary.rank)} of ${num(p.areas_in_layer)}`);
    assert.ok((await cell('change')).startsWith(`${num(p.summary.cur)} against ${num(p.summary.prev)}`));
    assert.match(await cell('gi'), new RegExp(`z = ${p.summary.gi_z.toFixed(2).replace('-', '-?').replace(/\.?0+$/, '')}`));
    assert.equal(await page.locator('#profile h2').innerText(), p.area_name);
    // The chart has one bar (or hidden mark) per month.
    assert.equal(await page.locator('#profile svg.monthly rect').count(), p.months.length);
    assert.match(page.url(), new RegExp(`area=${hit.code}`));
    await page.keyboard.press('Escape');
    assert.equal(await page.locator('#profile').isHidden(), true);
    await page.context().close();
  });

  test('exports download files that GDAL opens', async () => {
    const page = await newPage();
    await page.goto(`${base}/?view=choropleth&categories=burglary`);
    await settled(page, 0);
    for (const [format, driver] of [['gpkg', 'GPKG'], ['geojson', 'GeoJSON'], ['shp.zip', 'ESRI Shapefile'], ['csv', 'CSV']]) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click(`.exports a[data-format="${format}"]`),
      ]);
      // The file is named for its view, so a saved public file says what it is.
      assert.equal(download.suggestedFilename(), `hotspot-lsoa-public.${format}`);
      const file = path.join(artifacts, `export-burglary.${format}`);
      await download.saveAs(file);
      const name = format === 'shp.zip' ? `/vsizip/${file}` : file;
      const info = execFileSync('ogrinfo', ['-so', '-al', name], { encoding: 'utf8' });
      assert.match(info, new RegExp(`using driver \`${driver}'`), info.slice(0, 300));
      assert.match(info, /Feature Count: 1077/);
    }
    // The download carries the view's filter.
    const csv = readFileSync(path.join(artifacts, 'export-burglary.csv'), 'utf8');
    const full = await (await fetch(`${base}/export/lsoa.csv?categories=burglary&value=count&window=3&from=2018-01&to=2018-07`)).text();
    assert.equal(csv, full);
    await page.context().close();
  });

  test('a briefing of picked areas prints to PDF', async () => {
    const page = await newPage();
    const top = await getJson('/api/hotspots?layer=lsoa&limit=2');
    await page.goto(`${base}/`);
    await settled(page, 0);
    for (const a of top.areas) {
      await page.locator('#top-list li button', { hasText: a.area_name }).first().click();
      await page.waitForSelector(`#profile-body[data-area="${a.area_code}"]`);
      await page.click('#profile-add');
    }
    assert.match(await page.locator('#briefing-list').innerText(), /2 areas/);
    const href = await page.locator('#briefing-open').getAttribute('href');
    const brief = await newPage({ width: 900, height: 1200 });
    await brief.goto(`${base}/${href}`);
    await brief.waitForSelector('body[data-ready="true"]');
    assert.equal(await brief.locator('section.area').count(), 2);
    for (const a of top.areas) assert.match(await brief.locator('main').innerText(), new RegExp(a.area_code));
    await brief.emulateMedia({ media: 'print' });
    assert.equal(await brief.locator('header').isHidden(), true);
    const pdf = await brief.pdf({ path: path.join(artifacts, 'briefing.pdf'), format: 'A4' });
    assert.equal(pdf.subarray(0, 4).toString(), '%PDF');
    await page.context().close();
    await brief.context().close();
  });

  test('a patrol plan shows on the map, lists its places, downloads and prints a page per team', async () => {
    const page = await newPage();
    await page.goto(`${base}/`);
    await settled(page, 0);
    await change(page, () => page.check('#patrol'));
    assert.match(page.url(), /patrol=1/);
    // The page asks the server for the plan; its panel lists every place of that plan.
    const plan = await getJson('/api/patrol?officer_hours=8&teams=1&unit=place&months=3');
    const rows = page.locator('#patrol-list li');
    assert.equal(await rows.count(), plan.features.length);
    const first = plan.features[0].properties;
    const firstRow = await rows.first().innerText();
    assert.ok(firstRow.includes(`harm ${Math.round(first.harm).toLocaleString('en-GB')}`), firstRow);
    assert.match(firstRow, /1 × 15 min a day/);
    assert.match(await page.locator('#patrol-panel').innerText(), /% of the harm/);
    assert.match(await page.locator('#legend').innerText(), /Patrol plan/);
    // Three teams: the legend has a colour for each, the address keeps the options.
    await change(page, async () => {
      await page.fill('#patrol-teams', '3');
      await page.press('#patrol-teams', 'Tab');
    });
    assert.match(page.url(), /teams=3/);
    const legend = await page.locator('#legend').innerText();
    for (const t of [1, 2, 3]) assert.match(legend, new RegExp(`Team ${t} \\(`));
    // Pressing a place flies to it, where its disc is drawn.
    await change(page, () => rows.first().locator('button').click());
    const drawn = await page.evaluate(() => {
      const m = window.hotspot.map;
      const c = m.project(m.getCenter());
      return m.queryRenderedFeatures([c.x, c.y], { layers: ['patrol-fill'] }).map((f) => f.properties.place_id);
    });
    assert.deepEqual(drawn, [first.place_id]);
    await pixels(page, 'patrol-place');
    await page.screenshot({ path: path.join(artifacts, 'page-patrol.png') });
    // The downloads are the plan of the same options.
    const query = 'officer_hours=8&teams=3&unit=place&months=3';
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('a[data-patrol-format="patrol.csv"]')]);
    const csvFile = path.join(artifacts, 'patrol.csv');
    await csv.saveAs(csvFile);
    assert.equal(readFileSync(csvFile, 'utf8'), await (await fetch(`${base}/export/patrol.csv?${query}`)).text());
    const [shp] = await Promise.all([page.waitForEvent('download'), page.click('a[data-patrol-format="patrol.shp.zip"]')]);
    const shpFile = path.join(artifacts, 'patrol.shp.zip');
    await shp.saveAs(shpFile);
    const info = execFileSync('ogrinfo', ['-so', '-al', `/vsizip/${shpFile}`], { encoding: 'utf8' });
    assert.match(info, new RegExp(`Feature Count: ${plan.features.length}`));
    assert.match(info, /Polygon/);
    // The briefing: one page per team, printable.
    const href = await page.locator('#patrol-briefing').getAttribute('href');
    const brief = await newPage({ width: 900, height: 1200 });
    await brief.goto(`${base}${href}`);
    assert.equal(await brief.locator('section.team').count(), 3);
    const pdf = await brief.pdf({ path: path.join(artifacts, 'patrol-briefing.pdf'), format: 'A4' });
    assert.equal(pdf.subarray(0, 4).toString(), '%PDF');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
    assert.equal(pages, 3, `the briefing prints on ${pages} pages`);
    // Hours too few for one place: the panel says why, the map keeps working.
    await change(page, async () => {
      await page.fill('#patrol-hours', '0.2');
      await page.press('#patrol-hours', 'Tab');
    });
    assert.match(await page.locator('#patrol-panel').innerText(), /No plan: .*officer hours/);
    pageErrors.splice(0, pageErrors.length, ...pageErrors.filter((e) => !e.includes('/api/patrol?officer_hours=0.2')));
    await page.context().close();
    await brief.context().close();
    // A plan for the filter's categories, restored from the address.
    const burglary = await newPage();
    await burglary.goto(`${base}/?categories=burglary&patrol=1&hours=4`);
    await settled(burglary, 0);
    const burglaryPlan = await getJson('/api/patrol?officer_hours=4&teams=1&unit=place&months=3&categories=burglary');
    assert.equal(await burglary.locator('#patrol-list li').count(), burglaryPlan.features.length);
    assert.match(await burglary.locator('#patrol-panel').innerText(), /\(burglary, /);
    // The backtest scores incident points from true counts: the public page does not
    // offer it, and the server refuses it without a token.
    assert.equal(await burglary.locator('#evaluate-chart').isVisible(), false);
    const backtest = await burglary.locator('#evaluate-chart').getAttribute('href');
    assert.equal((await fetch(`${base}${backtest}`)).status, 403);
    await burglary.context().close();
  });

  test('works on a phone-sized screen and from the keyboard', async () => {
    const page = await newPage({ width: 390, height: 844 });
    await page.goto(`${base}/`);
    await settled(page, 0);
    assert.equal(await page.locator('#controls').isHidden(), true);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));
    await page.click('#toggle-controls');
    assert.equal(await page.locator('#controls').isVisible(), true);
    await page.screenshot({ path: path.join(artifacts, 'phone.png') });
    await page.context().close();

    const desk = await newPage();
    await desk.goto(`${base}/`);
    await settled(desk, 0);
    const reached = new Set();
    for (let i = 0; i < 40; ++i) {
      await desk.keyboard.press('Tab');
      reached.add(await desk.evaluate(() => document.activeElement.id || document.activeElement.dataset.format || document.activeElement.tagName));
    }
    for (const id of ['layer', 'view', 'measure', 'preset-knife', 'period', 'window', 'heat', 'gpkg']) {
      assert.ok(reached.has(id), `${id} is not reachable with Tab (reached ${[...reached].join(', ')})`);
    }
    await desk.context().close();
  });

  test('engagement classes and hot spots in engagement-poor areas draw with their legends', async () => {
    const catalog = await getJson('/api/catalog');
    assert.ok(catalog.engagement && catalog.engagement.classes.length >= 2, 'no engagement classes');
    const page = await newPage();
    await page.goto(`${base}/?view=engagement&heat=0`);
    await settled(page, 0);
    const shot = await pixels(page, 'engagement');
    assert.ok(shot.coloured > 20000, `only ${shot.coloured} coloured pixels`);
    const legend = await page.locator('#legend').innerText();
    for (const c of catalog.engagement.classes) assert.ok(legend.includes(c.name), `${c.name} not in the legend`);
    assert.match(legend, /SYNTHETIC/);
    const hit = await pointInArea(page);
    await page.mouse.click(hit.x, hit.y);
    await page.waitForSelector(`#profile-body[data-area="${hit.code}"]`);
    const p = await getJson(`/api/areas/lsoa/${hit.code}`);
    const cls = await page.locator('#profile tr[data-key="class"] td').innerText();
    assert.ok(cls.startsWith(`${p.summary.class_name} (${p.summary.class_code}), engagement ${p.summary.engagement}`), cls);
    await change(page, () => page.selectOption('#view', 'engagement-hotspots'));
    assert.match(await page.locator('#legend').innerText(), /Hot spot \(Gi\*, 90 % or more\) in an engagement-poor area/);
    await pixels(page, 'engagement-hotspots');
    // Wards have no classification: the views are not offered there.
    await change(page, () => page.selectOption('#layer', 'ward'));
    assert.equal(await page.inputValue('#view'), 'hotspots');
    assert.equal(await page.locator('#view option[value="engagement"]').isDisabled(), true);
    await page.context().close();
  });

  test('an analyst signs in and sees the places, their popups, an area\'s top places and their export', async () => {
    // The public are told nothing of places, and their tiles are refused.
    const open = await getJson('/api/catalog');
    assert.equal(open.places, null);
    assert.equal((await fetch(`${base}/tiles/places/8/128/85.mvt`)).status, 403);
    const refused = (r) => r.status() === 401 && r.url().endsWith('/api/catalog');
    const page = await newPage({ width: 1366, height: 768 }, refused);
    const placeTiles = [];
    page.on('request', (r) => { if (r.url().includes('/tiles/places/')) placeTiles.push(r.headers().authorization || ''); });
    const stansted = '#map=14/51.8899/0.2617';
    await page.goto(`${base}/?layer=lsoa&heat=0${stansted}`);
    await settled(page, 0);
    assert.equal(await page.locator('#places-box').isHidden(), true);
    assert.equal(await page.locator('#view-badge').innerText(), 'Public view');
    // A token the server does not know is refused in the form, and the page stays public.
    await page.click('#signin-toggle');
    await page.fill('#token', 'short');
    await page.click('#signin button[type="submit"]');
    // The form's own check (minlength) or the page's: nothing is sent either way.
    assert.equal(await page.evaluate(() => sessionStorage.getItem('hotspot-token')), null);
    await page.fill('#token', 'not-a-token-of-this-server');
    await page.click('#signin button[type="submit"]');
    await page.waitForSelector('#signin-error:not([hidden])');
    assert.match(await page.locator('#signin-error').innerText(), /does not know that token/);
    await page.fill('#token', ANALYST);
    await Promise.all([page.waitForNavigation(), page.click('#signin button[type="submit"]')]);
    await settled(page, 0);
    assert.match(await page.locator('#view-badge').innerText(), /Analyst view/);
    assert.equal(await page.locator('#places-box').isVisible(), true);
    await change(page, () => page.check('#places'));
    assert.match(page.url(), /places=1/);
    await pixels(page, 'places');
    const airport = await page.evaluate(() => {
      const map = window.hotspot.map;
      const fs = map.queryRenderedFeatures({ layers: ['places-circle'] });
      const f = fs.filter((x) => x.properties.flag === 'airport').sort((a, b) => b.properties.count - a.properties.count)[0];
      if (!f) return { n: fs.length };
      const c = map.getCanvas().getBoundingClientRect();
      const at = map.project(f.geometry.coordinates);
      return { n: fs.length, x: c.left + at.x, y: c.top + at.y, count: f.properties.count };
    });
    assert.ok(airport.n > 0, 'no place drawn');
    assert.ok(airport.x !== undefined, `no flagged airport among ${airport.n} places`);
    // The airport's count is the API's.
    const api = await (await fetch(`${base}/api/places?limit=1`, { headers: { Authorization: `Bearer ${ANALYST}` } })).json();
    assert.equal(api.places[0].flag, 'airport');
    assert.equal(airport.count, api.places[0].count);
    await page.mouse.click(airport.x, airport.y);
    await page.waitForSelector('.place-popup');
    const popup = await page.locator('.place-popup').innerText();
    assert.match(popup, /On or near Airport\/Airfield/);
    assert.match(popup, /Flagged: airport/);
    assert.match(popup, new RegExp(`${api.places[0].count.toLocaleString('en-GB')} incidents`));
    assert.match(await page.locator('#legend').innerText(), /Flagged place \(places\.json\)/);
    // Every places tile carried the token.
    assert.ok(placeTiles.length > 0, 'no places tile requested');
    assert.ok(placeTiles.every((h) => h === `Bearer ${ANALYST}`), 'a places tile went without the token');
    // The area's profile lists its top places; the table downloads with the token.
    await page.goto(`${base}/?layer=lsoa&heat=0&places=1&area=${api.places[0].area_code}${stansted}`);
    await page.waitForSelector(`#profile-body[data-area="${api.places[0].area_code}"] .top-places`);
    const top = await page.locator('#profile .top-places').innerText();
    assert.match(top, /On or near Airport\/Airfield/);
    assert.match(top, /airport/);
    await page.screenshot({ path: path.join(artifacts, 'page-places.png') });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#places-export')]);
    assert.equal(download.suggestedFilename(), 'hotspot-places.csv');
    const csv = readFileSync(await download.path(), 'utf8');
    assert.match(csv.split('\n')[0], /^place_id,location,street,area_code,.*count,harm,flag/);
    assert.ok(csv.includes('On or near Airport/Airfield'));
    // A ward's profile lists its top streets too.
    await page.goto(`${base}/?layer=ward&heat=0&area=E05004107`);
    await page.waitForSelector('#profile-body[data-area="E05004107"] .top-streets');
    assert.match(await page.locator('#profile .top-streets').innerText(), /High Street Chelmsford/);
    // Signing out returns the public view.
    await Promise.all([page.waitForNavigation(), page.click('#signout')]);
    await settled(page, 0);
    assert.equal(await page.locator('#view-badge').innerText(), 'Public view');
    assert.equal(await page.locator('#places-box').isHidden(), true);
    await page.context().close();
  });

  test('an analyst sees the near-repeat zones, each with its days of raised risk', async () => {
    const open = await getJson('/api/catalog');
    assert.equal(open.nearrepeat, null);
    assert.equal((await fetch(`${base}/api/nearrepeat/zones`)).status, 403);
    const page = await newPage();
    // Signed in before the page loads: the token is in the tab's storage.
    await page.context().addInitScript((t) => sessionStorage.setItem('hotspot-token', t), ANALYST);
    await page.goto(`${base}/?heat=0`);
    await settled(page, 0);
    assert.equal(await page.locator('#zones-box').isVisible(), true);
    assert.match(await page.locator('#zones-box').innerText(), /234 active on 2016-01-31/);
    await change(page, () => page.click('#zones-fit'));
    assert.match(page.url(), /zones=1/);
    await pixels(page, 'zones');
    const hit = await page.evaluate(() => {
      const map = window.hotspot.map;
      const fs = map.queryRenderedFeatures({ layers: ['zones-fill'] });
      const c = map.getCanvas().getBoundingClientRect();
      const f = fs[0];
      if (!f) return { n: 0 };
      const at = map.project([f.properties.longitude, f.properties.latitude]);
      return { n: new Set(fs.map((x) => `${x.properties.longitude},${x.properties.latitude}`)).size, x: c.left + at.x, y: c.top + at.y };
    });
    assert.ok(hit.n > 100, `only ${hit.n} zones drawn`);
    await page.mouse.click(hit.x, hit.y);
    await page.waitForSelector('.zone-popup');
    const popup = await page.locator('.zone-popup').innerText();
    assert.match(popup, /Within 200 m of an event on 2016-01-(2[5-9]|3[01])/);
    assert.match(popup, /Raised risk until 2016-(01-31|02-0[1-6])/);
    assert.match(await page.locator('#legend').innerText(), /234 zones active on 2016-01-31/);
    // The cocooning list: 25 zones with most days left first, and how many more there are.
    assert.equal(await page.locator('#zones-list li').count(), 25);
    assert.match(await page.locator('#zones-list li').first().innerText(), /^2016-01-31, 200 m, until 2016-02-06 \(line \d+\)$/);
    assert.match(await page.locator('#zones-more').innerText(), /and 209 more/);
    await page.locator('#zones-list li button').first().click();
    await page.waitForFunction(() => Math.abs(window.hotspot.map.getZoom() - 15) < 0.01);
    assert.equal(await page.locator('.zone-popup').count() >= 1, true);
    await page.screenshot({ path: path.join(artifacts, 'page-zones.png') });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#zones-export')]);
    const geojson = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.equal(geojson.features.length, 234);
    await page.context().close();
  });

  test('nothing was fetched from outside and no page error was raised', () => {
    assert.deepEqual(offsite, []);
    assert.deepEqual(pageErrors, []);
  });
});
