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
    }
}
