//! Series colours: the Okabe–Ito palette, distinguishable with the common kinds of colour blindness,
//! with lighter variants for the dark theme.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// Follow the system's light or dark setting.
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    pub fn code(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Theme::Auto, Theme::Light, Theme::Dark].into_iter().find(|t| t.code() == s)
    }
}

const LIGHT: [&str; 8] = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#555555"];
const DARK: [&str; 8] = ["#56B4E9", "#F5B841", "#2BC79A", "#FF7F3F", "#9AD0F0", "#E19CC5", "#F0E442", "#BBBBBB"];

/// The colour of the `i`-th series; `dark` picks the variant for dark backgrounds.
pub fn series_colour(i: usize, dark: bool) -> &'static str {
    let table = if dark { &DARK } else { &LIGHT };
    table[i % table.len()]
}

/// A colour on a sequential scale for `t` in 0..=1 (light to dark blue; reversed on dark backgrounds so
/// larger values stand out there too), as `#rrggbb`.
pub fn sequential(t: f64, dark: bool) -> String {
    let t = if t.is_finite() { t.clamp(0.0, 1.0) } else { 0.0 };
    let (from, to) =
        if dark { ([0x23, 0x33, 0x48], [0x9A, 0xD0, 0xF0]) } else { ([0xDC, 0xEA, 0xF7], [0x08, 0x45, 0x94]) };
    let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
    format!("#{:02x}{:02x}{:02x}", mix(from[0], to[0]), mix(from[1], to[1]), mix(from[2], to[2]))
}

/// The fill and text colour of a county shaded by its value (the map's rule, shared by the dashboard
/// and the embeddable map): the square root of its share of the largest value, so that small counties
/// stay distinguishable. Drawing only; the figure printed on the county is exact.
pub fn shade(value: Option<i64>, max: i64, dark: bool) -> (String, &'static str) {
    let t = value.map_or(0.0, |v| (v as f64 / max.max(1) as f64).sqrt());
    let ink = if (t > 0.55) != dark { "#ffffff" } else { "#1d2430" };
    (sequential(t, dark), ink)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_cycle_and_themes_parse() {
        assert_eq!(series_colour(0, false), "#0072B2");
        assert_eq!(series_colour(8, false), series_colour(0, false));
        assert_ne!(series_colour(0, true), series_colour(0, false));
        assert_eq!(Theme::parse("dark"), Some(Theme::Dark));
        assert_eq!(Theme::parse("purple"), None);
        assert_eq!(sequential(0.0, false), "#dceaf7");
        assert_eq!(sequential(1.0, false), "#084594");
        assert_eq!(sequential(f64::NAN, false), "#dceaf7");
    }
}
