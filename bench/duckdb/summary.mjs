#!/usr/bin/env node
// DuckDB peer of `bellwether metrics --data DIR --as-of DATE --format json`.
//
// An independent implementation of "The summary object" of
// shared/spec/metrics.md in DuckDB SQL, used as the reference in the benchmark
// (bench/run.sh) and as a cross-check of Bellwether's figures.
//
//   node bench/duckdb/summary.mjs DIR AS_OF        (AS_OF = YYYY-MM-DD)
//
// Prints the summary object as JSON on stdout and the elapsed time on stderr.
// Money is summed exactly in integer cents (HUGEINT); ratios are formed in JS
// from exact integer sums, so each figure is one correctly rounded division
// (plus sqrt for the margins).
import { DuckDBInstance } from '@duckdb/node-api';
import fs from 'node:fs';
import path from 'node:path';

const started = process.hrtime.bigint();

function usage(msg) {
  if (msg) process.stderr.write(`summary.mjs: ${msg}\n`);
  process.stderr.write('usage: node summary.mjs DIR AS_OF\n');
  process.exit(2);
}

const [dir, asOf] = process.argv.slice(2);
if (!dir || !asOf) usage();
if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf + 'T00:00:00Z'))) {
  usage(`bad AS_OF date: ${asOf}`);
}
if (!fs.existsSync(path.join(dir, 'accounts.csv'))) usage(`${dir}/accounts.csv not found`);

// Column types of the import format (data-format.md). Text is VARCHAR, dates
// DATE, money DECIMAL(18,2), scores INTEGER, signal values DOUBLE.
const SCHEMA = {
  accounts: {
    account_id: 'VARCHAR', name: 'VARCHAR', industry: 'VARCHAR', region: 'VARCHAR',
    owner: 'VARCHAR', acquisition: 'VARCHAR', created_on: 'DATE', churned_on: 'DATE',
  },
  contacts: {
    contact_id: 'VARCHAR', account_id: 'VARCHAR', name: 'VARCHAR', email: 'VARCHAR',
    role: 'VARCHAR', left_on: 'DATE',
  },
  revenue: { account_id: 'VARCHAR', month: 'VARCHAR', amount: 'DECIMAL(18,2)' },
  invitations: {
    invitation_id: 'VARCHAR', contact_id: 'VARCHAR', survey_id: 'VARCHAR', sent_on: 'DATE',
  },
  responses: {
    response_id: 'VARCHAR', contact_id: 'VARCHAR', survey_id: 'VARCHAR',
    responded_on: 'DATE', score: 'INTEGER', comment: 'VARCHAR', drivers: 'VARCHAR',
  },
  touchpoints: {
    touchpoint_id: 'VARCHAR', account_id: 'VARCHAR', contact_id: 'VARCHAR',
    type: 'VARCHAR', occurred_on: 'DATE',
  },
  signals: { account_id: 'VARCHAR', signal: 'VARCHAR', observed_on: 'DATE', value: 'DOUBLE' },
};

const sqlString = (s) => `'${String(s).replaceAll("'", "''")}'`;
const sqlIdent = (s) => `"${String(s).replaceAll('"', '""')}"`;

// Reads the header row of a CSV file (RFC 4180; the header may be quoted) and
// returns the column names, or null for an empty file.
function readHeader(file) {
  const fd = fs.openSync(file, 'r');
  try {
    let text = '';
    const buf = Buffer.alloc(65536);
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      text += buf.subarray(0, n).toString('utf8');
      // stop once a line end outside quotes was seen
      let quoted = false;
      let end = -1;
      for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === '"') quoted = !quoted;
        else if (!quoted && (c === '\n' || c === '\r')) { end = i; break; }
      }
      if (end >= 0) { text = text.slice(0, end); break; }
      if (text.length > 1 << 20) throw new Error(`${file}: header line too long`);
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.length === 0) return null;
    const names = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') { cur += '"'; i++; } else quoted = false;
        } else cur += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') { names.push(cur); cur = ''; }
      else cur += c;
    }
    names.push(cur);
    return names.map((n) => n.trim());
  } finally {
    fs.closeSync(fd);
  }
}

// SQL that creates table `name` from DIR/name.csv: columns are matched by
// header name case-insensitively, in any order; unknown columns are read as
// VARCHAR and dropped; known columns missing from the file are NULL; a missing
// (or zero-byte) file gives an empty table.
function loadSql(name) {
  const schema = SCHEMA[name];
  const file = path.join(dir, `${name}.csv`);
  const header = fs.existsSync(file) ? readHeader(file) : null;
  const typed = Object.entries(schema);
  if (!header) {
    const cols = typed.map(([c, t]) => `CAST(NULL AS ${t}) AS ${c}`).join(', ');
    return `CREATE TABLE ${name} AS SELECT ${cols} WHERE false`;
  }
  const seen = new Set();
  const columns = header.map((h, i) => {
    let key = h.toLowerCase();
    // a duplicate or empty header name is read under a private name and dropped
    if (!(key in schema) || seen.has(key)) key = `__extra_${i}`;
    seen.add(key);
    return [key, schema[key] ?? 'VARCHAR'];
  });
  const colMap = `{${columns.map(([c, t]) => `${sqlString(c)}: ${sqlString(t)}`).join(', ')}}`;
  const select = typed
    .map(([c, t]) => (seen.has(c) ? sqlIdent(c) : `CAST(NULL AS ${t}) AS ${c}`))
    .join(', ');
  return `CREATE TABLE ${name} AS SELECT ${select} FROM read_csv(${sqlString(file)},
    header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
    dateformat = '%Y-%m-%d', columns = ${colMap})`;
}

const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
await con.run('SET threads = 2');

const version = (await con.runAndReadAll('SELECT version() AS v')).getRowObjects()[0].v;

for (const name of Object.keys(SCHEMA)) {
  await con.run(loadSql(name));
}
const loaded = process.hrtime.bigint();

const T = `DATE ${sqlString(asOf)}`;
// Months as 'YYYY-MM' strings (which sort like the months they name):
// P1 = [p1, t] is the 12 months ending with T's month, P0 = [p0, p0end] the
// 12 before; S = first day of P1.
const [ty, tm] = asOf.split('-').map(Number);
const mT = ty * 12 + (tm - 1);
const ym = (m) => `${String(Math.floor(m / 12)).padStart(4, '0')}-${String((m % 12) + 1).padStart(2, '0')}`;
const M = { p0: sqlString(ym(mT - 23)), p0end: sqlString(ym(mT - 12)), p1: sqlString(ym(mT - 11)), t: sqlString(ym(mT)) };
const S = `DATE ${sqlString(ym(mT - 11) + '-01')}`;

await con.run(`
CREATE TEMP TABLE contact_score AS
  SELECT contact_id, score FROM (
    SELECT r.contact_id, r.score,
           row_number() OVER (PARTITION BY r.contact_id
                              ORDER BY r.responded_on DESC, r.response_id DESC) AS rn
    FROM responses r
    WHERE r.responded_on > ${T} - 365 AND r.responded_on <= ${T}
  ) WHERE rn = 1`);

await con.run(`
CREATE TEMP TABLE acct AS
  WITH rev AS (
    -- exact DECIMAL sums, converted to integer cents
    SELECT account_id,
           CAST(coalesce(sum(amount) FILTER (WHERE month >= ${M.p1} AND month <= ${M.t}), 0) * 100 AS HUGEINT) AS cur,
           CAST(coalesce(sum(amount) FILTER (WHERE month >= ${M.p0} AND month <= ${M.p0end}), 0) * 100 AS HUGEINT) AS base
    FROM (SELECT account_id, trim(month) AS month, amount FROM revenue
          WHERE trim(month) >= ${M.p0} AND trim(month) <= ${M.t})
    GROUP BY account_id
  ),
  sc AS (
    SELECT c.account_id, count(*) AS n, sum(cs.score) AS total
    FROM contacts c JOIN contact_score cs ON cs.contact_id = c.contact_id
    GROUP BY c.account_id
  )
  SELECT a.account_id, a.acquisition, a.churned_on,
         (a.created_on IS NULL OR a.created_on <= ${T})
           AND (a.churned_on IS NULL OR a.churned_on > ${T}) AS active,
         CAST(coalesce(rev.cur, 0) AS HUGEINT) AS cur,
         CAST(coalesce(rev.base, 0) AS HUGEINT) AS base,
         CASE WHEN sc.n IS NULL THEN 'non_responder'
              WHEN sc.total >= 9 * sc.n THEN 'promoter'
              WHEN sc.total >= 7 * sc.n THEN 'passive'
              ELSE 'detractor' END AS category
  FROM accounts a
  LEFT JOIN rev ON rev.account_id = a.account_id
  LEFT JOIN sc ON sc.account_id = a.account_id`);

async function one(sql) {
  const rows = (await con.runAndReadAll(sql)).getRowObjects();
  const out = {};
  for (const [k, v] of Object.entries(rows[0])) {
    out[k] = v === null ? null : typeof v === 'bigint' ? v : Number(v);
  }
  return out;
}

// Contact NPS: contact scores of (all contacts of) active accounts.
const cn = await one(`
  SELECT count(*) AS n,
         count(*) FILTER (WHERE cs.score >= 9) AS p,
         count(*) FILTER (WHERE cs.score <= 6) AS d
  FROM contact_score cs
  JOIN contacts c ON c.contact_id = cs.contact_id
  JOIN acct a ON a.account_id = c.account_id
  WHERE a.active`);

const ac = await one(`
  SELECT count(*) AS total,
         count(*) FILTER (WHERE active) AS active,
         count(*) FILTER (WHERE active AND category = 'promoter') AS promoter,
         count(*) FILTER (WHERE active AND category = 'passive') AS passive,
         count(*) FILTER (WHERE active AND category = 'detractor') AS detractor,
         count(*) FILTER (WHERE active AND category = 'non_responder') AS non_responder,
         coalesce(sum(cur) FILTER (WHERE active), 0) AS ttm_active,
         coalesce(sum(cur) FILTER (WHERE active AND category <> 'non_responder'), 0) AS ttm_resp,
         coalesce(sum(cur) FILTER (WHERE active AND category = 'promoter'), 0) AS ttm_p,
         coalesce(sum(cur) FILTER (WHERE active AND category = 'detractor'), 0) AS ttm_d
  FROM acct`);

// Response rate: invitations sent in the window (any account), answered by a
// response of the same contact and survey dated on or before T.
const rr = await one(`
  SELECT count(*) AS sent,
         count(*) FILTER (WHERE EXISTS (
           SELECT 1 FROM responses r
           WHERE r.contact_id = i.contact_id AND r.survey_id = i.survey_id
             AND r.responded_on <= ${T})) AS answered
  FROM invitations i
  WHERE i.sent_on > ${T} - 365 AND i.sent_on <= ${T}`);

const ret = await one(`
  SELECT count(*) FILTER (WHERE cohort) AS cohort,
         count(*) FILTER (WHERE cohort AND churned_on <= ${T}) AS churned,
         coalesce(sum(base) FILTER (WHERE cohort), 0) AS base,
         coalesce(sum(base) FILTER (WHERE cohort AND churned_on <= ${T}), 0) AS churned_base,
         coalesce(sum(cur) FILTER (WHERE cohort), 0) AS cur,
         coalesce(sum(least(cur, base)) FILTER (WHERE cohort), 0) AS kept,
         coalesce(sum(cur) FILTER (WHERE base = 0 AND acquisition = 'earned'), 0) AS earned_new,
         coalesce(sum(cur) FILTER (WHERE base = 0 AND acquisition = 'bought'), 0) AS bought_new
  FROM (SELECT *, base > 0 AND (churned_on IS NULL OR churned_on >= ${S}) AS cohort FROM acct)`);

// Pareto set: the shortest prefix (TTM desc, account_id asc) whose cumulative
// TTM >= 80 % of the total: the accounts whose preceding cumulative TTM is
// still below the threshold (10 * cum < 8 * total, exact in cents).
const par = await one(`
  WITH ordered AS (
    SELECT cur,
           coalesce(sum(cur) OVER (ORDER BY cur DESC, account_id ASC
                                   ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before
    FROM acct WHERE active
  ),
  total AS (SELECT coalesce(sum(cur), 0) AS t FROM acct WHERE active)
  SELECT count(*) AS accounts, coalesce(sum(cur), 0) AS revenue
  FROM ordered, total
  WHERE 10 * before < 8 * total.t`);

const queried = process.hrtime.bigint();

// ---- figures ------------------------------------------------------------
const num = (v) => Number(v); // bigint -> nearest double (exact below 2^53)
const div = (a, b) => (num(b) === 0 ? null : num(a) / num(b));
const nps = (p, d, n) => (num(n) === 0 ? null : (100 * (num(p) - num(d))) / num(n));
// 196 * sqrt((p + d - (p - d)^2) / N) with p = P/N, d = D/N
//   = 196 * sqrt(((P + D) * N - (P - D)^2) / N^3), numerator exact in integers
const margin = (p, d, n) => {
  const P = BigInt(p), D = BigInt(d), N = BigInt(n);
  if (N === 0n) return null;
  const numer = (P + D) * N - (P - D) * (P - D);
  return 196 * Math.sqrt(num(numer) / (num(N) * num(N) * num(N)));
};
const cents = (v) => num(v) / 100;

const baseSum = ret.base;
const summary = {
  as_of: asOf,
  accounts: { total: num(ac.total), active: num(ac.active) },
  contact_nps: nps(cn.p, cn.d, cn.n),
  account_nps: nps(ac.promoter, ac.detractor, ac.promoter + ac.passive + ac.detractor),
  revenue_weighted_nps: num(ac.ttm_resp) === 0 ? null
    : (100 * num(ac.ttm_p - ac.ttm_d)) / num(ac.ttm_resp),
  nps_margin: {
    contact: margin(cn.p, cn.d, cn.n),
    account: margin(ac.promoter, ac.detractor, ac.promoter + ac.passive + ac.detractor),
  },
  coverage: {
    accounts: div(ac.promoter + ac.passive + ac.detractor, ac.active),
    revenue: div(ac.ttm_resp, ac.ttm_active),
  },
  response_rate: div(rr.answered, rr.sent),
  retention: {
    cohort: num(ret.cohort),
    logo_churn: div(ret.churned, ret.cohort),
    revenue_churn: div(ret.churned_base, baseSum),
    grr: div(ret.kept, baseSum),
    nrr: div(ret.cur, baseSum),
    enc: div(ret.earned_new, baseSum),
    bnc: div(ret.bought_new, baseSum),
    // EGR = NRR + ENC - 1 = (cur + earned_new - base) / base, exact numerator
    egr: div(ret.cur + ret.earned_new - baseSum, baseSum),
  },
  pareto: { accounts: num(par.accounts), revenue: cents(par.revenue) },
  categories: {
    promoter: num(ac.promoter),
    passive: num(ac.passive),
    detractor: num(ac.detractor),
    non_responder: num(ac.non_responder),
  },
};

process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
const ms = (a, b) => (Number(b - a) / 1e6).toFixed(1);
const done = process.hrtime.bigint();
process.stderr.write(
  `duckdb ${version}: elapsed ${ms(started, done)} ms (load ${ms(started, loaded)} ms, ` +
  `metrics ${ms(loaded, queried)} ms)\n`,
);
