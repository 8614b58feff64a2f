//! The illustrative demo dataset (示例数据): a seeded, deterministic generator of monthly figures for a
//! city's counties and 30 fictional key enterprises, 2019-01 to 2021-06.
//!
//! It is shaped like a prefecture-level city's trade (about 47 亿元 a year in 2019, exports about three
//! quarters of it, concentrated in the urban districts), with the Spring-Festival dip in January and
//! February, the 2020 first-quarter drop and the 2021 rebound. Every figure is a whole number of 万元
//! and every additive breakdown sums exactly to its total. Nothing here is real data.

use crate::amount::Amount;
use crate::api::Target;
use crate::dimension::{Classifications, Dimension};
use crate::enterprise::{Enterprise, EnterpriseStatus};
use crate::flow::Flow;
use crate::observation::{Breakdown, Entity, Observation, Status};
use crate::period::{Period, YearMonth};
use crate::region::RegionRegistry;

pub mod people;

pub const DEFAULT_SEED: u64 = 610_300;
const WAN: i64 = 10_000;

/// SplitMix64: a tiny, well-known generator, written out so that the demo data stays identical across
/// versions of any random-number crate.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [lo, hi), in parts per million to stay in integers.
    fn ppm(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next_u64() % (hi - lo) as u64) as i64
    }
}

pub struct DemoData {
    pub observations: Vec<Observation>,
    pub targets: Vec<Target>,
    pub enterprises: Vec<Enterprise>,
    pub first: YearMonth,
    pub last: YearMonth,
}

/// Monthly seasonal factors in per mille (sum 12 000): the Spring Festival dip, the year-end rush.
const SEASON: [i64; 12] = [850, 650, 1000, 1000, 1050, 1050, 1000, 1000, 1050, 950, 1100, 1300];

/// The year's level against 2019, per month, in per mille: 2020's first-quarter drop and recovery,
/// then 2021's rebound.
fn level(ym: YearMonth) -> i64 {
    const Y2020: [i64; 12] = [900, 560, 800, 900, 950, 1000, 1020, 1030, 1040, 1050, 1060, 1070];
    const Y2021: [i64; 12] = [1150, 1120, 1130, 1140, 1150, 1160, 1160, 1160, 1160, 1160, 1160, 1160];
    let m = ym.month() as usize - 1;
    match ym.year() {
        2020 => Y2020[m],
        y if y >= 2021 => Y2021[m],
        _ => 1000,
    }
}

/// Splits `total_wan` into whole 万元 parts proportional to `weights` (largest remainder), so the parts
/// sum exactly to the total.
fn allocate(total_wan: i64, weights: &[i64]) -> Vec<i64> {
    let sum: i64 = weights.iter().sum();
    if sum == 0 {
        let mut v = vec![0; weights.len()];
        if let Some(first) = v.first_mut() {
            *first = total_wan;
        }
        return v;
    }
    let mut parts: Vec<i64> = weights.iter().map(|w| total_wan * w / sum).collect();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(total_wan * weights[i] % sum), i));
    let short = total_wan - parts.iter().sum::<i64>();
    for &i in order.iter().take(short as usize) {
        parts[i] += 1;
    }
    parts
}

/// Weight of an HS section in a flow, per mille: machinery, base metals (titanium) and vehicles lead
/// exports; minerals, chemicals and machinery lead imports.
fn hs_weight(code: &str, flow: Flow) -> i64 {
    let export = [2, 8, 1, 12, 10, 45, 30, 3, 4, 6, 50, 15, 20, 2, 230, 320, 150, 45, 0, 25, 0];
    let import = [10, 30, 5, 10, 150, 110, 40, 2, 15, 12, 20, 3, 8, 5, 120, 300, 80, 70, 0, 10, 0];
    let n: usize = code.trim_start_matches("hs").parse().unwrap_or(0);
    let table = if flow == Flow::Export { export } else { import };
    n.checked_sub(1).and_then(|i| table.get(i)).copied().unwrap_or(5)
}

fn partner_weight(code: &str, flow: Flow) -> i64 {
    let (e, i) = match code {
        "US" => (140, 90),
        "DE" => (60, 120),
        "NL" => (30, 20),
        "IT" => (30, 30),
        "FR" => (20, 30),
        "GB" => (30, 20),
        "JP" => (60, 110),
        "KR" => (70, 90),
        "AU" => (30, 110),
        "VN" => (60, 20),
        "TH" => (40, 20),
        "MY" => (30, 20),
        "ID" => (40, 30),
        "SG" => (20, 10),
        "IN" => (60, 10),
        "RU" => (70, 50),
        "KZ" => (40, 30),
        "PK" => (30, 5),
        "BR" => (30, 60),
        "HK" => (50, 5),
        _ => (80, 70),
    };
    if flow == Flow::Export {
        e
    } else {
        i
    }
}

fn mode_weights(flow: Flow) -> [i64; 4] {
    match flow {
        Flow::Export => [640, 200, 90, 70],
        Flow::Import => [560, 260, 130, 50],
    }
}

fn jitter(rng: &mut Rng, weights: &[i64], spread_ppm: i64) -> Vec<i64> {
    weights.iter().map(|w| w * rng.ppm(1_000_000 - spread_ppm, 1_000_000 + spread_ppm) / 1_000_000).collect()
}

const FIRMS_A: [&str; 10] = ["秦川", "渭水", "陈仓", "周原", "西岐", "太白山", "千河", "凤鸣", "金台", "石鼓"];
const FIRMS_A_EN: [&str; 10] =
    ["Qinchuan", "Weishui", "Chencang", "Zhouyuan", "Xiqi", "Taibaishan", "Qianhe", "Fengming", "Jintai", "Shigu"];
const FIRMS_B: [(&str, &str, &str); 10] = [
    ("钛业", "Titanium", "hs15"),
    ("机床", "Machine Tools", "hs16"),
    ("重工", "Heavy Industries", "hs16"),
    ("精密仪器", "Precision Instruments", "hs18"),
    ("电气", "Electric", "hs16"),
    ("石油装备", "Oilfield Equipment", "hs16"),
    ("新材料", "New Materials", "hs15"),
    ("食品", "Foods", "hs04"),
    ("纺织", "Textiles", "hs11"),
    ("汽车零部件", "Auto Parts", "hs17"),
];

pub fn generate(regions: &RegionRegistry, classes: &Classifications, seed: u64) -> DemoData {
    let mut rng = Rng(seed);
    let first = YearMonth::new(2019, 1).expect("valid month");
    let last = YearMonth::new(2021, 6).expect("valid month");
    // County weights fall with the registry order (urban districts first), with some randomness; the
    // 2019 city total is about 34 亿元 of exports and 13 亿元 of imports.
    let (city_exports_wan, city_imports_wan) = (344_000i64, 129_000i64);
    let weights: Vec<i64> = (0..regions.counties.len())
        .map(|i| {
            let decay = (0..i).fold(1_000_000i64, |w, _| w * 72 / 100);
            decay * rng.ppm(700_000, 1_300_000) / 1_000_000
        })
        .collect();
    let county_share = |flow: Flow| -> Vec<i64> {
        let total = if flow == Flow::Export { city_exports_wan } else { city_imports_wan };
        allocate(total, &weights)
    };
    let annual = [county_share(Flow::Export), county_share(Flow::Import)];

    let mut observations = Vec::new();
    let mut totals: Vec<[Vec<i64>; 2]> = Vec::new();
    let obs = |entity, ym: YearMonth, flow, breakdown, wan: i64| Observation {
        entity,
        period: Period::Month(ym),
        flow,
        breakdown,
        value: Amount::cny(wan * WAN),
        status: if ym == last { Status::Preliminary } else { Status::Revised },
        version: 1,
    };

    for (ci, county) in regions.counties.iter().enumerate() {
        // Each county fares differently: its own drift against the city's level, per year (per mille).
        let drift: [i64; 3] = [1000, rng.ppm(880, 1080), rng.ppm(900, 1150)];
        let mut county_totals = [Vec::new(), Vec::new()];
        for (fi, flow) in Flow::ALL.into_iter().enumerate() {
            let mode_w = jitter(&mut rng, &mode_weights(flow), 300_000);
            let hs_w: Vec<i64> = classes.hs_sections.iter().map(|m| hs_weight(&m.code, flow)).collect();
            let hs_w = jitter(&mut rng, &hs_w, 400_000);
            let partner_w: Vec<i64> = classes.partners.iter().map(|m| partner_weight(&m.code, flow)).collect();
            let partner_w = jitter(&mut rng, &partner_w, 400_000);
            let nature_w = jitter(&mut rng, &[300, 550, 150], 300_000);
            // The mix shifts a little from year to year, so members grow at different rates.
            let years: Vec<[Vec<i64>; 4]> = (first.year()..=last.year())
                .map(|_| {
                    [
                        jitter(&mut rng, &mode_w, 100_000),
                        jitter(&mut rng, &hs_w, 150_000),
                        jitter(&mut rng, &partner_w, 200_000),
                        jitter(&mut rng, &nature_w, 100_000),
                    ]
                })
                .collect();
            for ym in first.through(last) {
                let [mode_w, hs_w, partner_w, nature_w] = &years[(ym.year() - first.year()) as usize];
                let base = annual[fi][ci] * SEASON[ym.month() as usize - 1] / 12_000;
                let year_drift = drift[(ym.year() - first.year()).clamp(0, 2) as usize];
                let noisy = base * level(ym) / 1000 * year_drift / 1000 * rng.ppm(920_000, 1_080_000) / 1_000_000;
                let total = noisy.max(0);
                county_totals[fi].push(total);
                let entity = Entity::Region(county.code);
                observations.push(obs(entity, ym, flow, None, total));
                let mut push = |dimension: Dimension, codes: Vec<&str>, parts: Vec<i64>| {
                    for (code, part) in codes.into_iter().zip(parts) {
                        let b = Breakdown { dimension, member: code.to_string() };
                        observations.push(obs(entity, ym, flow, Some(b), part));
                    }
                };
                let codes = |d: Dimension| classes.members(d).iter().map(|m| m.code.as_str()).collect::<Vec<_>>();
                push(Dimension::TradeMode, codes(Dimension::TradeMode), allocate(total, mode_w));
                let hs = allocate(total, hs_w);
                push(Dimension::HsSection, codes(Dimension::HsSection), hs.clone());
                push(Dimension::Partner, codes(Dimension::Partner), allocate(total, partner_w));
                push(Dimension::Nature, codes(Dimension::Nature), allocate(total, nature_w));
                // Product categories overlap and are derived from the HS split, so they stay consistent
                // with it: 机电 = sections XVI–XVIII and 30% of base metals; 高新 = 45% of XVI and XVIII;
                // 劳动密集型 = leather, wood, textiles, footwear, miscellaneous.
                let hsv = |n: usize| hs.get(n - 1).copied().unwrap_or(0);
                let mech = hsv(16) + hsv(17) + hsv(18) + hsv(15) * 3 / 10;
                let high = (hsv(16) + hsv(18)) * 45 / 100;
                let labour = hsv(8) + hsv(9) + hsv(11) + hsv(12) + hsv(20);
                push(Dimension::ProductCategory, vec!["mech_elec", "high_tech", "labour"], vec![mech, high, labour]);
            }
        }
        totals.push(county_totals);
    }

    let enterprises = enterprises(regions, &mut rng);
    for e in &enterprises {
        let ci = regions.counties.iter().position(|c| c.code == e.county).unwrap_or(0);
        let firms_here = enterprises.iter().filter(|o| o.county == e.county).count() as i64;
        // Key enterprises together account for about 60% of their county's trade.
        let share_ppm = 600_000 / firms_here * rng.ppm(600_000, 1_400_000) / 1_000_000;
        for (fi, flow) in Flow::ALL.into_iter().enumerate() {
            for (mi, ym) in first.through(last).enumerate() {
                let v = totals[ci][fi][mi] * share_ppm / 1_000_000 * rng.ppm(850_000, 1_150_000) / 1_000_000;
                observations.push(obs(Entity::Enterprise(e.id as u32), ym, flow, None, v.max(0)));
            }
        }
    }

    // Annual targets for total trade: the previous year's figure plus 8%, in whole 百万元.
    let mut targets = Vec::new();
    for (ci, county) in regions.counties.iter().enumerate() {
        for year in 2019..=2021 {
            let base_year = if year == 2019 { 2019 } else { year - 1 };
            let sum: i64 = first
                .through(last)
                .enumerate()
                .filter(|(_, ym)| ym.year() == base_year)
                .map(|(mi, _)| totals[ci][0][mi] + totals[ci][1][mi])
                .sum();
            let target_wan = (sum * 108 / 100 + 50) / 100 * 100;
            targets.push(Target { region: county.code, year, total: target_wan * WAN });
        }
    }

    DemoData { observations, targets, enterprises, first, last }
}

fn enterprises(regions: &RegionRegistry, rng: &mut Rng) -> Vec<Enterprise> {
    let natures = ["private", "private", "state", "foreign", "private"];
    let markets = ["US", "DE", "JP", "KR", "VN", "RU", "KZ", "IN", "AU", "BR"];
    (0..30u32)
        .map(|i| {
            let a = i as usize % FIRMS_A.len();
            let b = (i as usize * 7 + i as usize / 10) % FIRMS_B.len();
            // Larger counties host more of the key enterprises.
            let n = regions.counties.len().max(1);
            let (u, v) = ((rng.next_u64() % 1000) as usize, (rng.next_u64() % 1000) as usize);
            let ci = (u * v * n / 1_000_000).min(n - 1);
            let (b_zh, b_en, hs) = FIRMS_B[b];
            let county = regions.counties[ci].code;
            let k = i as usize;
            Enterprise {
                id: i64::from(i) + 1,
                version: 1,
                name_zh: format!("{}{}有限公司（示例）", FIRMS_A[a], b_zh),
                name_en: format!("{} {} Co., Ltd. (example)", FIRMS_A_EN[a], b_en),
                uscc: people::uscc(county, i),
                county,
                nature: natures[k % natures.len()].to_string(),
                main_hs: hs.to_string(),
                products: b_zh.to_string(),
                markets: vec![markets[k % 10].to_string(), markets[(k * 3 + 1) % 10].to_string()],
                liaison: people::OFFICIALS[k % people::OFFICIALS.len()].to_string(),
                contact: people::CONTACTS[k % people::CONTACTS.len()].to_string(),
                phone: format!("0917-000{:04}", 1000 + i * 37),
                // Two enterprises have left the list, to show the status filter at work.
                status: if i == 27 || i == 29 { EnterpriseStatus::Left } else { EnterpriseStatus::Active },
                added_on: chrono::NaiveDate::from_ymd_opt(2018 + (i % 3) as i32, 1 + i % 12, 1 + i % 28)
                    .unwrap_or_default(),
                illustrative: true,
            }
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests;
