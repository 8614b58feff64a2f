// waimao's service worker: after one visit online, the app (both bundles) and the last published data
// load with no network. Pages and data files are fetched from the network first and fall back to the
// copy kept here; content-hashed assets never change, so the kept copy is used first. API calls are
// never answered from here: the app keeps its own copies of what it needs and queues what it sends.

const CACHE = 'waimao-v1';
// Trunk's content hashes: 12 to 16 hex digits before the extension.
const HASHED = /-[0-9a-f]{12,16}(_bg)?\.(js|wasm|css|svg)$/;

// On install, keep both pages, every asset they load and the published data files, so that the
// first visit is enough for offline use (the page that registered the worker was fetched before it).
self.addEventListener('install', (event) => {
  self.skipWaiting();
  event.waitUntil(precache().catch(() => {}));
});

async function precache() {
  const cache = await caches.open(CACHE);
  const assets = new Set();
  for (const [url, key] of [['/', '/'], ['/app/index.html', '/__app_shell']]) {
    const res = await fetch(url);
    if (!res.ok) continue;
    const html = await res.clone().text();
    await cache.put(key, res);
    for (const m of html.matchAll(/["'(](\/[^"'()\s]+\.(?:js|wasm|css|svg))/g)) assets.add(m[1]);
  }
  for (const url of [...assets]) {
    const res = await fetch(url);
    if (!res.ok) continue;
    if (url.endsWith('.js')) {
      // wasm-bindgen's glue imports its snippets (the IndexedDB helpers) relative to itself.
      const base = url.slice(0, url.lastIndexOf('/') + 1);
      for (const m of (await res.clone().text()).matchAll(/["']\.\/(snippets\/[^"']+\.js)["']/g)) {
        const snip = await fetch(base + m[1]);
        if (snip.ok) await cache.put(base + m[1], snip);
      }
    }
    await cache.put(url, res);
  }
  const manifest = await fetch('/data/manifest.json');
  if (manifest.ok) {
    const files = (await manifest.clone().json()).files || [];
    await cache.put('/data/manifest.json', manifest);
    for (const f of files) {
      const res = await fetch('/data/' + f.file);
      if (res.ok) await cache.put('/data/' + f.file, res);
    }
  }
}
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (req.mode === 'navigate') {
    event.respondWith(page(req, url));
  } else if (HASHED.test(url.pathname)) {
    event.respondWith(keptFirst(req));
  } else {
    event.respondWith(networkFirst(req, req));
  }
});

// The public bundle's pages are the dashboard and the briefing; every other page is the signed-in
// bundle's one page under another path, so a page never opened before still loads offline from the
// shell of its bundle. The briefing's own copy is kept under its path only: the dashboard's shell is
// the dashboard.
const PUBLIC = new Set(['/', '/briefing']);
function shellOf(url) {
  return PUBLIC.has(url.pathname) ? '/' : '/__app_shell';
}

async function page(req, url) {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(req);
    if (res.ok) {
      await cache.put(url.pathname, res.clone());
      if (url.pathname !== '/briefing') await cache.put(shellOf(url), res.clone());
    }
    return res;
  } catch (err) {
    const kept = (await cache.match(url.pathname)) || (await cache.match(shellOf(url)));
    if (kept) return kept;
    throw err;
  }
}

async function keptFirst(req) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(req);
  if (kept) return kept;
  const res = await fetch(req);
  if (res.ok) await cache.put(req, res.clone());
  return res;
}

async function networkFirst(req, key) {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(req);
    if (res.ok) await cache.put(key, res.clone());
    return res;
  } catch (err) {
    const kept = await cache.match(key);
    if (!kept) throw err;
    // Marked so that the page can say it shows the copy kept for offline use.
    const headers = new Headers(kept.headers);
    headers.set('x-waimao-offline', '1');
    return new Response(await kept.blob(), { status: kept.status, statusText: kept.statusText, headers });
  }
}
