//! A small writer of standalone SVG: escaped text, coordinates with two decimals, and the styles of the
//! three themes inside the image, so the same text works inline in a page and alone as a file.

use std::fmt::Write;

use crate::chart::{coord, series_colour, Theme};

/// Text safe inside an element or a double-quoted attribute.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The colours of a theme: text, secondary text, grid, background, the two series and the line.
fn palette(dark: bool) -> String {
    let slices: String = (0..8).map(|i| format!(".c{i}{{fill:{}}}", series_colour(i, dark))).collect();
    let (ink, muted, grid, bg) =
        if dark { ("#e6e9ee", "#a3acb9", "#323a46", "#1d232c") } else { ("#1d2430", "#5b6574", "#dfe3ea", "#ffffff") };
    format!(
        ".t{{fill:{ink}}}.m{{fill:{muted}}}.g{{stroke:{grid}}}.bg{{fill:{bg}}}.s0{{fill:{}}}.s1{{fill:{}}}\
         .l0{{stroke:{};fill:none;stroke-width:2}}.d0{{fill:{}}}.g0{{fill:{grid}}}.tk{{stroke:{ink};stroke-width:2}}.hit:focus,.hit.on{{fill:{muted};fill-opacity:.12}}",
        series_colour(0, dark),
        series_colour(1, dark),
        series_colour(3, dark),
        series_colour(3, dark),
    ) + &slices
}

fn styles(theme: Theme) -> String {
    let base =
        "svg{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"PingFang SC\",\"Microsoft YaHei\",sans-serif;\
        font-size:13px}.hit{fill:transparent;outline:none}text{font-variant-numeric:tabular-nums}";
    let scoped = |class: &str, dark: bool| {
        palette(dark).split('}').filter(|r| !r.is_empty()).map(|r| format!(".{class} {r}}}")).collect::<String>()
    };
    match theme {
        Theme::Light => format!("{base}{}.dk{{display:none}}", scoped("light", false)),
        Theme::Dark => format!("{base}{}.lt{{display:none}}", scoped("dark", true)),
        Theme::Auto => format!(
            "{base}{}.dk{{display:none}}@media (prefers-color-scheme: dark){{{}.lt{{display:none}}.dk{{display:inline}}}}",
            scoped("auto", false),
            scoped("auto", true)
        ),
    }
}

pub struct Svg {
    out: String,
}

impl Svg {
    /// Opens a `width` × `height` image that scales to its container's width.
    pub fn new(width: f64, height: f64, theme: Theme, label: &str) -> Svg {
        let mut out = String::new();
        let _ = write!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"{}\" viewBox=\"0 0 {} {}\" width=\"100%\" \
             role=\"img\" aria-label=\"{}\" data-embed-chart=\"\"><style>{}</style>\
             <rect class=\"bg\" x=\"0\" y=\"0\" width=\"{}\" height=\"{}\"/>",
            theme.code(),
            coord(width),
            coord(height),
            escape(label),
            styles(theme),
            coord(width),
            coord(height)
        );
        Svg { out }
    }

    pub fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, class: &str) {
        let _ = write!(
            self.out,
            "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
            coord(x),
            coord(y),
            coord(w.max(0.0)),
            coord(h.max(0.0))
        );
    }

    /// A transparent target for one category: its tooltip text, reachable by pointer and keyboard.
    pub fn hit(&mut self, x: f64, y: f64, w: f64, h: f64, index: usize, tip: &str) {
        let _ = write!(
            self.out,
            "<rect class=\"hit\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" data-i=\"{index}\" data-tip=\"{}\"><title>{}</title></rect>",
            coord(x),
            coord(y),
            coord(w),
            coord(h),
            escape(tip),
            escape(tip)
        );
    }

    pub fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, class: &str) {
        let _ = write!(
            self.out,
            "<line class=\"{class}\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
            coord(x1),
            coord(y1),
            coord(x2),
            coord(y2)
        );
    }

    pub fn path(&mut self, d: &str, class: &str) {
        let _ = write!(self.out, "<path class=\"{class}\" d=\"{d}\"/>");
    }

    pub fn dot(&mut self, x: f64, y: f64, class: &str) {
        let _ = write!(self.out, "<circle class=\"{class}\" cx=\"{}\" cy=\"{}\" r=\"2.5\"/>", coord(x), coord(y));
    }

    /// Text as text (searchable, selectable, in Chinese as written), anchored `start`, `middle` or `end`.
    pub fn text(&mut self, x: f64, y: f64, anchor: &str, class: &str, text: &str) {
        let _ = write!(
            self.out,
            "<text class=\"{class}\" x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\">{}</text>",
            coord(x),
            coord(y),
            escape(text)
        );
    }

    /// A map tile in one theme's colours (`class` `lt` or `dk`; the styles hide the other theme's):
    /// a rounded rectangle with two centred lines of text.
    #[allow(clippy::too_many_arguments)]
    pub fn tile(&mut self, x: f64, y: f64, w: f64, h: f64, class: &str, fill: &str, ink: &str, lines: [&str; 2]) {
        let _ = write!(
            self.out,
            "<g class=\"{class}\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"5\" fill=\"{fill}\"/>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{ink}\">{}</text>\
             <text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{ink}\">{}</text></g>",
            coord(x),
            coord(y),
            coord(w),
            coord(h),
            coord(x + w / 2.0),
            coord(y + h / 2.0 - 3.0),
            escape(lines[0]),
            coord(x + w / 2.0),
            coord(y + h / 2.0 + 14.0),
            escape(lines[1])
        );
    }

    pub fn finish(mut self) -> String {
        self.out.push_str("</svg>");
        self.out
    }
}
