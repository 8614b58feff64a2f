//! The state of a dashboard view as it appears in the URL's query string, so that a reload or a shared
//! link restores exactly what was on screen. Unknown or malformed values fall back to defaults.

use crate::chart::Theme;
use crate::dimension::Dimension;
use crate::lang::Lang;
use crate::period::YearMonth;
use crate::region::RegionCode;
use crate::Unit;

/// Whether a chart panel shows the chart or its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Chart,
    Table,
}

/// How the exports-and-imports panel draws its two flows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FlowChart {
    Line,
    Area,
    /// Exports and imports side by side.
    #[default]
    Grouped,
    /// Exports on imports: the column is the total.
    Stacked,
    /// Each month's total as 100%: the export and import shares.
    Percent,
}

impl FlowChart {
    pub const ALL: [FlowChart; 5] =
        [FlowChart::Line, FlowChart::Area, FlowChart::Grouped, FlowChart::Stacked, FlowChart::Percent];

    /// How the columns share a month, for the column styles; `None` for the lines and areas.
    pub fn stacking(self) -> Option<crate::chart::Stacking> {
        use crate::chart::Stacking;
        match self {
            FlowChart::Line | FlowChart::Area => None,
            FlowChart::Grouped => Some(Stacking::Grouped),
            FlowChart::Stacked => Some(Stacking::Stacked),
            FlowChart::Percent => Some(Stacking::Percent),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            FlowChart::Line => "line",
            FlowChart::Area => "area",
            FlowChart::Grouped => "grouped",
            FlowChart::Stacked => "stacked",
            FlowChart::Percent => "percent",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == s)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            FlowChart::Line => lang.pick("折线", "Lines"),
            FlowChart::Area => lang.pick("面积", "Areas"),
            FlowChart::Grouped => lang.pick("分组柱", "Grouped"),
            FlowChart::Stacked => lang.pick("堆积柱", "Stacked"),
            FlowChart::Percent => lang.pick("百分比堆积", "100% stacked"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewState {
    /// The selected month; `None` means the latest published one.
    pub month: Option<YearMonth>,
    /// A county the whole dashboard is filtered to; `None` is the city.
    pub county: Option<RegionCode>,
    pub dimension: Dimension,
    pub unit: Unit,
    pub lang: Lang,
    pub theme: Theme,
    pub tab: Tab,
    /// Months shown by the trend chart (the time slider), 6 to 60.
    pub trend_months: u8,
    pub flows: FlowChart,
}

/// The trend chart's default span and limits, in months.
pub const TREND_MONTHS: (u8, u8, u8) = (18, 6, 60);

impl Default for ViewState {
    fn default() -> Self {
        Self {
            month: None,
            county: None,
            dimension: Dimension::TradeMode,
            unit: Unit::Yi,
            lang: Lang::Zh,
            theme: Theme::Auto,
            tab: Tab::Chart,
            trend_months: TREND_MONTHS.0,
            flows: FlowChart::default(),
        }
    }
}

impl ViewState {
    /// Reads a query string ("?month=2021-03&county=610302&lang=en"), starting from `base` for every
    /// key that is absent or invalid.
    pub fn from_query(query: &str, base: ViewState) -> ViewState {
        let mut v = base;
        for pair in query.trim_start_matches('?').split('&') {
            let Some((key, value)) = pair.split_once('=') else { continue };
            match key {
                "month" => v.month = YearMonth::parse(value).ok().or(v.month),
                "county" => v.county = RegionCode::parse(value).ok().filter(|c| !c.is_city()),
                "dim" => v.dimension = Dimension::parse(value).unwrap_or(v.dimension),
                "unit" => v.unit = Unit::parse(value).filter(|u| *u != Unit::One).unwrap_or(v.unit),
                "lang" => v.lang = Lang::parse(value).unwrap_or(v.lang),
                "theme" => v.theme = Theme::parse(value).unwrap_or(v.theme),
                "months" => {
                    v.trend_months = value
                        .parse::<u8>()
                        .ok()
                        .filter(|n| (TREND_MONTHS.1..=TREND_MONTHS.2).contains(n))
                        .unwrap_or(v.trend_months)
                }
                "flows" => v.flows = FlowChart::parse(value).unwrap_or(v.flows),
                "tab" => {
                    v.tab = match value {
                        "table" => Tab::Table,
                        "chart" => Tab::Chart,
                        _ => v.tab,
                    }
                }
                _ => {}
            }
        }
        v
    }

    /// The query string for this state, listing only what differs from the defaults (short links).
    pub fn to_query(&self) -> String {
        let d = ViewState::default();
        let mut parts = Vec::new();
        if let Some(m) = self.month {
            parts.push(format!("month={m}"));
        }
        if let Some(c) = self.county {
            parts.push(format!("county={c}"));
        }
        if self.dimension != d.dimension {
            parts.push(format!("dim={}", self.dimension.code()));
        }
        if self.unit != d.unit {
            parts.push(format!("unit={}", self.unit.code()));
        }
        if self.lang != d.lang {
            parts.push(format!("lang={}", self.lang.code()));
        }
        if self.theme != d.theme {
            parts.push(format!("theme={}", self.theme.code()));
        }
        if self.tab == Tab::Table {
            parts.push("tab=table".into());
        }
        if self.trend_months != d.trend_months {
            parts.push(format!("months={}", self.trend_months));
        }
        if self.flows != d.flows {
            parts.push(format!("flows={}", self.flows.code()));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_the_query() {
        let v = ViewState {
            month: Some(YearMonth::new(2021, 3).unwrap()),
            county: Some(RegionCode::parse("610302").unwrap()),
            dimension: Dimension::Partner,
            unit: Unit::Wan,
            lang: Lang::En,
            theme: Theme::Dark,
            tab: Tab::Table,
            trend_months: 24,
            flows: FlowChart::Percent,
        };
        let q = v.to_query();
        assert_eq!(
            q,
            "?month=2021-03&county=610302&dim=partner&unit=wan&lang=en&theme=dark&tab=table&months=24&flows=percent"
        );
        assert_eq!(ViewState::from_query(&q, ViewState::default()), v);
        assert_eq!(ViewState::default().to_query(), "");
    }

    #[test]
    fn ignores_bad_values() {
        let base = ViewState { lang: Lang::En, ..ViewState::default() };
        let v = ViewState::from_query(
            "?month=2021-13&county=610300&dim=x&unit=one&lang=fr&theme=x&tab=x&months=99&flows=pie&junk",
            base.clone(),
        );
        assert_eq!(v, base);
    }
}
