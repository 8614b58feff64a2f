//! Key foreign-trade enterprises (重点外贸企业): the registry entry the figures and problems refer to.

use serde::{Deserialize, Serialize};

use crate::region::RegionCode;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enterprise {
    pub id: u32,
    pub name_zh: String,
    pub name_en: String,
    pub county: RegionCode,
    /// Member code of the `nature` classification (state, private, foreign).
    pub nature: String,
    /// Main product, as an HS section code (hs01…hs21).
    pub main_hs: String,
    /// True for the fictional enterprises of the demo data (示例).
    pub illustrative: bool,
}
