//! A small writer of standalone SVG: escaped text, coordinates with two decimals, and the styles of the
//! three themes inside the image, so the same text works inline in a page and alone as a file.

use std::fmt::Write;

use crate::chart::{coord, series_colour, Theme};
use crate::lang::Lang;

/// What a chart's target says when the pointer or the keyboard reaches it: a heading (the month, the
/// county) and its figures, and where it is across the chart (0 to 1), to place a tooltip.
#[derive(Debug, Clone, PartialEq)]
pub struct Tip {
    pub x: f64,
    pub head: String,
    pub lines: Vec<String>,
    /// What choosing the target picks on the dashboard (a county's code), for targets that pick.
    pub key: Option<String>,
}

impl Tip {
    /// The tooltip on one line: "2021年6月：5.01亿元 · 同比+3.2%".
    pub fn line(&self, l: Lang) -> String {
        format!("{}{}{}", self.head, l.pick("：", ": "), self.lines.join(" · "))
    }
}

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
    // Growth up in red and down in green, as Chinese statistics colour them (the page's --up, --down).
    let (up, down) = if dark { ("#ff7b6b", "#5fd39a") } else { ("#b4271b", "#17734a") };
    format!(
        ".t{{fill:{ink}}}.m{{fill:{muted}}}.g{{stroke:{grid}}}.bg{{fill:{bg}}}.s0{{fill:{}}}.s1{{fill:{}}}\
         .l0{{stroke:{};fill:none;stroke-width:2}}.d0{{fill:{}}}.g0{{fill:{grid}}}.tk{{stroke:{ink};stroke-width:2}}.hit:focus,.hit.on{{fill:{muted};fill-opacity:.12}}\
         .hit.picked{{stroke:{ink};stroke-width:3}}.up{{fill:{up}}}.down{{fill:{down}}}.flat{{fill:{muted}}}",
        series_colour(0, dark),
        series_colour(1, dark),
        series_colour(3, dark),
        series_colour(3, dark),
    ) + &slices
}

fn styles(theme: Theme) -> String {
    // Scoped to the drawings: inline in a page, a drawing's styles must not reach the page's other images.
    let base = "svg[data-embed-chart]{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"PingFang SC\",\
        \"Microsoft YaHei\",sans-serif;font-size:13px}[data-embed-chart] .hit{fill:transparent;outline:none}\
        [data-embed-chart] text{font-variant-numeric:tabular-nums}";
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
    width: f64,
    /// The dashboard's name of the chart when it is drawn for the dashboard (`trend`): its targets
    /// then carry test ids (`trend-hit-3`).
    id: Option<&'static str>,
    lang: Lang,
    tips: Vec<Tip>,
}

impl Svg {
    /// Opens a `width` × `height` image that scales to its container's width.
    pub fn new(width: f64, height: f64, theme: Theme, label: &str) -> Svg {
        Svg::open(width, height, theme, label, None, Lang::Zh)
    }

    /// Opens a chart: an image for a widget (`id` `None`), or for the dashboard a focusable group
    /// named `{id}-chart` whose targets the page's pointer and keyboard handling find.
    pub fn open(width: f64, height: f64, theme: Theme, label: &str, id: Option<&'static str>, lang: Lang) -> Svg {
        let mut out = String::new();
        let role = match id {
            None => "role=\"img\"".to_string(),
            Some(id) => format!(
                "data-testid=\"{id}-chart\" tabindex=\"0\" role=\"group\" aria-roledescription=\"{}\"",
                lang.pick("图表", "chart")
            ),
        };
        let _ = write!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"{}\" viewBox=\"0 0 {} {}\" width=\"100%\" \
             {role} aria-label=\"{}\" data-embed-chart=\"\"><style>{}</style>\
             <rect class=\"bg\" x=\"0\" y=\"0\" width=\"{}\" height=\"{}\"/>",
            theme.code(),
            coord(width),
            coord(height),
            escape(label),
            styles(theme),
            coord(width),
            coord(height)
        );
        Svg { out, width, id, lang, tips: Vec::new() }
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

    /// A transparent target for one category: its tooltip, reachable by pointer and keyboard. Targets
    /// are numbered in the order they are drawn.
    pub fn hit(&mut self, x: f64, y: f64, w: f64, h: f64, head: String, lines: Vec<String>) {
        self.target(x, y, w, h, Tip { x: 0.0, head, lines, key: None }, None);
    }

    /// A target that also chooses something on the dashboard (a county, by its `key`): there it is a
    /// toggle button, pressed when `pressed`, named by its tooltip.
    #[allow(clippy::too_many_arguments)]
    pub fn pick(
        &mut self,
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        head: String,
        lines: Vec<String>,
        key: String,
        pressed: bool,
    ) {
        self.target(x, y, w, h, Tip { x: 0.0, head, lines, key: Some(key) }, Some(pressed));
    }

    fn target(&mut self, x: f64, y: f64, w: f64, h: f64, mut tip: Tip, pressed: Option<bool>) {
        tip.x = (x + w / 2.0) / self.width;
        let text = escape(&tip.line(self.lang));
        let index = self.tips.len();
        let mut attrs = String::new();
        match self.id {
            // An image's targets carry their text as a title, the browser's own tooltip where no
            // script runs; the dashboard shows its own tooltip and would show both.
            None => {}
            Some(id) => {
                let _ = write!(attrs, " data-testid=\"{id}-hit-{index}\"");
                if let (Some(pressed), Some(key)) = (pressed, &tip.key) {
                    let _ = write!(
                        attrs,
                        " data-key=\"{}\" role=\"button\" tabindex=\"0\" aria-pressed=\"{pressed}\" aria-label=\"{text}\"",
                        escape(key)
                    );
                }
            }
        }
        let title = if self.id.is_some() { String::new() } else { format!("<title>{text}</title>") };
        let on = if pressed == Some(true) { " picked" } else { "" };
        let _ = write!(
            self.out,
            "<rect class=\"hit{on}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" data-i=\"{index}\"{attrs} \
             data-tip=\"{text}\">{title}</rect>",
            coord(x),
            coord(y),
            coord(w),
            coord(h),
        );
        self.tips.push(tip);
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

    pub fn finish(self) -> String {
        self.finish_with_tips().0
    }

    /// The image's text and its targets' tooltips, by target number.
    pub fn finish_with_tips(mut self) -> (String, Vec<Tip>) {
        self.out.push_str("</svg>");
        (self.out, self.tips)
    }
}
