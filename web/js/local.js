// waimao's local storage in the browser: drafts, the submission queue and cached API answers in
// IndexedDB, written with strict durability so that a resolved write has reached the disk.
// Values are JSON text written by the Rust side; this file only moves them in and out.

const NAME = 'waimao';
const STORES = ['drafts', 'queue', 'cache'];
let opening = null;

function open() {
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      const req = indexedDB.open(NAME, 1);
      req.onupgradeneeded = () => {
        for (const s of STORES) {
          if (!req.result.objectStoreNames.contains(s)) req.result.createObjectStore(s);
        }
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => { opening = null; reject(req.error); };
    });
  }
  return opening;
}

function run(store, mode, work) {
  return open().then((db) => new Promise((resolve, reject) => {
    const tx = db.transaction(store, mode, { durability: 'strict' });
    const out = work(tx.objectStore(store));
    tx.oncomplete = () => resolve(out.result === undefined ? null : out.result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new Error('transaction aborted'));
  }));
}

export function idbPut(store, key, json) {
  return run(store, 'readwrite', (s) => s.put(json, key));
}

export function idbGet(store, key) {
  return run(store, 'readonly', (s) => s.get(key));
}

export function idbDelete(store, key) {
  return run(store, 'readwrite', (s) => s.delete(key));
}

// Every value of a store, in key order.
export function idbAll(store) {
  return run(store, 'readonly', (s) => s.getAll());
}

// Asks the browser not to evict this site's storage under pressure.
export function askPersistence() {
  if (navigator.storage && navigator.storage.persist) {
    navigator.storage.persist().catch(() => {});
  }
}

// The service worker that keeps the app and the last published data for offline use. It is registered
// once the page has loaded and settled, so that its precaching never competes with the first paint.
export function registerWorker() {
  if (!('serviceWorker' in navigator)) return;
  const register = () => navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {});
  const later = () => setTimeout(register, 1500);
  if (document.readyState === 'complete') later();
  else addEventListener('load', later, { once: true });
}
