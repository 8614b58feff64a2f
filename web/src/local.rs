//! The browser's durable storage for the forms: drafts, the submission queue and cached API answers,
//! in IndexedDB through `js/local.js`. Values are stored as JSON text written by serde, so a stored
//! draft reads back exactly as it was typed.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/local.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = idbPut)]
    async fn idb_put(store: &str, key: &str, json: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = idbGet)]
    async fn idb_get(store: &str, key: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = idbDelete)]
    async fn idb_delete(store: &str, key: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = idbAll)]
    async fn idb_all(store: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = askPersistence)]
    pub fn ask_persistence();
    #[wasm_bindgen(js_name = registerWorker)]
    pub fn register_worker();
}

/// The object stores `js/local.js` creates.
#[derive(Debug, Clone, Copy)]
pub enum Store {
    Drafts,
    Queue,
    Cache,
}

impl Store {
    fn name(self) -> &'static str {
        match self {
            Store::Drafts => "drafts",
            Store::Queue => "queue",
            Store::Cache => "cache",
        }
    }
}

fn message(e: JsValue) -> String {
    e.as_string()
        .or_else(|| js_sys::Reflect::get(&e, &"message".into()).ok().and_then(|m| m.as_string()))
        .unwrap_or_else(|| "IndexedDB failed".into())
}

/// Writes `value`; the future resolves once the write is durable.
pub async fn put<T: Serialize>(store: Store, key: &str, value: &T) -> Result<(), String> {
    let json = serde_json::to_string(value).map_err(|e| e.to_string())?;
    idb_put(store.name(), key, &json).await.map(|_| ()).map_err(message)
}

pub async fn get<T: DeserializeOwned>(store: Store, key: &str) -> Option<T> {
    let v = idb_get(store.name(), key).await.ok()?;
    serde_json::from_str(&v.as_string()?).ok()
}

pub async fn delete(store: Store, key: &str) -> Result<(), String> {
    idb_delete(store.name(), key).await.map(|_| ()).map_err(message)
}

/// Every value of a store that reads as a `T`, in key order.
pub async fn all<T: DeserializeOwned>(store: Store) -> Vec<T> {
    let Ok(v) = idb_all(store.name()).await else {
        return Vec::new();
    };
    js_sys::Array::from(&v).iter().filter_map(|x| x.as_string()).filter_map(|s| serde_json::from_str(&s).ok()).collect()
}

/// A fresh random (version 4) UUID from `crypto.getRandomValues`, which unlike `crypto.randomUUID` also
/// exists on a bureau's plain-HTTP intranet address.
pub fn uuid() -> String {
    let mut b = [0u8; 16];
    if let Some(c) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = c.get_random_values_with_u8_array(&mut b);
    }
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

/// Milliseconds since the epoch, by the browser's clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}
