//! The pointer layer of a long-series chart: crosshair, dots and tooltip for the active point, written
//! straight to the DOM. A pointer sweep moves the active point hundreds of times a second; going
//! through the reactive graph would run a dozen effects per move, while this sets one translation and
//! one length per line through the SVG DOM's numeric interface (no strings to pass or parse) and
//! the tooltip's changed texts.

use std::cell::RefCell;

use waimao_core::chart::fixed;
use wasm_bindgen::JsCast;
use web_sys::{
    CssStyleDeclaration, Element, HtmlElement, SvgCircleElement, SvgGraphicsElement, SvgLength, SvgTransform,
};

/// Where the active point is drawn: its x, each line's y (`None` in a gap), and the tooltip's lines
/// (the first is the heading).
pub struct Marker {
    pub x: f64,
    pub ys: Vec<Option<f64>>,
    pub lines: Vec<String>,
}

/// The elements the layer writes to, found once after the chart is mounted, and what they show now,
/// so that nothing unchanged is written again.
pub struct PointerLayer {
    /// A group holding the crosshair at x = 0 and one dot per line; moving it moves them all.
    marker: Element,
    /// The group's translation, which the marker's `transform="translate(0 0)"` provides.
    shift: Option<SvgTransform>,
    /// Each dot with its `cy` length, looked up once: every call across the wasm boundary costs.
    dots: Vec<(SvgCircleElement, SvgLength)>,
    /// The tooltip's container, a live region; the tooltip exists only while a point is active.
    layer: Element,
    /// The chart's width in viewBox units, to place the tooltip in percent.
    width: f64,
    testid: String,
    shown: RefCell<Shown>,
}

#[derive(Default)]
struct Shown {
    visible: bool,
    dots: Vec<Option<f64>>,
    tip: Option<(HtmlElement, CssStyleDeclaration, Vec<Element>)>,
    lines: Vec<String>,
    /// Whether the tooltip hangs to the left of the crosshair.
    hangs_left: Option<bool>,
}

impl PointerLayer {
    pub fn new(marker: Element, layer: Element, width: f64, testid: &str) -> Self {
        let list = marker.query_selector_all("circle").ok();
        let dots = list
            .map(|l| {
                (0..l.length())
                    .filter_map(|i| l.item(i))
                    .filter_map(|n| n.dyn_into::<SvgCircleElement>().ok())
                    .map(|c| {
                        let cy = c.cy().base_val();
                        (c, cy)
                    })
                    .collect()
            })
            .unwrap_or_default();
        let shift = marker.dyn_ref::<SvgGraphicsElement>().and_then(|g| g.transform().base_val().get_item(0).ok());
        // A new layer starts from nothing shown, whatever an earlier one left.
        let _ = marker.set_attribute("visibility", "hidden");
        layer.set_text_content(None);
        Self { marker, shift, dots, layer, width, testid: testid.to_string(), shown: RefCell::default() }
    }

    /// Draws `marker`, or hides everything for `None`.
    pub fn show(&self, marker: Option<Marker>) {
        let mut shown = self.shown.borrow_mut();
        let Some(m) = marker else {
            if shown.visible {
                let _ = self.marker.set_attribute("visibility", "hidden");
                self.layer.set_text_content(None);
                *shown = Shown::default();
            }
            return;
        };
        if let Some(shift) = &self.shift {
            let _ = shift.set_translate(m.x as f32, 0.0);
        }
        if !shown.visible {
            let _ = self.marker.set_attribute("visibility", "visible");
            shown.visible = true;
        }
        shown.dots.resize(self.dots.len(), None);
        for (((dot, cy_length), y), was) in self.dots.iter().zip(&m.ys).zip(shown.dots.iter_mut()) {
            let now = *y;
            if *was != now {
                match now {
                    Some(cy) => {
                        let _ = cy_length.set_value(cy as f32);
                        if was.is_none() {
                            let _ = dot.set_attribute("visibility", "inherit");
                        }
                    }
                    None => {
                        let _ = dot.set_attribute("visibility", "hidden");
                    }
                }
                *was = now;
            }
        }
        let _ = self.tooltip(&mut shown, &m);
    }

    fn tooltip(&self, shown: &mut Shown, m: &Marker) -> Option<()> {
        if shown.tip.as_ref().is_none_or(|(_, _, lines)| lines.len() != m.lines.len()) {
            let doc = self.layer.owner_document()?;
            self.layer.set_text_content(None);
            let tip: HtmlElement = doc.create_element("div").ok()?.dyn_into().ok()?;
            tip.set_class_name("tooltip");
            tip.set_attribute("data-testid", &format!("{}-tooltip", self.testid)).ok()?;
            let mut lines = Vec::new();
            for i in 0..m.lines.len() {
                let line = doc.create_element(if i == 0 { "strong" } else { "span" }).ok()?;
                tip.append_child(&line).ok()?;
                lines.push(line);
            }
            self.layer.append_child(&tip).ok()?;
            let style = tip.style();
            shown.tip = Some((tip, style, lines));
            shown.lines = vec![String::new(); m.lines.len()];
            shown.hangs_left = None;
        }
        let (tip, style, elements) = shown.tip.as_ref()?;
        // Near the right edge the box hangs to the left of the crosshair so that it stays inside.
        let left = m.x / self.width * 100.0;
        let hangs_left = left > 70.0;
        if shown.hangs_left != Some(hangs_left) {
            style.remove_property(if hangs_left { "left" } else { "right" }).ok()?;
            tip.set_class_name(if hangs_left { "tooltip hang-left" } else { "tooltip" });
            shown.hangs_left = Some(hangs_left);
        }
        let (side, offset) = if hangs_left { ("right", 100.0 - left) } else { ("left", left) };
        style.set_property(side, &format!("{}%", fixed(offset, 2))).ok()?;
        for ((el, text), was) in elements.iter().zip(&m.lines).zip(shown.lines.iter_mut()) {
            if was != text {
                el.set_text_content(Some(text));
                was.clone_from(text);
            }
        }
        Some(())
    }
}
