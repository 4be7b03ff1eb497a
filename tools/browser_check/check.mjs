// Real-browser check of a notebook: a local classic Jupyter Notebook on loopback, headless Chromium
// driven by playwright-core, "run all cells", then checks in the page and screenshots.
// Started by run.sh (./d2l browser-check); `node check.mjs --help` for the options.
//
// The page may reach only the local server: every other request (the plotly.js CDN above all) is
// aborted, so the check sees what a learner without that CDN sees, and the static SVG of each plot
// must stay visible.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
// The chapter manifest names the notebook: browser_check.section in the first language.
const MANIFEST = JSON.parse(readFileSync(join(REPO, 'notebooks', 'manifest.json'), 'utf8'));
const DEFAULT_NOTEBOOK = ['notebooks', MANIFEST.languages[0], MANIFEST.chapter,
  `${MANIFEST.browser_check.section}.ipynb`].join('/');
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

const HELP = `Usage: ./d2l browser-check [--timeout S] [--out DIR] [NOTEBOOK]

Starts the classic Jupyter Notebook on 127.0.0.1 with a random token, opens NOTEBOOK (default
${DEFAULT_NOTEBOOK}) in headless Chromium (/usr/bin/chromium, env CHROMIUM to change), runs all cells, waits for the
kernel to go idle and checks in the page that no cell shows an error and that every plot output
shows its figure (all other hosts are blocked). Before running, it checks the committed outputs as a
learner fresh from the repository sees them: the notebook untrusted (no stored signatures), every
figure shown, none reduced to run-together label text. Saves screenshots of the page (scrolled to the
first loss curve) and of every figure, untrusted and after the run, in DIR (default build/browser/).
The notebook is run from a copy under DIR, so the repository's file is never saved over.
JupyterLab is not packaged in Debian, so only the classic Notebook is checked here.

  --timeout S   limit for running all cells, in seconds (default 300)
  --out DIR     where screenshots and the server log go (default build/browser)
Env D2L_PY: the Python with the notebook package (default /usr/bin/python3).`;

function parseArgs(argv) {
  const opts = { timeout: 300, out: join(REPO, 'build', 'browser'), notebook: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') { console.log(HELP); process.exit(0); }
    else if (a === '--timeout') opts.timeout = Number(argv[++i]);
    else if (a === '--out') opts.out = resolve(argv[++i]);
    else if (a.startsWith('-')) fail(`unknown option ${a} (see --help)`);
    else if (opts.notebook) fail('give one notebook');
    else opts.notebook = a;
  }
  if (!(opts.timeout > 0)) fail('--timeout needs a positive number of seconds');
  return opts;
}

function fail(msg) {
  console.error(`browser-check: error: ${msg}`);
  process.exit(1);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const t0 = Date.now();
const elapsed = () => ((Date.now() - t0) / 1000).toFixed(1);
const log = (msg) => console.log(`[${elapsed().padStart(5)} s] ${msg}`);

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => res(port)); });
  });
}

async function waitForServer(base, token, server, seconds) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the Jupyter server exited with code ${server.exitCode}`);
    try {
      const r = await fetch(`${base}/api/status`, { headers: { Authorization: `token ${token}` } });
      if (r.ok) return;
    } catch { /* not listening yet */ }
    await sleep(250);
  }
  throw new Error(`the Jupyter server did not answer within ${seconds} s`);
}

async function shutdownKernels(base, token) {
  try {
    const headers = { Authorization: `token ${token}` };
    const kernels = await (await fetch(`${base}/api/kernels`, { headers })).json();
    for (const k of kernels) await fetch(`${base}/api/kernels/${k.id}`, { method: 'DELETE', headers });
  } catch { /* the server is gone already */ }
}

// In the page: the state of the notebook's kernel and cells.
function pageState() {
  const nb = window.Jupyter && window.Jupyter.notebook;
  if (!nb || !nb._fully_loaded) return { loaded: false };
  const icon = document.querySelector('#kernel_indicator_icon');
  const code = nb.get_cells().filter((c) => c.cell_type === 'code');
  return {
    loaded: true,
    connected: !!(nb.kernel && nb.kernel.is_connected()),
    idle: !!(icon && icon.classList.contains('kernel_idle_icon')),
    busy: !!(icon && icon.classList.contains('kernel_busy_icon')),
    cells: code.length,
    done: code.filter((c) => typeof c.input_prompt_number === 'number').length,
    queued: code.filter((c) => c.input_prompt_number === '*').length,
  };
}

// In the page: errors, plot outputs and whether each shows its figure. A d2l figure is an <img> whose
// source is the SVG itself (data:image/svg+xml), in text/html: the form that untrusted notebooks show.
// Inline SVG (image/svg+xml outputs, older notebooks) is recognised too.
function inspectOutputs() {
  const visible = (el) => {
    if (!el) return false;
    const r = el.getBoundingClientRect();
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || Number(s.opacity) === 0) return false;
    }
    return r.width > 50 && r.height > 50;
  };
  const errors = [...document.querySelectorAll('.output_error')].map((e) => e.innerText.slice(0, 400));
  const plots = [];
  document.querySelectorAll('.output_area').forEach((area) => {
    const img = area.querySelector('img[src^="data:image/svg+xml"]');
    const svg = img ? null : area.querySelector('.output_svg svg, .d2l-figure svg');
    const el = img || svg;
    if (!el) return;
    el.setAttribute('data-d2l-check-plot', String(plots.length + 1));
    const r = el.getBoundingClientRect();
    plots.push({
      view: img ? 'text/html <img> of the SVG' : 'inline <svg>',
      shown: visible(el) && (!img || (img.complete && img.naturalWidth > 0)),
      size: `${Math.round(r.width)}x${Math.round(r.height)}`,
      text: (img ? img.alt : el.textContent).replace(/\s+/g, ' ').trim().slice(0, 100),
    });
  });
  // Outputs whose text looks like a figure's labels run together: what a stripped SVG leaves behind.
  const strippedFigures = [...document.querySelectorAll('.output_html')]
    .filter((e) => !e.querySelector('img, svg') && /(\d\.\d){3,}/.test(e.innerText.replace(/\s+/g, ''))).length;
  const text = [...document.querySelectorAll('.output_text')].map((e) => e.innerText).join('\n');
  const losses = text.split('\n').filter((l) => /loss:.*sec\/epoch/.test(l));
  return { errors, plots, losses, strippedFigures };
}

// Screenshots of the page (centred on the first loss plot) and of every plot; returns the paths.
async function screenshots(page, found, out, prefix) {
  const shots = [];
  if (found.plots.length) {
    const first = found.plots.findIndex((p) => /loss/.test(p.text)) + 1 || 1;
    await page.$eval(`[data-d2l-check-plot="${first}"]`, (el) => el.scrollIntoView({ block: 'center' }));
    await sleep(300);
  }
  const shot = join(out, `${prefix}.png`);
  await page.screenshot({ path: shot });
  shots.push(shot);
  for (let i = 1; i <= found.plots.length; i++) {
    const p = join(out, `${prefix}-plot${i}.png`);
    await (await page.$(`[data-d2l-check-plot="${i}"]`)).screenshot({ path: p });
    shots.push(p);
  }
  return shots;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const nbRel = opts.notebook ?? DEFAULT_NOTEBOOK;
  if (!existsSync(resolve(REPO, nbRel))) fail(`no such notebook: ${nbRel}`);
  const nbPath = resolve(REPO, nbRel);
  const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(chromiumPath)) fail(`no Chromium at ${chromiumPath} (apt-get install chromium)`);
  const python = process.env.D2L_PY || '/usr/bin/python3';

  // Serve a copy: the Notebook autosaves executed cells, and the repository's file must stay clean.
  const work = join(opts.out, 'work');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const name = basename(nbPath);
  copyFileSync(nbPath, join(work, name));
  const stem = name.replace(/\.ipynb$/, '');

  const port = await freePort();
  const token = randomBytes(24).toString('hex');
  const base = `http://127.0.0.1:${port}`;
  const serverArgs = ['-m', 'notebook', '--no-browser', '--ip=127.0.0.1', `--port=${port}`, '--port-retries=0',
    `--notebook-dir=${work}`, `--NotebookApp.token=${token}`,
    // No remembered signatures: the committed notebook opens untrusted, as for a learner fresh from git.
    '--NotebookNotary.db_file=:memory:'];
  if (process.getuid && process.getuid() === 0) serverArgs.push('--allow-root');
  const serverLog = join(opts.out, 'jupyter-server.log');
  const logChunks = [];
  const server = spawn(python, serverArgs, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env } });
  server.stdout.on('data', (d) => logChunks.push(d));
  server.stderr.on('data', (d) => logChunks.push(d));
  log(`Jupyter Notebook (classic) on ${base}, serving a copy of ${nbRel}`);

  const profile = mkdtempSync(join(tmpdir(), 'd2l-chromium-'));
  let context;
  let ok = false;
  try {
    await waitForServer(base, token, server, 60);
    const notebookVersion = await (await fetch(`${base}/api`, { headers: { Authorization: `token ${token}` } })).json();
    log(`server ready (notebook ${notebookVersion.version})`);

    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath, headless: true, args: CHROMIUM_FLAGS,
      viewport: { width: 1280, height: 1000 }, deviceScaleFactor: 1,
    });
    const blocked = new Set();
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === '127.0.0.1' || url.hostname === 'localhost') return route.continue();
      blocked.add(url.host);
      return route.abort('internetdisconnected');
    });
    const page = context.pages()[0] ?? await context.newPage();
    const consoleErrors = [];
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    log(`Chromium ${context.browser()?.version() ?? ''} opening the notebook`);
    await page.goto(`${base}/notebooks/${encodeURIComponent(name)}?token=${token}`, { waitUntil: 'load' });

    // First, the committed outputs as a new learner sees them: untrusted, nothing run yet.
    mkdirSync(opts.out, { recursive: true });
    const problems = [];
    for (let i = 0; i < 120; i++) {
      if ((await page.evaluate(pageState)).loaded) break;
      await sleep(250);
    }
    await sleep(1000); // images decode
    const trusted = await page.evaluate(() => window.Jupyter.notebook.trusted);
    const committed = await page.evaluate(inspectOutputs);
    log(`committed outputs, notebook ${trusted ? 'TRUSTED (expected untrusted)' : 'untrusted'}: ` +
      `${committed.plots.length} figure(s)`);
    if (trusted) problems.push('the committed notebook opened trusted; the untrusted view was not checked');
    committed.plots.forEach((p, i) => {
      console.log(`  committed plot ${i + 1}: ${p.view}; ${p.shown ? 'shown' : 'NOT shown'} ${p.size}; "${p.text}"`);
      if (!p.shown) problems.push(`committed plot ${i + 1} is not shown in the untrusted notebook`);
    });
    if (committed.strippedFigures) {
      problems.push(`${committed.strippedFigures} committed output(s) show figure text without the figure (stripped SVG)`);
    }
    const untrustedShots = await screenshots(page, committed, opts.out, `${stem}-untrusted`);
    console.log(`  screenshots: ${untrustedShots.map((p) => relative(REPO, p)).join(', ')}`);

    // The kernel: connected and idle. rapaio-jupyter-kernel 3.0.1 could hang at start; restart once.
    let state;
    for (let attempt = 1; ; attempt++) {
      const deadline = Date.now() + 45_000;
      while (Date.now() < deadline) {
        state = await page.evaluate(pageState);
        if (state.loaded && state.connected && state.idle) break;
        await sleep(250);
      }
      if (state.loaded && state.connected && state.idle) break;
      if (attempt === 2) throw new Error(`the kernel did not become ready: ${JSON.stringify(state)}`);
      log('kernel not ready after 45 s; restarting it');
      await page.evaluate(() => window.Jupyter.notebook.kernel.restart());
    }
    const kernelName = await page.evaluate(() => window.Jupyter.notebook.kernel.name);
    log(`kernel ${kernelName} ready; running all ${state.cells} code cells`);

    const runStart = Date.now();
    await page.evaluate(() => { window.Jupyter.notebook.clear_all_output(); window.Jupyter.notebook.execute_all_cells(); });
    const runDeadline = runStart + opts.timeout * 1000;
    let lastDone = -1;
    for (;;) {
      state = await page.evaluate(pageState);
      if (state.done !== lastDone) { lastDone = state.done; log(`  ${state.done}/${state.cells} cells done`); }
      if (state.done === state.cells && state.queued === 0 && state.idle) break;
      if (Date.now() > runDeadline) throw new Error(`cells still running after ${opts.timeout} s: ${JSON.stringify(state)}`);
      await sleep(300);
    }
    const runSeconds = ((Date.now() - runStart) / 1000).toFixed(1);
    log(`all cells ran in ${runSeconds} s; waiting 2 s for the last images to decode`);
    await sleep(2000);

    const found = await page.evaluate(inspectOutputs);
    for (const e of found.errors) problems.push(`error output: ${e}`);
    if (found.plots.length === 0) problems.push('no plot output found in the page');
    found.plots.forEach((p, i) => {
      console.log(`  plot ${i + 1}: ${p.view}; ${p.shown ? 'shown' : 'NOT shown'} ${p.size}; "${p.text}"`);
      if (!p.shown) problems.push(`plot ${i + 1}: its figure is not shown`);
    });
    for (const l of found.losses) console.log(`  printed: ${l.trim()}`);
    console.log(`  requests blocked (no network for the page): ${[...blocked].join(', ') || 'none'}`);
    if (consoleErrors.length) console.log(`  page errors: ${consoleErrors.slice(0, 5).join(' | ')}`);

    const shots = await screenshots(page, found, opts.out, `${stem}-classic`);
    console.log(`  screenshots: ${shots.map((s) => relative(REPO, s)).join(', ')}`);

    if (problems.length) {
      console.log('\nFAIL');
      for (const p of problems) console.log(`  - ${p}`);
    } else {
      console.log(`\nPASS: the committed notebook shows its ${committed.plots.length} figure(s) untrusted; ` +
        `${state.cells} cells ran without errors in the classic Notebook; ` +
        `${found.plots.length} figure(s) shown (${elapsed()} s in all)`);
      ok = true;
    }
  } finally {
    if (context) await context.close().catch(() => {});
    await shutdownKernels(base, token);
    server.kill('SIGTERM');
    for (let i = 0; i < 40 && server.exitCode === null && server.signalCode === null; i++) await sleep(250);
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
    mkdirSync(opts.out, { recursive: true });
    writeFileSync(serverLog, Buffer.concat(logChunks));
    rmSync(profile, { recursive: true, force: true });
  }
  process.exit(ok ? 0 : 1);
}

main().catch((e) => fail(e.message || String(e)));
