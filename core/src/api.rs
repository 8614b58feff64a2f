//! Wire types: the published data files (the read model) and the HTTP bodies both `server` and `web`
//! serialise. Changing a field here changes the contract; bump [`SCHEMA_VERSION`] when it breaks.

use serde::{Deserialize, Serialize};

use crate::amount::Currency;
use crate::dimension::{Dimension, Group, Member};
use crate::period::YearMonth;
use crate::region::{Region, RegionCode};
use crate::series::MonthlySeries;

pub const SCHEMA_VERSION: u32 = 1;

/// Path of the overview file under `/data/`.
pub const OVERVIEW_FILE: &str = "overview.json";

/// Path of a dimension's breakdown file under `/data/`.
pub fn dimension_file(dimension: Dimension) -> String {
    format!("dim-{}.json", dimension.code())
}

/// What every published file says about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub schema: u32,
    /// When the publisher ran (RFC 3339, UTC).
    pub generated_at: String,
    /// True when the figures are the fictional demo data (示例数据), which every view must say.
    pub illustrative: bool,
    pub source_zh: String,
    pub source_en: String,
    /// Currency of every value in the file; values are whole units (元).
    pub currency: Currency,
    pub first_month: YearMonth,
    pub last_month: YearMonth,
    /// The first month marked preliminary (快报), kept for readers of schema 1; [`Meta::is_preliminary`]
    /// is the rule.
    pub preliminary_from: Option<YearMonth>,
    /// Every month whose totals include a preliminary (快报) figure; the others are revised (修订).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub preliminary: Vec<YearMonth>,
    /// The county boundaries file beside the data files (GeoJSON), when the operator configured one;
    /// without it the map is a tile grid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boundaries: Option<String>,
    /// The newest month after `last_month` for which some counties' totals are approved but not yet
    /// every county's: it is not published, and the dashboard says that it is being compiled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending: Option<Pending>,
}

/// A month held back from publication until every county's total for it is approved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pending {
    pub month: YearMonth,
    /// Counties whose totals for the month are approved.
    pub approved: u32,
    /// Counties in the city.
    pub counties: u32,
}

impl Pending {
    /// The dashboard's line: "2021年7月数据汇总中：全市12个县区已审核1个，齐全后发布".
    pub fn sentence(&self, lang: crate::Lang) -> String {
        let month = crate::period::Period::Month(self.month).label(lang);
        match lang {
            crate::Lang::Zh => {
                format!("{month}数据汇总中：全市{}个县区已审核{}个，齐全后发布。", self.counties, self.approved)
            }
            crate::Lang::En => format!(
                "{month} is being compiled: {} of {} counties approved; it is published once all are in.",
                self.approved, self.counties
            ),
        }
    }
}

impl Meta {
    /// Whether any month of `period` is still preliminary (快报): the one rule the dashboard, the
    /// briefing, the embeds and the dataset mark figures by.
    pub fn is_preliminary(&self, period: crate::period::Period) -> bool {
        period.first_month().through(period.last_month()).any(|m| self.preliminary.binary_search(&m).is_ok())
    }
}

/// The file name an operator gives the county boundaries in the data directory.
pub const BOUNDARIES_FILE: &str = "counties.geojson";

/// Exports and imports of one region, month by month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionSeries {
    pub region: RegionCode,
    pub exports: MonthlySeries,
    pub imports: MonthlySeries,
}

/// An annual target for total trade (进出口总值), in whole currency units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    pub region: RegionCode,
    pub year: i32,
    pub total: i64,
}

/// `/data/overview.json`: city and county totals, what the first dashboard and the KPI cards read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverviewFile {
    pub meta: Meta,
    pub city: Region,
    pub counties: Vec<Region>,
    /// The city first, then the counties in registry order.
    pub series: Vec<RegionSeries>,
    pub targets: Vec<Target>,
}

impl OverviewFile {
    pub fn series_of(&self, region: RegionCode) -> Option<&RegionSeries> {
        self.series.iter().find(|s| s.region == region)
    }

    pub fn target(&self, region: RegionCode, year: i32) -> Option<i64> {
        self.targets.iter().find(|t| t.region == region && t.year == year).map(|t| t.total)
    }
}

/// Exports and imports of one member of a breakdown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberSeries {
    pub member: String,
    pub exports: MonthlySeries,
    pub imports: MonthlySeries,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionBreakdown {
    pub region: RegionCode,
    pub members: Vec<MemberSeries>,
}

/// `/data/dim-<dimension>.json`: one breakdown for the city and every county.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DimensionFile {
    pub meta: Meta,
    pub dimension: Dimension,
    pub members: Vec<Member>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Group>,
    pub regions: Vec<RegionBreakdown>,
}

/// One entry of `/data/manifest.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestEntry {
    /// The logical name readers ask for (`overview.json`).
    pub file: String,
    /// The immutable, content-addressed file that holds it (`overview.3fa9c2d1b7e04a55.json`).
    #[serde(default)]
    pub path: String,
    /// Content hash (SHA-256, hex); also the file's ETag.
    pub sha256: String,
    pub bytes: u64,
}

/// `/data/manifest.json`: what was published, when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub generated_at: String,
    pub files: Vec<ManifestEntry>,
}

/// `GET /healthz`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    pub status: String,
    pub version: String,
}

/// A table a page shows, sent to `POST /api/xlsx` to come back as an Excel workbook with the same
/// cells (the page already has the numbers; the server only writes the file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TableDownload {
    /// The sheet's title (at most 31 characters are kept, as Excel allows).
    pub sheet: String,
    pub table: crate::chart::Table,
}

impl TableDownload {
    /// The most columns a downloaded table may have (a page's widest table has a dozen).
    pub const MAX_COLUMNS: usize = 1_000;
    /// The most rows (Excel's own limit is 1,048,575 below the header).
    pub const MAX_ROWS: usize = 100_000;
    /// The most characters of one cell: Excel's own limit.
    pub const MAX_CELL_CHARS: usize = 32_767;

    /// What is wrong with the table for a workbook, in zh and en: no headers, a row longer than them,
    /// or more columns, rows or characters in a cell than a workbook holds.
    pub fn check(&self) -> Result<(), (String, String)> {
        let t = &self.table;
        if t.headers.is_empty() || t.rows.iter().any(|r| r.len() > t.headers.len()) {
            return Err((
                "表格没有表头，或某行多于表头的列数".into(),
                "The table has no headers, or a row is longer than them".into(),
            ));
        }
        if t.headers.len() > Self::MAX_COLUMNS || t.rows.len() > Self::MAX_ROWS {
            return Err((
                format!("表格过大：最多{}列、{}行", Self::MAX_COLUMNS, Self::MAX_ROWS),
                format!("The table is too large: at most {} columns and {} rows", Self::MAX_COLUMNS, Self::MAX_ROWS),
            ));
        }
        let cells = t.headers.iter().chain(t.rows.iter().flatten());
        if cells.clone().any(|c| c.chars().count() > Self::MAX_CELL_CHARS) {
            return Err((
                format!("单元格最多{}个字符", Self::MAX_CELL_CHARS),
                format!("A cell may hold at most {} characters", Self::MAX_CELL_CHARS),
            ));
        }
        Ok(())
    }

    /// The sheet's name as Excel accepts it: without `[]:*?/\` and control characters, not beginning
    /// or ending with an apostrophe, at most 31 characters, never empty nor the reserved "History".
    pub fn sheet_name(&self) -> String {
        let kept: String =
            self.sheet.chars().filter(|c| !"[]:*?/\\".contains(*c) && !c.is_control()).take(31).collect();
        let name = kept.trim().trim_matches('\'').trim();
        if name.is_empty() || name.eq_ignore_ascii_case("history") {
            "Sheet1".into()
        } else {
            name.into()
        }
    }
}

/// The body of every 4xx response: a message people can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub error: String,
}

// ---- The internal API (`/api/…`): accounts, returns, targets. ----

/// `POST /api/session`: sign in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignIn {
    pub name: String,
    pub password: String,
}

/// `POST /api/me/password`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangePassword {
    pub current: String,
    pub new: String,
}

/// `POST /api/users` (admin): a new account; the server answers with a one-time password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewUser {
    pub name: String,
    pub role: crate::account::Role,
    pub county: Option<crate::region::RegionCode>,
    pub enterprise: Option<i64>,
}

/// `PATCH /api/users/{id}` (admin): any of role and binding (together), or the disabled flag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserChange {
    pub role: Option<crate::account::Role>,
    pub county: Option<crate::region::RegionCode>,
    pub enterprise: Option<i64>,
    pub disabled: Option<bool>,
}

/// The answer to creating an account or resetting its password: the password, shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OneTimePassword {
    pub user_id: i64,
    pub name: String,
    pub password: String,
}

/// `PUT /api/targets/{region}/{year}` (admin): the annual total-trade target in whole 元.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TargetValue {
    #[cfg_attr(feature = "openapi", schema(exclusive_minimum = 0))]
    pub total: i64,
}

/// The OpenAPI schema that cannot be derived: [`RegionCode`] is written by hand because serde writes it
/// as a six-digit string ("610302"), not as the `u32` it holds.
#[cfg(feature = "openapi")]
mod openapi {
    use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
    use utoipa::openapi::RefOr;
    use utoipa::{PartialSchema, ToSchema};

    use crate::region::RegionCode;

    impl PartialSchema for RegionCode {
        fn schema() -> RefOr<Schema> {
            ObjectBuilder::new()
                .schema_type(Type::String)
                // `RegionCode::parse` refuses a leading zero, as GB/T 2260 codes never have one.
                .pattern(Some("^[1-9][0-9]{5}$"))
                .description(Some("A six-digit GB/T 2260 administrative division code, e.g. 610302 (渭滨区)."))
                .examples([serde_json::json!("610302")])
                .into()
        }
    }

    impl ToSchema for RegionCode {}
}

#[cfg(test)]
mod tests {
    use super::TableDownload;
    use crate::chart::Table;

    #[test]
    fn sheet_names_are_what_excel_accepts() {
        let cases = [
            ("进出口总值", "进出口总值"),
            ("'引号开头'", "引号开头"),
            ("a[b]:c*d?e/f\\g", "abcdefg"),
            ("  ", "Sheet1"),
            ("history", "Sheet1"),
            ("\u{0}\u{7}", "Sheet1"),
            (&"长".repeat(40), &"长".repeat(31)),
        ];
        for (given, want) in cases {
            let t = TableDownload { sheet: given.into(), table: Table { headers: vec!["a".into()], rows: vec![] } };
            assert_eq!(t.sheet_name(), want, "{given:?}");
        }
    }
}
