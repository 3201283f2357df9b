#!/usr/bin/env node
// Compares two summary objects (metrics.md, "The summary object").
//
//   node bench/compare.mjs A.json B.json
//
// Counts must be equal; every other number must agree within 1e-9 relative
// (or 1e-9 absolute when both are near zero); null only equals null; strings
// are compared exactly; a key present in only one object is a difference.
// Prints each difference and exits 1 on any mismatch, 0 when they agree
// (2 on a usage or read error).
import fs from 'node:fs';

const TOL = 1e-9;
// Integer counts of the summary object: compared exactly.
const COUNTS = new Set([
  'accounts.total', 'accounts.active', 'retention.cohort', 'pareto.accounts',
  'categories.promoter', 'categories.passive', 'categories.detractor',
  'categories.non_responder',
]);

const files = process.argv.slice(2);
if (files.length !== 2) {
  process.stderr.write('usage: node compare.mjs A.json B.json\n');
  process.exit(2);
}
let a, b;
try {
  [a, b] = files.map((f) => JSON.parse(fs.readFileSync(f, 'utf8')));
} catch (e) {
  process.stderr.write(`compare.mjs: ${e.message}\n`);
  process.exit(2);
}

const diffs = [];
const show = (v) => (v === undefined ? '(missing)' : JSON.stringify(v));
const kind = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

function walk(x, y, p) {
  if (x === undefined || y === undefined || kind(x) !== kind(y)) {
    diffs.push(`${p}: ${show(x)} vs ${show(y)}`);
    return;
  }
  if (kind(x) === 'object') {
    const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])];
    for (const k of keys) walk(x[k], y[k], p ? `${p}.${k}` : k);
    return;
  }
  if (kind(x) === 'array') {
    if (x.length !== y.length) diffs.push(`${p}: length ${x.length} vs ${y.length}`);
    for (let i = 0; i < Math.min(x.length, y.length); i++) walk(x[i], y[i], `${p}[${i}]`);
    return;
  }
  if (kind(x) === 'number') {
    if (COUNTS.has(p)) {
      if (x !== y) diffs.push(`${p}: ${x} vs ${y} (count, difference ${y - x})`);
      return;
    }
    const d = Math.abs(x - y);
    const scale = Math.max(Math.abs(x), Math.abs(y));
    if (!(d <= TOL * scale || d <= TOL)) {
      diffs.push(`${p}: ${x} vs ${y} (difference ${y - x}, relative ${(d / scale).toExponential(3)})`);
    }
    return;
  }
  if (x !== y) diffs.push(`${p}: ${show(x)} vs ${show(y)}`);
}

walk(a, b, '');
if (diffs.length) {
  process.stdout.write(`${files[0]} and ${files[1]} differ in ${diffs.length} field(s):\n`);
  for (const d of diffs) process.stdout.write(`  ${d}\n`);
  process.exit(1);
}
process.stdout.write(`${files[0]} and ${files[1]} agree\n`);
