//! Saving files the page makes: a chart's table as CSV, the chart itself as SVG (text stays text, so
//! Chinese labels remain searchable) or as PNG drawn from that SVG at twice the size.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// Offers `content` as a download named `filename`.
pub fn save(filename: &str, mime: &str, content: &str) -> Result<(), JsValue> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    save_blob(filename, &blob)
}

const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Asks the server to write `table` as an Excel workbook (number cells as numbers with their format,
/// Chinese headers) and offers it as `filename`. The page's own cells go, so the file shows what the
/// screen shows.
pub async fn save_xlsx(filename: &str, sheet: &str, table: &waimao_core::chart::Table) -> Result<(), String> {
    let body = waimao_core::api::TableDownload { sheet: sheet.to_string(), table: table.clone() };
    let bytes = crate::api::export::xlsx(&body).await?;
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(XLSX_MIME);
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes.as_slice()));
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(|e| format!("{e:?}"))?;
    save_blob(filename, &blob).map_err(|e| format!("{e:?}"))
}

fn save_blob(filename: &str, blob: &web_sys::Blob) -> Result<(), JsValue> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let url = web_sys::Url::create_object_url_with_blob(blob)?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    web_sys::Url::revoke_object_url(&url)
}

/// Style properties copied onto every element, because a saved SVG cannot see the page's stylesheet.
const STYLE_PROPS: [&str; 10] = [
    "fill",
    "stroke",
    "stroke-width",
    "stroke-dasharray",
    "opacity",
    "font-size",
    "font-weight",
    "font-family",
    "text-anchor",
    "visibility",
];

/// A standalone copy of the `<svg>` matched by `selector`: computed styles inlined, sized, with a
/// background so it reads the same on any page. Returns the markup and its width and height.
pub fn standalone_svg(selector: &str) -> Result<(String, f64, f64), JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let svg = document.query_selector(selector)?.ok_or("no chart to save")?;
    let copy: web_sys::Element = svg.clone_node_with_deep(true)?.dyn_into()?;
    let originals = svg.query_selector_all("*")?;
    let copies = copy.query_selector_all("*")?;
    for i in 0..originals.length() {
        let (Some(o), Some(c)) = (originals.item(i), copies.item(i)) else { continue };
        let (Ok(o), Ok(c)) = (o.dyn_into::<web_sys::Element>(), c.dyn_into::<web_sys::Element>()) else { continue };
        if let Some(style) = window.get_computed_style(&o)? {
            let inline: String = STYLE_PROPS
                .iter()
                .filter_map(|p| style.get_property_value(p).ok().filter(|v| !v.is_empty()).map(|v| format!("{p}:{v};")))
                .collect();
            c.set_attribute("style", &inline)?;
        }
    }
    let rect = svg.get_bounding_client_rect();
    let (w, h) = (rect.width().max(1.0), rect.height().max(1.0));
    let body_bg = window
        .get_computed_style(&document.body().ok_or("no body")?.into())?
        .and_then(|s| s.get_property_value("background-color").ok())
        .unwrap_or_else(|| "#ffffff".into());
    copy.set_attribute("xmlns", "http://www.w3.org/2000/svg")?;
    copy.set_attribute("width", &format!("{w}"))?;
    copy.set_attribute("height", &format!("{h}"))?;
    copy.set_attribute("style", &format!("background:{body_bg}"))?;
    let markup = web_sys::XmlSerializer::new()?.serialize_to_string(&copy)?;
    Ok((markup, w, h))
}

pub fn save_svg(selector: &str, filename: &str) -> Result<(), JsValue> {
    let (markup, _, _) = standalone_svg(selector)?;
    save(filename, "image/svg+xml;charset=utf-8", &markup)
}

/// Draws the standalone SVG on a canvas at twice its size and saves the PNG. The browser's own fonts
/// draw the text, so Chinese labels come out as on screen.
pub fn save_png(selector: &str, filename: &str) -> Result<(), JsValue> {
    let (markup, w, h) = standalone_svg(selector)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml;charset=utf-8");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&js_sys::Array::of1(&markup.into()), &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let img = web_sys::HtmlImageElement::new()?;
    let canvas: web_sys::HtmlCanvasElement = document.create_element("canvas")?.dyn_into()?;
    let scale = 2.0;
    canvas.set_width((w * scale) as u32);
    canvas.set_height((h * scale) as u32);
    let name = filename.to_string();
    let img_for_load = img.clone();
    let on_load = Closure::once(move || {
        let draw = || -> Result<(), JsValue> {
            let ctx: web_sys::CanvasRenderingContext2d =
                canvas.get_context("2d")?.ok_or("no 2d context")?.dyn_into()?;
            ctx.scale(scale, scale)?;
            ctx.draw_image_with_html_image_element(&img_for_load, 0.0, 0.0)?;
            web_sys::Url::revoke_object_url(&url)?;
            let on_blob = Closure::once(move |blob: Option<web_sys::Blob>| {
                if let Some(b) = blob {
                    let _ = save_blob(&name, &b);
                }
            });
            canvas.to_blob(on_blob.as_ref().unchecked_ref())?;
            on_blob.forget();
            Ok(())
        };
        if let Err(e) = draw() {
            leptos::logging::warn!("PNG export failed: {e:?}");
        }
    });
    img.set_onload(Some(on_load.as_ref().unchecked_ref()));
    // The closure frees itself when it runs once; until then the image holds the only reference.
    on_load.forget();
    img.set_src(&web_sys::Url::create_object_url_with_blob(&blob)?);
    Ok(())
}
