#!/usr/bin/env node
// Deep comparison of two JSON files.
//
//   node bench/crosscheck/compare.mjs [--subset PATHS] OURS.json THEIRS.json
//
// Numbers: equal when identical; two integers must be identical, otherwise
// within 1e-9 relative (or 1e-9 absolute when both are near 0). Arrays in order,
// objects by key, null only equals null. Prints up to 50 differences with their
// JSON paths and exits 1 on a mismatch.
//
// --subset PATHS: a comma-separated list of path patterns ("$", "$.accounts[*]")
// at which THEIRS may carry keys that OURS does not produce (they are dropped);
// everywhere else an extra or missing key is a difference.
import fs from 'node:fs';

const args = process.argv.slice(2);
let subset = [];
if (args[0] === '--subset') { subset = args[1].split(',').filter(Boolean); args.splice(0, 2); }
if (args.length !== 2) {
  process.stderr.write('usage: node compare.mjs [--subset PATHS] OURS.json THEIRS.json\n');
  process.exit(2);
}
const [oursFile, theirsFile] = args;
const ours = JSON.parse(fs.readFileSync(oursFile, 'utf8'));
const theirs = JSON.parse(fs.readFileSync(theirsFile, 'utf8'));

const diffs = [];
let total = 0;
const show = (v) => { const s = JSON.stringify(v); return s === undefined ? 'undefined' : s.length > 120 ? s.slice(0, 117) + '...' : s; };
const add = (p, msg) => { total++; if (diffs.length < 50) diffs.push(`${p}: ${msg}`); };
const pattern = (p) => p.replace(/\[\d+\]/g, '[*]');
const key = (p, k) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? `${p}.${k}` : `${p}[${JSON.stringify(k)}]`);

function numEq(a, b) {
  if (a === b) return true;
  if (Number.isInteger(a) && Number.isInteger(b)) return false;
  // 1e-9 relative, or 1e-9 absolute for values below 1 in magnitude
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

function cmp(a, b, p) {
  const ta = a === null ? 'null' : Array.isArray(a) ? 'array' : typeof a;
  const tb = b === null ? 'null' : Array.isArray(b) ? 'array' : typeof b;
  if (ta !== tb) return add(p, `ours ${show(a)}, theirs ${show(b)}`);
  if (ta === 'number') { if (!numEq(a, b)) add(p, `ours ${a}, theirs ${b}`); return; }
  if (ta === 'array') {
    if (a.length !== b.length) add(p, `length: ours ${a.length}, theirs ${b.length}` + (a.length + b.length < 20 ? ` (ours ${show(a)}, theirs ${show(b)})` : ''));
    if (a.length !== b.length && (typeof a[0] !== 'object' || a[0] === null)) return;
    for (let i = 0; i < Math.min(a.length, b.length); i++) cmp(a[i], b[i], `${p}[${i}]`);
    return;
  }
  if (ta === 'object') {
    const lax = subset.includes(pattern(p));
    for (const k of Object.keys(a)) {
      if (!(k in b)) add(key(p, k), `missing in theirs (ours ${show(a[k])})`);
      else cmp(a[k], b[k], key(p, k));
    }
    if (!lax) for (const k of Object.keys(b)) if (!(k in a)) add(key(p, k), `missing in ours (theirs ${show(b[k])})`);
    return;
  }
  if (a !== b) add(p, `ours ${show(a)}, theirs ${show(b)}`);
}

cmp(ours, theirs, '$');
for (const d of diffs) process.stdout.write(d + '\n');
if (total > diffs.length) process.stdout.write(`... ${total - diffs.length} more differences\n`);
process.exit(total ? 1 : 0);
