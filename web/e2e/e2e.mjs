// The dashboard end to end (ctest web_e2e): a real `bellwether serve` over a generated
// book of 300 accounts, Debian's Chromium in German. Logs in, opens every view, checks key
// numbers on the page against the API's, clicks from the matrix to an account, filters,
// sorts and downloads the accounts table, moves a simulator slider, switches the language,
// and logs in as an account manager who must see only their accounts. Any console error,
// page error or failed request fails the test; so does an axe-core violation rated serious
// or critical. Writes a German screenshot of every view to docs/screenshots/.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { REPO_DIR, launchBrowser, logIn, startServer } from './harness.mjs';

const AS_OF = '2026-06-30';
const SCREENSHOTS = process.env.BELLWETHER_SCREENSHOTS ?? join(REPO_DIR, 'docs', 'screenshots');
const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const failures = [];
const check = (ok, message) => {
  if (!ok) failures.push(message);
  return ok;
};
const equal = (actual, expected, what) =>
  check(actual === expected, `${what}: the page shows ${JSON.stringify(actual)}, the API says ${JSON.stringify(expected)}`);

// The German forms, written here independently of the dashboard's own formatting code.
const plain = (text) => text.replace(/[\u00a0\u202f]/g, ' ').trim();
const de = (options) => new Intl.NumberFormat('de-DE', options);
const nps = (v) => plain(de({ minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(v));
const pct = (v) => plain(de({ style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v));
const money = (v) => plain(de({ style: 'currency', currency: 'EUR' }).format(v));
const money0 = (v) => plain(de({ style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(v));
const pct0 = (v) => plain(de({ style: 'percent', maximumFractionDigits: 0 }).format(v));
const int = (v) => plain(de({ maximumFractionDigits: 0 }).format(v));
const dec = (v, digits) => plain(de({ minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v));

function watch(page, label) {
  page.on('console', (message) => {
    if (message.type() === 'error') failures.push(`${label}: console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => failures.push(`${label}: page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    // A request the dashboard cancelled itself (a newer one replaced it) is not a failure.
    if (request.failure()?.errorText !== 'net::ERR_ABORTED') {
      failures.push(`${label}: request failed: ${request.url()} ${request.failure()?.errorText}`);
    }
  });
  page.on('response', (response) => {
    if (response.status() >= 400) failures.push(`${label}: ${response.status()} for ${response.url()}`);
  });
}

async function text(page, testId) {
  return plain(await page.locator(`[data-testid=${testId}]`).first().innerText());
}

async function api(page, path, init) {
  const response = init ? await page.request.post(path, init) : await page.request.get(path);
  if (!response.ok()) throw new Error(`${path}: ${response.status()}`);
  return response.json();
}

async function axe(page, view) {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const result = await globalThis.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
  for (const v of violations) {
    if (v.impact === 'serious' || v.impact === 'critical') {
      failures.push(`${view}: axe ${v.impact} ${v.id} at ${v.nodes.join(', ')}`);
    }
  }
}

// Opens a view through its link in the navigation (as a person would) and waits for it.
async function openView(page, name, ready) {
  await page.click(`[data-testid=nav-${name}]`);
  await page.waitForSelector(ready, { timeout: 15000 });
}

// The same picture every run: no hover tooltip, no focus ring, no caret.
// `fullPage`: the whole view, for views whose last section is below the fold (churn).
async function shoot(page, name, fullPage = false) {
  await page.mouse.move(1, 1);
  await page.evaluate(() => document.activeElement?.blur());
  await page.waitForTimeout(100);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), caret: 'hide', animations: 'disabled', fullPage });
}

const started = Date.now();
// A threat risk low enough that this small book has threats to list: its calibrated risks
// stay below 0.05, so at the default 0.5 it has none (docs/churn.md, [churn] threat_risk).
const server = await startServer({ accounts: 300, config: '[churn]\nthreat_risk = 0.01\n' });
const browser = await launchBrowser({ locale: 'de-DE' });
mkdirSync(SCREENSHOTS, { recursive: true });
try {
  const page = await browser.context.newPage();
  watch(page, 'admin');
  const url = server.url;

  // The login page first (German: the browser prefers it).
  await page.goto(`${url}/?as_of=${AS_OF}`);
  await page.waitForSelector('[data-testid=login-email]');
  check(page.url().includes('/login?next='), `an anonymous visitor is sent to /login (at ${page.url()})`);
  equal(plain(await page.locator('h1').innerText()), 'Bei Bellwether anmelden', 'login heading in German');
  await axe(page, 'login');
  await shoot(page, '01-login');
  await logIn(page, url, server.admin, `/?as_of=${AS_OF}`);
  equal(new URL(page.url()).search, `?as_of=${AS_OF}`, 'back at the page asked for after login');

  // Overview: figures against the summary; trends of the 8 quarter ends.
  await page.waitForSelector('[data-testid=kpi-accountNps]');
  await page.waitForFunction(() => document.querySelectorAll('.sparkline svg path').length >= 11);
  const summary = await api(page, `${url}/api/v1/metrics/summary?as_of=${AS_OF}`);
  equal(await text(page, 'kpi-contactNps'), nps(summary.contact_nps), 'contact NPS');
  equal(await text(page, 'kpi-accountNps'), nps(summary.account_nps), 'account NPS');
  equal(await text(page, 'kpi-revenueNps'), nps(summary.revenue_weighted_nps), 'revenue-weighted NPS');
  equal(await text(page, 'kpi-revenueCoverage'), pct(summary.coverage.revenue), 'revenue coverage');
  equal(await text(page, 'kpi-responseRate'), pct(summary.response_rate), 'response rate');
  equal(await text(page, 'kpi-nrr'), pct(summary.retention.nrr), 'NRR');
  equal(await text(page, 'kpi-grr'), pct(summary.retention.grr), 'GRR');
  check((await text(page, 'active-accounts')).startsWith(`${int(summary.accounts.active)} aktive von ${int(summary.accounts.total)}`), 'active accounts');
  equal(await text(page, 'workspace'), 'bellwether', 'workspace in the header');
  // The trends are the API's summaries of the 8 quarter ends, in one request.
  const trend = await api(page, `${url}/api/v1/metrics/trend?as_of=${AS_OF}&quarters=8`);
  equal(trend.summaries.length, 8, 'quarter ends of the trend');
  const trendLabel = await page.locator('[data-testid=kpi-accountNps] ~ figure svg').getAttribute('aria-label');
  check(trendLabel.includes(`30.06.2026: ${nps(trend.summaries[7].account_nps)}`) &&
    trendLabel.includes(`30.09.2024: ${nps(trend.summaries[0].account_nps)}`),
    `the account NPS trend names the API's quarter ends (${trendLabel})`);
  // Churn threats, loaded after the figures: count, revenue at risk, the largest threat.
  await page.waitForSelector('[data-testid=kpi-threats]', { timeout: 30000 });
  const threats = await api(page, `${url}/api/v1/churn/threats?as_of=${AS_OF}`);
  equal(await text(page, 'kpi-threats'), int(threats.total), 'threats');
  equal(await text(page, 'kpi-revenueAtRisk'), money0(threats.revenue_at_risk), 'revenue at risk');
  if (check(threats.threats.length > 0, 'the book has threats at threat_risk 0.01')) {
    const firstThreat = plain(await page.locator('[data-testid=threats-table] tbody tr td').first().innerText());
    equal(firstThreat, threats.threats[0].name, 'the largest threat');
    equal(await page.locator('[data-testid=threats-table] tbody tr').count(), Math.min(10, threats.threats.length), 'threat rows');
  }
  await axe(page, 'overview');
  await shoot(page, '02-overview', true);
  // The keyboard: on a fresh load the first Tab reaches the skip link, which leads to the
  // view. (After a navigation the focus is on the view's heading, and Tab goes on from
  // there: to the threats table, the first stop after it.)
  await page.reload();
  await page.waitForSelector('[data-testid=kpi-accountNps]');
  await page.keyboard.press('Tab');
  equal(await page.evaluate(() => document.activeElement?.className), 'skip', 'the first Tab stop');
  await page.keyboard.press('Enter');
  equal(await page.evaluate(() => document.activeElement?.id), 'main', 'the skip link moves the focus to the view');

  // Accounts: filter and sort through the page; the table equals the API's page.
  await openView(page, 'accounts', '[data-testid=accounts-table] tbody tr');
  await shoot(page, '03-accounts');
  await page.selectOption('[data-testid=filter-tier]', 'A');
  await page.waitForURL(/tier=A/);
  await page.click('[data-testid=accounts-table] button[data-sort=score]');
  await page.waitForURL(/sort=-score/);
  await page.waitForSelector('[data-testid=accounts-table] tbody tr');
  await page.waitForFunction(() => !document.querySelector('.refreshing'));
  const tierA = await api(page, `${url}/api/v1/accounts?as_of=${AS_OF}&tier=A&sort=-score&limit=50`);
  equal(await text(page, 'accounts-total'), `${int(tierA.total)} Kunden`, 'accounts matching tier A');
  const firstRow = plain(await page.locator('[data-testid=accounts-table] tbody tr td:first-child').first().innerText());
  check(firstRow.includes(tierA.accounts[0].account_id), `first row after sorting by score is ${tierA.accounts[0].account_id} (page: ${firstRow})`);
  equal(await page.locator('[data-testid=accounts-table] tbody tr').count(), tierA.accounts.length, 'rows on the page');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-csv]')]);
  const csv = readFileSync(await download.path(), 'utf8');
  const expectedCsv = await (await page.request.get(`${url}/api/v1/accounts.csv?as_of=${AS_OF}&tier=A&sort=-score`)).text();
  equal(csv, expectedCsv, 'the CSV download is the filtered view');
  equal(csv.trim().split('\n').length - 1, tierA.total, 'CSV rows');
  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-xlsx]')]);
  const workbook = readFileSync(await xlsx.path());
  check(workbook.subarray(0, 2).toString() === 'PK' && workbook.length > 1000, 'the Excel download is a workbook');
  equal(xlsx.suggestedFilename(), `accounts-${AS_OF}.xlsx`, 'the Excel file name');
  await axe(page, 'accounts');

  // Matrix: click a point, land on its account.
  await openView(page, 'matrix', '[data-testid=matrix-chart][data-ready]');
  await page.waitForSelector('[data-testid=matrix-table] tbody tr');
  const matrix = await api(page, `${url}/api/v1/reports/matrix?as_of=${AS_OF}`);
  const firstQuadrantCount = plain(await page.locator('[data-testid=matrix-table] tbody tr td:nth-child(3)').first().innerText());
  equal(firstQuadrantCount, int(matrix.quadrants.firefighting.accounts), 'firefighting accounts');
  await axe(page, 'matrix');
  await shoot(page, '04-matrix');
  const points = await api(page, `${url}/api/v1/reports/matrix/points?as_of=${AS_OF}`);
  // The point of the largest account (first in Pareto order): its pixel through the chart.
  const target = points.points[0];
  const QUADRANTS = ['firefighting', 'blind_spot', 'advocate', 'develop', 'grow', 'fix_efficiently', 'monitor'];
  const pixel = await page.evaluate(
    ({ x, y, seriesIndex }) => {
      const element = document.querySelector('[data-testid=matrix-chart]');
      const [px, py] = element.bwChart.convertToPixel({ seriesIndex }, [x, y]);
      const rect = element.getBoundingClientRect();
      return { x: rect.left + px, y: rect.top + py };
    },
    // Where the chart draws it: TTM (at least 1 on the log axis), score (-1: no answer).
    { x: Math.max(target[3], 1), y: target[4] ?? -1, seriesIndex: QUADRANTS.indexOf(target[5]) },
  );
  await page.mouse.move(pixel.x, pixel.y);
  await page.mouse.click(pixel.x, pixel.y);
  await page.waitForURL(/\/accounts\/[^/?]+/, { timeout: 10000 });
  const clickedId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
  check(clickedId === target[0], `the click on ${target[0]}'s point opened ${clickedId}`);

  // Account 360 of the clicked account.
  await page.waitForSelector('[data-testid=stakeholder-map]');
  await page.waitForSelector('[data-testid=revenue-chart][data-ready]');
  const account = await api(page, `${url}/api/v1/accounts/${encodeURIComponent(clickedId)}?as_of=${AS_OF}`);
  equal(plain(await page.locator('h1').innerText()), account.account.name, 'account name');
  equal(await text(page, 'account-ttm'), money(account.row.ttm), 'account TTM');
  equal(await text(page, 'account-score'), account.row.score === null ? '–' : dec(account.row.score, 1), 'account score');
  equal(await page.locator('[data-testid=stakeholder]').count(), account.stakeholders.length, 'stakeholder cards');
  // Its churn risk with reasons and actions, as GET /churn/scores?account_id= says.
  await page.waitForSelector('[data-testid=account-churn] :is([data-testid=account-churn-risk], .state-empty)', { timeout: 30000 });
  const risk = await api(page, `${url}/api/v1/churn/scores?as_of=${AS_OF}&account_id=${encodeURIComponent(clickedId)}`);
  if (check(risk.scores.length === 1, `the API scores the active account ${clickedId}`)) {
    const score = risk.scores[0];
    equal(await text(page, 'account-churn-risk'), pct0(score.risk), 'churn risk');
    equal(await text(page, 'account-revenue-at-risk'), money(score.revenue_at_risk), 'revenue at risk of the account');
    equal(await page.locator('[data-testid=churn-factors] li').count(), score.factors.length, 'churn factors');
    if (score.factors.length > 0) {
      check((await page.locator('[data-testid=churn-factors]').innerText()).includes(score.factors[0].text), 'the first churn factor is shown');
    }
    equal(await page.locator('[data-testid=churn-actions] li').count(), score.actions.length, 'churn actions');
  }
  await axe(page, 'account');
  await shoot(page, '05-account', true);

  // The reports.
  await openView(page, 'drivers', '[data-testid=drivers-nps][data-ready]');
  const drivers = await api(page, `${url}/api/v1/reports/drivers?as_of=${AS_OF}`);
  equal(plain(await page.locator('[data-testid=drivers-table] tbody tr td').first().innerText()), drivers.priority_by_nps[0], 'top driver by NPS');
  await axe(page, 'drivers');
  await shoot(page, '06-drivers');

  await openView(page, 'lifecycle', '[data-testid=lifecycle-chart][data-ready]');
  const lifecycle = await api(page, `${url}/api/v1/reports/lifecycle?as_of=${AS_OF}`);
  equal(await text(page, 'lifecycle-climbers'), `${int(lifecycle.climbers.contacts)} Kontakte`, 'climbers');
  const insideCell = async () => plain(await page.locator('[data-testid=lifecycle-table] tbody tr:first-child td:nth-child(2)').innerText());
  equal(await insideCell(), int(lifecycle.pareto.promoter.accounts), 'key accounts among promoters at 80 %');
  await axe(page, 'lifecycle');
  await shoot(page, '07-lifecycle');
  // The Pareto slider: two steps down to 70 %; the figures follow the API's for that share.
  const lifecycle70 = await api(page, `${url}/api/v1/reports/lifecycle?as_of=${AS_OF}&pareto=0.7`);
  check(JSON.stringify(lifecycle70.pareto) !== JSON.stringify(lifecycle.pareto), 'the Pareto share changes the figures');
  await page.focus('[data-testid=pareto-slider]');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await page.waitForURL(/pareto=0\.7(&|$)/, { timeout: 10000 });
  // Until the table shows the new figures: every row's accounts and TTM, inside and outside.
  const expected70 = ['promoter', 'passive', 'detractor', 'non_responder'].map((category) =>
    [int(lifecycle70.pareto[category].accounts), money(lifecycle70.pareto[category].ttm),
      int(lifecycle70.rest[category].accounts), money(lifecycle70.rest[category].ttm)].join(' | '));
  const tableRows = () => page.evaluate(() =>
    [...document.querySelectorAll('[data-testid=lifecycle-table] tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].slice(1).map((td) => td.textContent.replace(/[\u00a0\u202f]/g, ' ').trim()).join(' | ')));
  await page.waitForFunction(
    (expected) => JSON.stringify([...document.querySelectorAll('[data-testid=lifecycle-table] tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].slice(1).map((td) => td.textContent.replace(/[\u00a0\u202f]/g, ' ').trim()).join(' | '))) === expected,
    JSON.stringify(expected70),
    { timeout: 10000 },
  ).catch(() => {});
  equal(JSON.stringify(await tableRows()), JSON.stringify(expected70), 'the lifecycle at 70 % is the API\'s');

  await openView(page, 'retention', '[data-testid=retention-chart][data-ready]');
  const retention = await api(page, `${url}/api/v1/reports/retention?as_of=${AS_OF}`);
  equal(await text(page, 'retention-nrr'), pct(retention.nrr), 'retention NRR');
  equal(await text(page, 'retention-logo_churn'), pct(retention.logo_churn), 'logo churn');
  await axe(page, 'retention');
  await shoot(page, '08-retention');

  // Simulator: move a slider with the keyboard, the projection follows the API's.
  await openView(page, 'simulator', '[data-testid=sim-projected]');
  const baseline = await api(page, `${url}/api/v1/reports/simulate?as_of=${AS_OF}`, { data: { moves: [] } });
  equal(await text(page, 'sim-projected'), money(baseline.scenario.projected), 'projection without moves');
  const before = await text(page, 'sim-projected');
  await page.focus('[data-testid=slider-detractor-passive]');
  for (let i = 0; i < 4; i += 1) await page.keyboard.press('ArrowRight');
  await page.waitForFunction(
    (old) => document.querySelector('[data-testid=sim-projected]')?.textContent?.replace(/[\u00a0\u202f]/g, ' ').trim() !== old,
    before,
    { timeout: 10000 },
  );
  await page.waitForFunction(() => !document.querySelector('.refreshing'));
  const moved = await api(page, `${url}/api/v1/reports/simulate?as_of=${AS_OF}`, {
    data: { moves: [{ from: 'detractor', to: 'passive', share: 0.2 }] },
  });
  equal(await text(page, 'sim-projected'), money(moved.scenario.projected), 'projection after moving 20 % of detractors');
  check(page.url().includes('move=detractor%3Apassive%3A0.2'), 'the scenario is in the URL');
  await axe(page, 'simulator');
  await shoot(page, '09-simulator');

  await openView(page, 'health', '[data-testid=health-chart][data-ready]');
  const health = await api(page, `${url}/api/v1/reports/health-check?as_of=${AS_OF}`);
  equal(await text(page, 'health-auc'), dec(health.auc, 2), 'health AUC');
  await axe(page, 'health');
  await shoot(page, '10-health');

  await openView(page, 'responses', '[data-testid=responses-chart][data-ready]');
  const responses = await api(page, `${url}/api/v1/reports/responses?as_of=${AS_OF}`);
  equal(await text(page, 'responses-rate'), pct(responses.overall.rate), 'response rate');
  equal(await text(page, 'responses-silent'), int(responses.never_answering.accounts), 'accounts never answering');
  equal(await text(page, 'responses-shown'), `Die ersten ${int(Math.min(50, responses.total))} von ${int(responses.total)} Kunden`, 'accounts listed');
  await axe(page, 'responses');
  await shoot(page, '11-responses');

  // English one click away, and back.
  await page.click('[data-testid=lang-en]');
  equal(await text(page, 'nav-overview'), 'Overview', 'navigation in English');
  equal(await page.evaluate(() => document.documentElement.lang), 'en', 'page language');
  await page.click('[data-testid=lang-de]');
  equal(await text(page, 'nav-overview'), 'Überblick', 'navigation in German again');

  // A tablet: nothing wider than the screen.
  await page.setViewportSize({ width: 768, height: 1024 });
  await page.click('[data-testid=nav-accounts]');
  await page.waitForSelector('[data-testid=accounts-table] tbody tr');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, `the accounts view is ${overflow} px wider than a 768 px tablet`);
  await page.setViewportSize({ width: 1280, height: 900 });

  // Log out; log in as the account manager: only their accounts and figures.
  await page.click('[data-testid=user-menu]');
  await page.click('[data-testid=logout]');
  await page.waitForSelector('[data-testid=login-email]');
  await logIn(page, url, server.manager, `/accounts?as_of=${AS_OF}`);
  await page.waitForSelector('[data-testid=accounts-table] tbody tr');
  const own = await api(page, `${url}/api/v1/accounts?as_of=${AS_OF}&limit=1000`);
  check(own.accounts.every((row) => row.owner === server.manager), 'the API gives the manager only their accounts');
  check(own.total < summary.accounts.active, 'the manager sees fewer accounts than the admin');
  equal(await text(page, 'accounts-total'), `${int(own.total)} Kunden`, "the manager's accounts");
  const owners = await page.locator('[data-testid=accounts-table] tbody tr td:nth-child(2)').allInnerTexts();
  check(owners.length > 0 && owners.every((o) => plain(o) === server.manager), `every row shown belongs to ${server.manager}`);
  await page.click('[data-testid=nav-overview]');
  await page.waitForSelector('[data-testid=kpi-accountNps]');
  const ownSummary = await api(page, `${url}/api/v1/metrics/summary?as_of=${AS_OF}`);
  equal(await text(page, 'kpi-accountNps'), nps(ownSummary.account_nps), "the manager's account NPS");
  check((await text(page, 'active-accounts')).startsWith(`${int(ownSummary.accounts.active)} aktive`), "the manager's active accounts");
  const foreign = (await api(page, `${url}/api/v1/reports/matrix/points?as_of=${AS_OF}`)).points.length;
  equal(foreign, own.total, "the manager's matrix holds only their accounts");
  const otherAccount = points.points.find((p) => !own.accounts.some((row) => row.account_id === p[0]));
  const hidden = await page.request.get(`${url}/api/v1/accounts/${encodeURIComponent(otherAccount[0])}?as_of=${AS_OF}`);
  equal(hidden.status(), 404, 'another owner\'s account is not found for the manager');
} catch (error) {
  failures.push(`test stopped: ${error.stack ?? error}`);
} finally {
  await browser.close();
  await server.stop();
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (failures.length > 0) {
  console.error(failures.map((f) => `FAIL ${f}`).join('\n'));
  console.log(`web_e2e: 0 passed, ${failures.length} failed (${seconds} s)`);
  process.exit(1);
}
console.log(`web_e2e: every view checked in ${seconds} s; screenshots in ${SCREENSHOTS}`);
console.log('1 passed, 0 failed');
