// How fast each view of the dashboard is interactive on a large book (issue 11: within 1 s
// on 100,000 accounts), measured in Debian's Chromium against a real `bellwether serve`,
// and how much JavaScript the first page ships (goal: under 300 KB compressed).
//
// Usage (bench/web_bench.sh wraps it): node e2e/bench.mjs [DATA_DIR] [RUNS]
//   DATA_DIR: an import-format directory (default: generate ACCOUNTS=100000 into a temp dir)
// For each view: RUNS fresh page loads of its URL (default 5), each timed from navigation
// start until the view's figures (and chart) are drawn. The first load of the first view
// finds the server cold for the date; later loads find the server's views cached. Prints
// a Markdown table: the first load and the median of the others.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { WEB_DIR, launchBrowser, logIn, startServer } from './harness.mjs';

const dataDir = process.argv[2] && process.argv[2] !== '-' ? process.argv[2] : null;
const runs = Number(process.argv[3] ?? 5);
const accounts = Number(process.env.ACCOUNTS ?? 100000);
const AS_OF = '2026-06-30';

// What "interactive" means per view: its figures (and chart, where it has one) are drawn.
const Q = `as_of=${AS_OF}`;
const T = '&quarters=8';
const THREATS = '[data-testid=kpi-threats], [data-testid=threats] .state-empty';
const RISK = '[data-testid=account-churn] :is([data-testid=account-churn-risk], .state-empty)';
// [name, URL, what is drawn when interactive, how many of it, the API calls the view makes]
const VIEWS = [
  // First: the server's default date (no as_of), whose views and trend the server computed
  // in the background when it loaded the snapshot.
  ['overview at the default date, warmed at load', '/', '.sparkline svg path', 11,
    ['/metrics/summary', `/metrics/trend?quarters=8`]],
  // Then as of 2026-06-30: the server has computed nothing for this date yet.
  ['overview with its 8 quarter-end trends', `/?${Q}`, '.sparkline svg path[d^="M"]', 11,
    [`/metrics/summary?${Q}`, `/metrics/trend?${Q}${T}`]],
  ['overview (figures)', `/?${Q}`, '[data-testid=kpi-accountNps]', 1, [`/metrics/summary?${Q}`]],
  // After the figures: the churn model learns on its first use (seconds), then is kept.
  ['overview: churn threats (after the figures)', `/?${Q}`, THREATS, 1,
    [`/metrics/summary?${Q}`, `/metrics/trend?${Q}${T}`, `/churn/threats?${Q}`]],
  ['accounts', `/accounts?${Q}`, '[data-testid=accounts-table] tbody tr', 1, [`/accounts?${Q}&limit=50&offset=0`]],
  ['accounts, filtered and sorted', `/accounts?${Q}&tier=A&category=detractor&sort=-health`,
    '[data-testid=accounts-table] tbody tr', 1, [`/accounts?${Q}&tier=A&category=detractor&sort=-health&limit=50&offset=0`]],
  ['account 360', null, '[data-testid=revenue-chart][data-ready]', 1, ['ACCOUNT']],
  ['account 360: churn risk (asked beside the account)', null, RISK, 1, ['ACCOUNT', 'RISK']],
  ['matrix (every account)', `/matrix?${Q}`, '[data-testid=matrix-chart][data-ready]', 1,
    [`/reports/matrix/points?${Q}`, `/reports/matrix?${Q}`]],
  ['drivers', `/drivers?${Q}`, '[data-testid=drivers-nps][data-ready]', 1, [`/reports/drivers?${Q}`]],
  ['lifecycle', `/lifecycle?${Q}`, '[data-testid=lifecycle-chart][data-ready]', 1, [`/reports/lifecycle?${Q}`]],
  ['lifecycle, Pareto share 70 %', `/lifecycle?${Q}&pareto=0.7`, '[data-testid=lifecycle-chart][data-ready]', 1,
    [`/reports/lifecycle?${Q}&pareto=0.7`]],
  ['retention', `/retention?${Q}`, '[data-testid=retention-chart][data-ready]', 1, [`/reports/retention?${Q}`]],
  ['simulator', `/simulator?${Q}&move=detractor%3Apassive%3A0.2`, '[data-testid=sim-projected]', 1, ['SIMULATE']],
  ['health', `/health?${Q}`, '[data-testid=health-chart][data-ready]', 1, [`/reports/health-check?${Q}`]],
  ['responses', `/responses?${Q}`, '[data-testid=responses-chart][data-ready]', 1, [`/reports/responses?${Q}&limit=50`]],
];


// The first page's script and style, as index.html names them, with their .gz/.br sizes.
function firstPageBytes() {
  const html = readFileSync(join(WEB_DIR, 'dist', 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  const size = (path) => {
    try {
      return statSync(path).size;
    } catch {
      return null;
    }
  };
  let raw = 0;
  let gzip = 0;
  let brotli = 0;
  let js = 0;
  for (const file of files) {
    const path = join(WEB_DIR, 'dist', file);
    raw += size(path);
    gzip += size(`${path}.gz`) ?? size(path);
    brotli += size(`${path}.br`) ?? size(path);
    if (file.endsWith('.js')) js += size(`${path}.gz`) ?? size(path);
  }
  return { files, raw, gzip, brotli, jsGzip: js };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

const started = Date.now();
const server = await startServer({ accounts, dataDir });
console.error(`bench: server ready after ${((Date.now() - started) / 1000).toFixed(1)} s`);
const browser = await launchBrowser({ locale: 'de-DE' });
const rows = [];
let training = null;
try {
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await logIn(page, server.url, server.admin, `/accounts?as_of=${AS_OF}`);
  const largest = (await (await page.request.get(`${server.url}/api/v1/accounts?as_of=${AS_OF}&limit=1`)).json()).accounts[0];
  // The peer of each load: the same API calls (with the session and workspace every page
  // load asks for), at once, from Node: what the server and the network take alone.
  const apiAlone = async (calls) => {
    const start = Date.now();
    await Promise.all(
      ['/session', '/workspace', ...calls].map(async (call) => {
        const response =
          call === 'SIMULATE'
            ? await page.request.post(`${server.url}/api/v1/reports/simulate?${Q}`, {
                data: { moves: [{ from: 'detractor', to: 'passive', share: 0.2 }] },
              })
            : await page.request.get(
                `${server.url}/api/v1${
                  call === 'ACCOUNT'
                    ? `/accounts/${encodeURIComponent(largest.account_id)}?${Q}`
                    : call === 'RISK'
                      ? `/churn/scores?${Q}&account_id=${encodeURIComponent(largest.account_id)}`
                      : call
                }`,
              );
        JSON.parse(await response.text());
      }),
    );
    return Date.now() - start;
  };
  for (const [name, path, selector, count, calls] of VIEWS) {
    const target = path ?? `/accounts/${encodeURIComponent(largest.account_id)}?as_of=${AS_OF}`;
    const times = [];
    for (let run = 0; run < runs; run += 1) {
      await page.goto('about:blank');
      const start = Date.now();
      await page.goto(`${server.url}${target}`, { waitUntil: 'commit' });
      await page.waitForFunction(
        ([s, n]) => document.querySelectorAll(s).length >= n,
        [selector, count],
        { timeout: 60000, polling: 'raf' },
      );
      // One more frame: what is on the page has been painted.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
      times.push(Date.now() - start);
    }
    const api = [];
    for (let run = 0; run < runs; run += 1) api.push(await apiAlone(calls));
    rows.push({ name, first: times[0], median: median(times.slice(1).length ? times.slice(1) : times), slowest: Math.max(...times), times, api: median(api) });
    console.error(`bench: ${name}: ${times.join(', ')} ms`);
  }
  // The churn model's first training for a date (what the first churn request after new
  // data waits for; the dashboard asks for it after the first paint).
  const trainStart = Date.now();
  const trained = await page.request.get(`${server.url}/api/v1/churn/threats?as_of=2026-03-31`);
  training = { ms: Date.now() - trainStart, status: trained.status() };
  console.error(`bench: churn model trained on first use in ${training.ms} ms (${training.status})`);
} finally {
  await browser.close();
  await server.stop();
}

const bytes = firstPageBytes();
const kb = (n) => (n / 1024).toFixed(1);
console.log(`Dashboard views on ${dataDir ?? `${accounts} generated accounts`}, as of ${AS_OF}, Chromium ${runs} loads each`);
console.log('');
console.log('| view | first load | median of the next loads | slowest load | its API calls alone (median, from Node) | goal 1 s (every load) |');
console.log('|---|---:|---:|---:|---:|---|');
for (const row of rows) {
  console.log(
    `| ${row.name} | ${row.first} ms | ${row.median} ms | ${row.slowest} ms | ${row.api} ms | ${row.slowest <= 1000 ? 'met' : 'missed'} |`,
  );
}
if (training) console.log(`\nChurn model trained on first use (GET /churn/threats?as_of=2026-03-31, from Node): ${training.ms} ms (HTTP ${training.status}).`);
console.log('');
console.log(
  `First page (${bytes.files.join(', ')}): ${kb(bytes.raw)} KB raw, ${kb(bytes.gzip)} KB gzip, ${kb(bytes.brotli)} KB brotli; its JavaScript ${kb(bytes.jsGzip)} KB gzip (goal < 300 KB).`,
);
