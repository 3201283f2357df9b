// What the end-to-end test and the benchmark share: a real `bellwether serve` on a free
// loopback port over a generated book with users, and Debian's Chromium driven by
// playwright-core (never a downloaded browser).
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_DIR = resolve(WEB_DIR, '..');
export const BINARY = process.env.BELLWETHER_BINARY ?? join(REPO_DIR, 'build', 'bellwether');
export const CHROMIUM = process.env.BELLWETHER_CHROMIUM ?? '/usr/bin/chromium';
export const PASSWORD = 'correct horse battery';

// The flags this machine's closed network needs (no background connections at all).
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function run(args, options = {}) {
  return execFileSync(BINARY, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], ...options });
}

// The owner of the first account of the generated accounts.csv that has one.
function firstOwner(dataDir) {
  const [header, ...lines] = readFileSync(join(dataDir, 'accounts.csv'), 'utf8').trim().split('\n');
  const column = header.split(',').indexOf('owner');
  for (const line of lines) {
    const owner = line.split(',')[column];
    if (owner) return owner;
  }
  throw new Error('no account has an owner');
}

// Generates (or reuses) a data set, imports it, adds an admin and an account manager, and
// starts the server (with `config`, a bellwether.toml text, when given). Returns {url,
// admin, manager, dir, stop()}.
function requireBuilt() {
  if (!existsSync(join(WEB_DIR, 'dist', 'index.html'))) {
    throw new Error('web/dist is not built: run scripts/build_web.sh (or scripts/build.sh) first');
  }
  if (!existsSync(BINARY)) throw new Error(`${BINARY} is not built: run scripts/build.sh first`);
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/setup.sh (Debian's chromium)`);
}

export async function startServer({ accounts = 300, dataDir = null, asOf = '2026-06-30', seed = 11, config = null } = {}) {
  requireBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'bellwether-web-'));
  const data = dataDir ?? join(dir, 'data');
  if (!dataDir) run(['generate', '--out', data, '--accounts', String(accounts), '--seed', String(seed), '--as-of', asOf]);
  const db = join(dir, 'bellwether.db');
  run(['import', data, '--db', db]);
  const admin = 'admin@example.com';
  const manager = firstOwner(data);
  run(['user', 'add', admin, '--role', 'admin', '--name', 'Ada Admin', '--db', db], { input: `${PASSWORD}\n` });
  run(['user', 'add', manager, '--role', 'account_manager', '--db', db], { input: `${PASSWORD}\n` });
  const configArgs = [];
  if (config !== null) {
    writeFileSync(join(dir, 'bellwether.toml'), config);
    configArgs.push('--config', join(dir, 'bellwether.toml'));
  }
  const server = spawn(
    BINARY,
    ['serve', '--db', db, '--port', '0', '--web-root', join(WEB_DIR, 'dist'), '--access-log', join(dir, 'access.log'), ...configArgs],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  server.stderr.on('data', (chunk) => (stderr += chunk));
  const url = await new Promise((resolveUrl, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 30000);
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /serving .* on (http:\/\/[\d.]+:\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    server.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  // Wait until the first snapshot is loaded.
  for (let i = 0; i < 600; i += 1) {
    const ready = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (ready) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    admin,
    manager,
    dir,
    async stop() {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser({ locale = 'de-DE', width = 1280, height = 900 } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'bellwether-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_FLAGS, `--lang=${locale}`],
    locale,
    viewport: { width, height },
    acceptDownloads: true,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// Logs in through the login form.
export async function logIn(page, url, email, next = '/?as_of=2026-06-30') {
  await page.goto(`${url}${next}`);
  await page.waitForSelector('[data-testid=login-email]');
  await page.fill('[data-testid=login-email]', email);
  await page.fill('[data-testid=login-password]', PASSWORD);
  await page.click('[data-testid=login-submit]');
  await page.waitForSelector('.layout');
}
