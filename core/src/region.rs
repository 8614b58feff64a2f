//! Regions: a city and its county-level divisions, identified by GB/T 2260 codes and loaded from a data
//! file so that another city can run waimao by changing data, not code.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegionError {
    #[error("region code {0:?} is not six digits (GB/T 2260)")]
    Code(String),
    #[error("line {line}: {message}")]
    File { line: usize, message: String },
    #[error("the region file names no city (a code ending in 00)")]
    NoCity,
    #[error("county {county} does not belong to city {city}")]
    Foreign { county: String, city: String },
    #[error("region {0} is listed twice")]
    Duplicate(String),
}

/// A six-digit GB/T 2260 administrative division code, e.g. 610302 (渭滨区).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RegionCode(u32);

impl RegionCode {
    pub fn parse(s: &str) -> Result<Self, RegionError> {
        let t = s.trim();
        if t.len() != 6 || !t.bytes().all(|b| b.is_ascii_digit()) || t.starts_with('0') {
            return Err(RegionError::Code(s.to_string()));
        }
        Ok(Self(t.parse().map_err(|_| RegionError::Code(s.to_string()))?))
    }

    /// A prefecture-level city's code ends in "00"; its counties share the first four digits.
    pub fn is_city(self) -> bool {
        self.0 % 100 == 0
    }

    pub fn city(self) -> RegionCode {
        RegionCode(self.0 / 100 * 100)
    }
}

impl fmt::Display for RegionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:06}", self.0)
    }
}

impl TryFrom<String> for RegionCode {
    type Error = RegionError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        RegionCode::parse(&s)
    }
}

impl From<RegionCode> for String {
    fn from(c: RegionCode) -> String {
        c.to_string()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    pub code: RegionCode,
    pub name_zh: String,
    pub name_en: String,
    /// Column and row of the county on the tile-grid map, placed by hand to keep neighbours near.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tile: Option<[u8; 2]>,
}

impl Region {
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_zh, &self.name_en)
    }

    /// A name for tight spaces (map tiles): English drops "District"/"County"; Chinese names are short.
    pub fn short_name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.name_zh,
            Lang::En => [" District", " County", " City"]
                .iter()
                .find_map(|suffix| self.name_en.strip_suffix(suffix))
                .unwrap_or(&self.name_en),
        }
    }
}

/// The city and its counties, in the order of the file (the order official tables use).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionRegistry {
    pub city: Region,
    pub counties: Vec<Region>,
}

impl RegionRegistry {
    /// Reads a CSV with the header `code,name_zh,name_en[,col,row]`: one line for the city (code ending
    /// in 00), one per county, optionally with its tile-grid position. Lines starting with `#` are
    /// comments. Names may not contain commas.
    pub fn parse_csv(text: &str) -> Result<Self, RegionError> {
        let mut city = None;
        let mut counties: Vec<Region> = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') || (i == 0 && line.starts_with("code")) {
                continue;
            }
            let err = |message: String| RegionError::File { line: i + 1, message };
            let fields: Vec<&str> = line.split(',').map(str::trim).collect();
            let (code, zh, en, tile) = match fields[..] {
                [code, zh, en] | [code, zh, en, "", ""] => (code, zh, en, None),
                [code, zh, en, col, row] => {
                    let n = |s: &str| s.parse::<u8>().map_err(|_| err(format!("tile position {s:?} is not a number")));
                    (code, zh, en, Some([n(col)?, n(row)?]))
                }
                _ => return Err(err(format!("expected 3 or 5 fields, found {}", fields.len()))),
            };
            let code = RegionCode::parse(code).map_err(|e| err(e.to_string()))?;
            if zh.is_empty() || en.is_empty() {
                return Err(err("a name is empty".into()));
            }
            let region = Region { code, name_zh: zh.to_string(), name_en: en.to_string(), tile };
            if code.is_city() {
                if city.is_some() {
                    return Err(err("a second city line".into()));
                }
                city = Some(region);
            } else {
                if counties.iter().any(|c| c.code == code) {
                    return Err(RegionError::Duplicate(code.to_string()));
                }
                counties.push(region);
            }
        }
        let city = city.ok_or(RegionError::NoCity)?;
        if let Some(c) = counties.iter().find(|c| c.code.city() != city.code) {
            return Err(RegionError::Foreign { county: c.code.to_string(), city: city.code.to_string() });
        }
        Ok(Self { city, counties })
    }

    pub fn county(&self, code: RegionCode) -> Option<&Region> {
        self.counties.iter().find(|c| c.code == code)
    }

    /// The city or one of its counties.
    pub fn get(&self, code: RegionCode) -> Option<&Region> {
        if code == self.city.code {
            Some(&self.city)
        } else {
            self.county(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BAOJI: &str = include_str!("../../data/registry/regions-610300.csv");

    #[test]
    fn loads_baoji_with_twelve_counties() {
        let r = RegionRegistry::parse_csv(BAOJI).unwrap();
        assert_eq!(r.city.code.to_string(), "610300");
        assert_eq!(r.city.name_zh, "宝鸡市");
        assert_eq!(r.counties.len(), 12);
        let codes: Vec<String> = r.counties.iter().map(|c| c.code.to_string()).collect();
        assert_eq!(codes.first().map(String::as_str), Some("610302"));
        assert_eq!(codes.last().map(String::as_str), Some("610331"));
        let mei = r.get(RegionCode::parse("610326").unwrap()).unwrap();
        assert_eq!(mei.name_zh, "眉县");
        assert_eq!((mei.short_name(Lang::En), mei.short_name(Lang::Zh)), ("Mei", "眉县"));
        // Every county has its own tile.
        let mut tiles: Vec<[u8; 2]> = r.counties.iter().map(|c| c.tile.expect("tile")).collect();
        tiles.sort_unstable();
        tiles.dedup();
        assert_eq!(tiles.len(), 12);
    }

    #[test]
    fn rejects_bad_files() {
        assert!(matches!(RegionRegistry::parse_csv("610302,渭滨区,Weibin"), Err(RegionError::NoCity)));
        assert!(matches!(
            RegionRegistry::parse_csv("610300,宝鸡市,Baoji\n610102,新城区,Xincheng"),
            Err(RegionError::Foreign { .. })
        ));
        assert!(matches!(RegionRegistry::parse_csv("61030,宝鸡市,Baoji"), Err(RegionError::File { line: 1, .. })));
        assert!(RegionCode::parse("61030x").is_err());
    }
}
