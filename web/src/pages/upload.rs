//! Sending a file to the server with the upload's progress, which `fetch` cannot report: an
//! `XMLHttpRequest` whose upload events move a signal the page draws as a progress bar.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// How far an upload is: bytes sent of the total.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    pub sent: f64,
    pub total: f64,
}

impl Progress {
    pub fn percent(self) -> u32 {
        if self.total <= 0.0 {
            0
        } else {
            ((self.sent / self.total) * 100.0).round().min(100.0) as u32
        }
    }
}

/// POSTs `file` to `url`, reporting progress into `progress`; calls `done` with the status and the
/// answer's text (status 0 when the network failed).
pub fn post_file(
    url: &str,
    file: &web_sys::File,
    progress: RwSignal<Option<Progress>>,
    done: impl Fn(u16, String) + 'static,
) -> Result<(), wasm_bindgen::JsValue> {
    let xhr = web_sys::XmlHttpRequest::new()?;
    xhr.open("POST", url)?;
    xhr.set_request_header("content-type", "application/octet-stream")?;
    let on_progress = Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
        if e.length_computable() {
            progress.set(Some(Progress { sent: e.loaded(), total: e.total() }));
        }
    });
    xhr.upload()?.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    // A page sends a handful of files: its two small closures are left to the page's lifetime rather
    // than tracked until the request ends.
    on_progress.forget();
    let request = xhr.clone();
    let on_end = Closure::<dyn FnMut()>::new(move || {
        let text = request.response_text().ok().flatten().unwrap_or_default();
        done(request.status().unwrap_or(0), text);
    });
    xhr.set_onloadend(Some(on_end.as_ref().unchecked_ref()));
    on_end.forget();
    progress.set(Some(Progress { sent: 0.0, total: file.size() }));
    xhr.send_with_opt_blob(Some(file))
}
