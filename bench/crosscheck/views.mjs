#!/usr/bin/env node
// Independent second implementation of the account row and four report objects
// of shared/spec/metrics.md ("The account row", "Report objects": matrix,
// lifecycle, drivers, retention), written from the spec text alone, to find
// bugs in Bellwether by comparison (bench/crosscheck/run.sh).
//
//   node bench/crosscheck/views.mjs DIR AS_OF OUTDIR
//
// Writes OUTDIR/accounts.json, matrix.json, lifecycle.json, drivers.json,
// retention.json. Money is summed in integer cents (BigInt); ratios are one
// division of exact sums; category thresholds compare exact integers.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { readTable } from './csv.mjs';

// ---------------------------------------------------------------- parameters
const W = 365; // survey window (days)
const PARETO = [80n, 100n]; // pareto share as a fraction num/den
const TIER_SHARES = [[50n, 100n], [80n, 100n], [95n, 100n]];
const CHECK_MIN = { A: 6, B: 4, C: 2, D: 1 };
const CHAMPION_DAYS = 180;
const QUADRANTS = ['firefighting', 'blind_spot', 'advocate', 'develop', 'grow', 'fix_efficiently', 'monitor'];
const CATEGORIES = ['promoter', 'passive', 'detractor', 'non_responder'];
const ROLES = ['decision_maker', 'influencer', 'user'];

// ---------------------------------------------------------------- helpers
const bytes = (s) => Buffer.from(s, 'utf8');
const cmpBytes = (a, b) => Buffer.compare(bytes(a), bytes(b));

function dayOf(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim());
  if (!m) throw new Error(`bad date: ${JSON.stringify(s)}`);
  return Date.UTC(+m[1], +m[2] - 1, +m[3]) / 86400000;
}
const optDay = (s) => (s == null || s === '' ? null : dayOf(s));
function monthOf(s) {
  const m = /^(\d{4})-(\d{2})$/.exec(s.trim());
  if (!m) throw new Error(`bad month: ${JSON.stringify(s)}`);
  return +m[1] * 12 + (+m[2] - 1);
}
function dateStr(day) {
  return new Date(day * 86400000).toISOString().slice(0, 10);
}
// T minus 12 calendar months (day clamped to the month's length).
function minusYear(s) {
  const [y, m, d] = s.split('-').map(Number);
  const last = new Date(Date.UTC(y - 1, m, 0)).getUTCDate();
  return dateStr(Date.UTC(y - 1, m - 1, Math.min(d, last)) / 86400000);
}
// Money: -?digits[.digits], rounded half away from zero to the cent -> BigInt cents.
function cents(s) {
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(s.trim());
  if (!m) throw new Error(`bad amount: ${JSON.stringify(s)}`);
  const frac = (m[3] ?? '').padEnd(3, '0');
  let v = BigInt(m[2]) * 100n + BigInt(frac.slice(0, 2));
  if (frac.slice(2).replace(/0/g, '') !== '' && frac[2] >= '5') v += 1n;
  return m[1] === '-' ? -v : v;
}
const money = (c) => Number(c) / 100; // cents -> currency units (one rounding)
const ratio = (a, b) => (b === 0n ? null : Number(a) / Number(b)); // one rounding for safe ints
function category(score) {
  return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
}
// Account category from an exact sum and count of contact scores.
function categoryOfSum(sum, n) {
  if (n === 0) return 'non_responder';
  return sum >= 9 * n ? 'promoter' : sum >= 7 * n ? 'passive' : 'detractor';
}
const RANK = { detractor: 0, passive: 1, promoter: 2 };
const ROLE_ALIASES = {
  decision_maker: 'decision_maker', a: 'decision_maker', executive: 'decision_maker',
  influencer: 'influencer', b: 'influencer', management: 'influencer', middle_management: 'influencer',
  user: 'user', c: 'user', frontline: 'user', front_line: 'user',
};
function role(s) {
  const r = ROLE_ALIASES[s.trim().toLowerCase()];
  if (!r) throw new Error(`bad role: ${JSON.stringify(s)}`);
  return r;
}
// Latest response first: responded_on descending, then response_id descending (bytes).
const latestFirst = (a, b) => b.day - a.day || cmpBytes(b.id, a.id);

// ---------------------------------------------------------------- load
export function load(dir) {
  const t = (name) => readTable(path.join(dir, `${name}.csv`))?.rows ?? [];
  const accounts = new Map();
  for (const r of t('accounts')) {
    accounts.set(r.account_id, {
      id: r.account_id, name: r.name ?? '', industry: r.industry ?? '', region: r.region ?? '',
      owner: r.owner ?? '', acquisition: r.acquisition ?? '',
      created: optDay(r.created_on), churned: optDay(r.churned_on),
      revenue: new Map(), // month index -> cents
      contacts: [], touchpoints: [],
    });
  }
  const contacts = new Map();
  for (const r of t('contacts')) {
    const a = accounts.get(r.account_id);
    if (!a) continue;
    const c = { id: r.contact_id, account: a, role: role(r.role), left: optDay(r.left_on), responses: [], invitations: [] };
    contacts.set(c.id, c);
    a.contacts.push(c);
  }
  for (const r of t('revenue')) {
    const a = accounts.get(r.account_id);
    if (!a) continue;
    const m = monthOf(r.month);
    a.revenue.set(m, (a.revenue.get(m) ?? 0n) + cents(r.amount));
  }
  for (const r of t('invitations')) {
    const c = contacts.get(r.contact_id);
    if (!c) continue;
    c.invitations.push({ id: r.invitation_id, survey: r.survey_id, day: dayOf(r.sent_on) });
  }
  for (const r of t('responses')) {
    const c = contacts.get(r.contact_id);
    if (!c) continue;
    if (!/^\d+$/.test(r.score)) throw new Error(`bad score ${r.score}`);
    c.responses.push({
      id: r.response_id, survey: r.survey_id ?? '', day: dayOf(r.responded_on),
      score: Number(r.score), drivers: r.drivers ?? '',
    });
  }
  for (const r of t('touchpoints')) {
    const a = accounts.get(r.account_id);
    if (!a) continue;
    a.touchpoints.push({ type: r.type, day: dayOf(r.occurred_on) });
  }
  return { accounts: [...accounts.values()], contacts: [...contacts.values()] };
}

// ---------------------------------------------------------------- figures
// The contact score as of day d: latest response with d - W < day <= d.
function contactScoreAt(c, d) {
  let best = null;
  for (const r of c.responses) {
    if (r.day > d || r.day <= d - W) continue;
    if (!best || latestFirst(r, best) < 0) best = r;
  }
  return best;
}
function sumMonths(a, from, to) {
  let s = 0n;
  for (const [m, v] of a.revenue) if (m >= from && m <= to) s += v;
  return s;
}
// Length of the shortest prefix of `sorted` whose cumulative TTM >= num/den of the total.
function prefixLen(sorted, total, [num, den]) {
  let cum = 0n;
  for (let i = 0; ; i++) {
    if (cum * den >= total * num) return i;
    if (i === sorted.length) return sorted.length; // unreachable for share <= 1
    cum += sorted[i].ttm;
  }
}
function splitDrivers(s) {
  const out = [];
  for (const p of s.split(';')) {
    const name = p.replace(/^[ \t]+|[ \t]+$/g, '');
    if (name !== '' && !out.includes(name)) out.push(name);
  }
  return out;
}
const gcd = (a, b) => (b === 0n ? a : gcd(b, a % b));

export function compute(data, asOf) {
  const T = dayOf(asOf);
  const mT = monthOf(asOf.slice(0, 7));
  const P1 = [mT - 11, mT];
  const P0 = [mT - 23, mT - 12];
  const S = Date.UTC(Math.floor((mT - 11) / 12), (mT - 11) % 12, 1) / 86400000;
  const prior = minusYear(asOf);
  const Tprior = dayOf(prior);

  const isActive = (a) => (a.created === null || a.created <= T) && (a.churned === null || a.churned > T);
  for (const a of data.accounts) {
    a.ttm = sumMonths(a, P1[0], P1[1]);
    a.base = sumMonths(a, P0[0], P0[1]);
    a.active = isActive(a);
    // contact scores now and at T - 12 months
    let sum = 0, n = 0, psum = 0, pn = 0;
    for (const c of a.contacts) {
      c.current = c.left === null || c.left > T;
      c.scoreResp = contactScoreAt(c, T);
      c.score = c.scoreResp ? c.scoreResp.score : null;
      if (c.score !== null) { sum += c.score; n++; }
      const p = contactScoreAt(c, Tprior);
      if (p) { psum += p.score; pn++; }
    }
    a.nScores = n;
    a.score = n ? sum / n : null;
    a.category = categoryOfSum(sum, n);
    a.priorCategory = categoryOfSum(psum, pn);
  }

  // Pareto order, tiers, Pareto set
  const active = data.accounts.filter((a) => a.active);
  active.sort((x, y) => (x.ttm < y.ttm ? 1 : x.ttm > y.ttm ? -1 : cmpBytes(x.id, y.id)));
  const total = active.reduce((s, a) => s + a.ttm, 0n);
  const [nA, nB, nC] = TIER_SHARES.map((sh) => prefixLen(active, total, sh));
  const nPareto = prefixLen(active, total, PARETO);
  active.forEach((a, i) => {
    a.tier = i < nA ? 'A' : i < nB ? 'B' : i < nC ? 'C' : 'D';
    a.pareto = i < nPareto;
    const key = a.tier === 'A' || a.tier === 'B';
    a.quadrant = key
      ? { detractor: 'firefighting', non_responder: 'blind_spot', promoter: 'advocate', passive: 'develop' }[a.category]
      : { promoter: 'grow', detractor: 'fix_efficiently', passive: 'monitor', non_responder: 'monitor' }[a.category];
  });

  // ---- account rows
  const rows = active.map((a) => {
    const cur = a.contacts.filter((c) => c.current);
    const byRole = { decision_maker: 0, influencer: 0, user: 0 };
    for (const c of cur) byRole[c.role]++;
    const flags = [];
    // stakeholder map
    if (cur.some((c) => c.role === 'decision_maker' && c.score !== null && c.score <= 6)) flags.push('executive_detractor');
    const roleSum = {}, roleN = {};
    for (const c of cur) {
      if (c.score === null) continue;
      roleSum[c.role] = (roleSum[c.role] ?? 0) + c.score;
      roleN[c.role] = (roleN[c.role] ?? 0) + 1;
    }
    const scored = Object.keys(roleN);
    const hi = scored.some((r) => roleSum[r] >= 9 * roleN[r]);
    const lo = scored.some((r) => roleSum[r] <= 6 * roleN[r]);
    if (hi && lo) flags.push('split_opinion');
    if (cur.length < 2) flags.push('single_threaded');
    for (const c of a.contacts) {
      if (c.left === null || !(T - CHAMPION_DAYS < c.left && c.left <= T)) continue;
      // latest response before leaving (order as for the contact score)
      const before = c.responses.filter((r) => r.day < c.left).sort(latestFirst);
      if (before.length && before[0].score >= 9) { flags.push('champion_left'); break; }
    }
    // touchpoints
    let last = null, mail30 = 0, tickets90 = 0;
    for (const tp of a.touchpoints) {
      if (tp.day > T) continue;
      if (tp.type !== 'marketing_email') { if (last === null || tp.day > last) last = tp.day; }
      if (tp.type === 'marketing_email' && tp.day > T - 30) mail30++;
      if (tp.type === 'support_ticket' && tp.day > T - 90) tickets90++;
    }
    const daysSince = last === null ? null : T - last;
    if (daysSince === null || daysSince > 90) flags.push('silent');
    if (mail30 > 8) flags.push('overloaded');
    // invitations sent in the window, answered by a response of the same contact and survey
    let sent = 0, answered = 0;
    for (const c of a.contacts) {
      for (const inv of c.invitations) {
        if (!(T - W < inv.day && inv.day <= T)) continue;
        sent++;
        if (c.responses.some((r) => r.survey === inv.survey && r.day <= T)) answered++;
      }
    }
    if (sent > 0 && answered === 0) flags.push('unresponsive');
    flags.sort(cmpBytes);
    // account check
    const required = CHECK_MIN[a.tier];
    const missingRoles = [];
    if (a.tier === 'A') { for (const r of ROLES) if (byRole[r] === 0) missingRoles.push(r); }
    if (a.tier === 'B') {
      if (byRole.decision_maker === 0) missingRoles.push('decision_maker');
      if (byRole.influencer === 0 && byRole.user === 0) missingRoles.push('influencer_or_user');
    }
    if (a.tier === 'C' && byRole.decision_maker === 0) missingRoles.push('decision_maker');
    const missingContacts = Math.max(0, required - cur.length);
    return {
      account_id: a.id, name: a.name,
      owner: a.owner === '' ? null : a.owner,
      industry: a.industry === '' ? null : a.industry,
      region: a.region === '' ? null : a.region,
      tier: a.tier, ttm: money(a.ttm), score: a.score, category: a.category, quadrant: a.quadrant,
      contacts: { current: cur.length, ...byRole },
      flags,
      check: { ok: missingContacts === 0 && missingRoles.length === 0, required, missing_contacts: missingContacts, missing_roles: missingRoles },
      touchpoints: { days_since_last: daysSince, marketing_emails_30d: mail30, support_tickets_90d: tickets90 },
      invitations: { sent, answered },
    };
  });

  // ---- matrix
  const quadrants = Object.fromEntries(QUADRANTS.map((q) => [q, { accounts: 0, ttm: 0n }]));
  for (const a of active) { quadrants[a.quadrant].accounts++; quadrants[a.quadrant].ttm += a.ttm; }
  const matrix = { as_of: asOf, quadrants: mapVals(quadrants, (v) => ({ accounts: v.accounts, ttm: money(v.ttm) })) };

  // ---- lifecycle
  const lc = { pareto: {}, rest: {} };
  for (const g of ['pareto', 'rest']) for (const c of CATEGORIES) lc[g][c] = { accounts: 0, ttm: 0n };
  for (const a of active) { const g = lc[a.pareto ? 'pareto' : 'rest'][a.category]; g.accounts++; g.ttm += a.ttm; }
  const moves = { climbers: { contacts: 0, acc: new Set() }, fallers: { contacts: 0, acc: new Set() }, steady: { contacts: 0, acc: new Set() } };
  for (const a of active) {
    for (const c of a.contacts) {
      const rs = c.responses.filter((r) => T - 2 * W < r.day && r.day <= T).sort(latestFirst);
      if (rs.length < 2) continue;
      const d = RANK[category(rs[0].score)] - RANK[category(rs[1].score)];
      const g = moves[d > 0 ? 'climbers' : d < 0 ? 'fallers' : 'steady'];
      g.contacts++;
      g.acc.add(a);
    }
  }
  const lifecycle = {
    as_of: asOf,
    pareto: mapVals(lc.pareto, (v) => ({ accounts: v.accounts, ttm: money(v.ttm) })),
    rest: mapVals(lc.rest, (v) => ({ accounts: v.accounts, ttm: money(v.ttm) })),
  };
  for (const [k, g] of Object.entries(moves)) {
    lifecycle[k] = { contacts: g.contacts, ttm: money([...g.acc].reduce((s, a) => s + a.ttm, 0n)) };
  }

  // ---- drivers: weights TTM / nScores kept exact over a common denominator L (cents)
  let L = 1n;
  for (const a of active) if (a.nScores) { const n = BigInt(a.nScores); L = (L * n) / gcd(L, n); }
  const drv = new Map();
  for (const a of active) {
    for (const c of a.contacts) {
      if (c.score === null) continue;
      const names = splitDrivers(c.scoreResp.drivers);
      if (!names.length) continue;
      const cat = category(c.score);
      const w = (a.ttm * L) / BigInt(a.nScores); // exact: L is a multiple of nScores
      for (const name of names) {
        let d = drv.get(name);
        if (!d) drv.set(name, (d = { mentions: 0, promoter: 0, passive: 0, detractor: 0, rev: 0n }));
        d.mentions++;
        d[cat]++;
        if (cat === 'detractor') d.rev += w;
      }
    }
  }
  const names = [...drv.keys()].sort(cmpBytes);
  const drivers = {
    as_of: asOf,
    drivers: names.map((name) => {
      const d = drv.get(name);
      return {
        driver: name, mentions: d.mentions, promoter: d.promoter, passive: d.passive, detractor: d.detractor,
        nps: (100 * (d.promoter - d.detractor)) / d.mentions,
        detractor_revenue: exactDiv(d.rev, L * 100n),
      };
    }),
    priority_by_nps: [...names].sort((x, y) => drv.get(y).detractor - drv.get(x).detractor || cmpBytes(x, y)),
    priority_by_revenue: [...names].sort((x, y) => {
      const a = drv.get(x).rev, b = drv.get(y).rev;
      return a < b ? 1 : a > b ? -1 : cmpBytes(x, y);
    }),
  };

  // ---- retention
  const inCohort = (a) => a.base > 0n && (a.churned === null || a.churned >= S);
  function retention(accts) {
    let n = 0, churnedN = 0, base = 0n, churnedBase = 0n, grr = 0n, cur = 0n, enc = 0n, bnc = 0n;
    for (const a of accts) {
      if (inCohort(a)) {
        n++; base += a.base; cur += a.ttm; grr += a.ttm < a.base ? a.ttm : a.base;
        if (a.churned !== null && a.churned <= T) { churnedN++; churnedBase += a.base; }
      } else if (a.base === 0n) {
        if (a.acquisition === 'earned') enc += a.ttm;
        if (a.acquisition === 'bought') bnc += a.ttm;
      }
    }
    return {
      cohort: n,
      logo_churn: n ? churnedN / n : null,
      revenue_churn: ratio(churnedBase, base),
      grr: ratio(grr, base), nrr: ratio(cur, base), enc: ratio(enc, base), bnc: ratio(bnc, base),
      egr: ratio(cur + enc - base, base),
    };
  }
  const segs = {};
  for (const [key, f] of [['industry', (a) => a.industry], ['region', (a) => a.region], ['owner', (a) => a.owner], ['prior_category', (a) => a.priorCategory]]) {
    const groups = new Map();
    for (const a of data.accounts) { const v = f(a); if (!groups.has(v)) groups.set(v, []); groups.get(v).push(a); }
    const out = {};
    for (const v of [...groups.keys()].sort(cmpBytes)) {
      const r = retention(groups.get(v));
      if (r.cohort > 0) out[v] = r;
    }
    segs[key] = out;
  }
  const retentionReport = { as_of: asOf, ...retention(data.accounts), segments: segs };

  return {
    accounts: { as_of: asOf, accounts: rows },
    matrix, lifecycle, drivers, retention: retentionReport,
  };
}

function mapVals(o, f) { return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)])); }
// num/den for BigInts as a correctly rounded-enough double.
function exactDiv(num, den) {
  const q = num / den, r = num % den;
  return Number(q) + Number(r) / Number(den);
}

// ---------------------------------------------------------------- main
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const [dir, asOf, outDir] = process.argv.slice(2);
  if (!dir || !asOf || !outDir) {
    process.stderr.write('usage: node views.mjs DIR AS_OF OUTDIR\n');
    process.exit(2);
  }
  const out = compute(load(dir), asOf);
  fs.mkdirSync(outDir, { recursive: true });
  for (const [name, obj] of Object.entries(out)) {
    fs.writeFileSync(path.join(outDir, `${name}.json`), JSON.stringify(obj, null, 1) + '\n');
  }
}
