//! The interface's own words in Chinese and English. Domain names (measures, periods, regions) come
//! from `waimao-core`; only the screen's wording lives here.

use waimao_core::Lang;

/// A text of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum T {
    AppTitle,
    Bureau,
    Loading,
    LoadFailed,
    Retry,
    Illustrative,
    UpdatedAt,
    Preliminary,
    Month,
    Unit,
    Language,
    MonthValue,
    Ytd,
    Yoy,
    Trend,
    TrendNote,
    Ranking,
    RankingNote,
    YoyAxis,
    Source,
    Share,
    Completion,
    Theme,
    ThemeAuto,
    ThemeLight,
    ThemeDark,
    ViewAs,
    ChartView,
    TableView,
    DownloadCsv,
    FilteredTo,
    ShowCity,
    ChartKeys,
    FilterHint,
    Composition,
    CompositionNote,
    Dimension,
    NotAdditive,
    Others,
    Total,
    Pull,
    Map,
    MapNote,
}

pub fn t(lang: Lang, key: T) -> &'static str {
    use T::*;
    let (zh, en) = match key {
        AppTitle => ("外贸运行监测", "Foreign Trade Monitor"),
        Bureau => ("宝鸡市商务局", "Baoji Bureau of Commerce"),
        Loading => ("正在加载数据…", "Loading data…"),
        LoadFailed => {
            ("数据加载失败，请检查网络后重试。", "The data could not be loaded. Check the connection and try again.")
        }
        Retry => ("重试", "Try again"),
        Illustrative => (
            "示例数据：本页数字为演示用的虚构数据，不是官方统计。",
            "Illustrative data: the figures on this page are fictional demo data, not official statistics.",
        ),
        UpdatedAt => ("数据更新于", "Data updated"),
        Preliminary => ("为快报数", "preliminary"),
        Month => ("月份", "Month"),
        Unit => ("单位", "Unit"),
        Language => ("语言", "Language"),
        MonthValue => ("当月", "Month"),
        Ytd => ("累计", "Year to date"),
        Yoy => ("同比", "YoY"),
        Trend => ("月度进出口走势", "Monthly trade trend"),
        TrendNote => ("柱：当月值；线：同比增速（右轴）", "Columns: month value; line: YoY growth (right axis)"),
        Ranking => ("各县区进出口累计", "Counties by year-to-date trade"),
        RankingNote => ("按累计值排序", "Ranked by year-to-date value"),
        YoyAxis => ("同比 %", "YoY %"),
        Source => ("数据来源：", "Source: "),
        Share => ("占比", "Share"),
        Completion => ("完成率", "Target"),
        Theme => ("主题：", "Theme: "),
        ThemeAuto => ("跟随系统", "system"),
        ThemeLight => ("浅色", "light"),
        ThemeDark => ("深色", "dark"),
        ViewAs => ("显示方式", "Show as"),
        ChartView => ("图表", "Chart"),
        TableView => ("表格", "Table"),
        DownloadCsv => ("下载CSV", "Download CSV"),
        FilteredTo => ("当前筛选：", "Filtered to: "),
        ShowCity => ("返回全市", "Back to the whole city"),
        ChartKeys => (
            "用左右方向键逐月查看，Esc退出。",
            "Use the left and right arrow keys to move between months; Escape leaves.",
        ),
        FilterHint => ("点击县区名称可筛选整个页面。", "Click a county to filter the whole page."),
        Composition => ("进出口构成", "Composition of trade"),
        CompositionNote => (
            "累计值；拉动为对进出口总值增速的贡献（百分点）",
            "Year to date; pull is the contribution to total growth in percentage points",
        ),
        Dimension => ("分类", "By"),
        NotAdditive => (
            "重点商品类别相互交叉（如高新技术产品多属机电产品），各项占比之和不等于100%。",
            "Key product categories overlap (most high-tech products are also mechanical and electrical), so their shares do not add up to 100%.",
        ),
        Others => ("其他", "Others"),
        Total => ("合计", "Total"),
        Pull => ("拉动", "Pull"),
        Map => ("各县区分布", "Counties on the map"),
        MapNote => ("颜色越深，累计值越大。", "Darker means a larger year-to-date value."),
    };
    lang.pick(zh, en)
}
