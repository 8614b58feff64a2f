//! The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters from a 31-character
//! alphabet (digits and capitals without I, O, Z, S, V), the last one a check character computed from
//! the other 17 with weights 3^i mod 31.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The code's alphabet in value order: the check character of value v is `ALPHABET[v]`.
const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Weights of positions 1–17: 3^(i-1) mod 31.
const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// A code whose structure and check character are right.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Uscc(String);

/// Why a text is not a valid code, for a message that tells the user what to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UsccError {
    /// Not 18 characters long.
    Length(usize),
    /// A character outside the alphabet at a 1-based position (I, O, Z, S, V are never used).
    Character { position: usize, found: char },
    /// Positions 3–8 must be a division code of six digits.
    Division,
    /// The 18th character does not match the other 17: a typing error somewhere.
    CheckCharacter { expected: char, found: char },
}

impl UsccError {
    pub fn message_zh(&self) -> String {
        match self {
            UsccError::Length(n) => format!("统一社会信用代码应为18位，现为{n}位"),
            UsccError::Character { position, found } => {
                format!("第{position}位“{found}”不是代码用字符（不使用I、O、Z、S、V），请核对营业执照")
            }
            UsccError::Division => "第3—8位应为6位数字的行政区划码".into(),
            UsccError::CheckCharacter { expected, found } => {
                format!("校验位不符（第18位为“{found}”，按前17位应为“{expected}”），请逐位核对营业执照")
            }
        }
    }

    pub fn message_en(&self) -> String {
        match self {
            UsccError::Length(n) => format!("A unified social credit code has 18 characters, this has {n}"),
            UsccError::Character { position, found } => format!(
                "Character {position} (“{found}”) is not used in codes (I, O, Z, S and V never are); check the business licence"
            ),
            UsccError::Division => "Characters 3–8 must be a six-digit division code".into(),
            UsccError::CheckCharacter { expected, found } => format!(
                "The check character does not match (the 18th is “{found}”, the first 17 give “{expected}”); check the code against the business licence"
            ),
        }
    }
}

fn value(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c).map(|p| p as u32)
}

/// The check character for the first 17 characters, which must be in the alphabet.
pub fn check_character(first17: &[u8]) -> Option<char> {
    let mut sum = 0;
    for (i, &c) in first17.iter().enumerate() {
        sum += value(c)? * WEIGHTS.get(i)?;
    }
    Some(ALPHABET[((31 - sum % 31) % 31) as usize] as char)
}

impl Uscc {
    /// Accepts lower case and surrounding spaces (as people type), and keeps the code in capitals.
    pub fn parse(text: &str) -> Result<Self, UsccError> {
        let code = text.trim().to_ascii_uppercase();
        let n = code.chars().count();
        if n != 18 {
            return Err(UsccError::Length(n));
        }
        for (i, c) in code.chars().enumerate() {
            if !c.is_ascii() || value(c as u8).is_none() {
                return Err(UsccError::Character { position: i + 1, found: c });
            }
        }
        let bytes = code.as_bytes();
        if !bytes[2..8].iter().all(u8::is_ascii_digit) {
            return Err(UsccError::Division);
        }
        let expected = check_character(&bytes[..17]).ok_or(UsccError::Division)?;
        let found = bytes[17] as char;
        if expected != found {
            return Err(UsccError::CheckCharacter { expected, found });
        }
        Ok(Uscc(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The division code of the registering authority (characters 3–8).
    pub fn division(&self) -> &str {
        &self.0[2..8]
    }
}

impl fmt::Display for Uscc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Uscc {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Uscc::parse(&s).map_err(|e| e.message_en())
    }
}

impl From<Uscc> for String {
    fn from(u: Uscc) -> String {
        u.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_standards_example_and_published_codes_pass() {
        // The example printed in GB 32100-2015, and codes as printed on real licences.
        for code in ["91350100M000100Y43", "91110000600037341L", "91440300708461136T", " 91350100m000100y43 "] {
            assert!(Uscc::parse(code).is_ok(), "{code}: {:?}", Uscc::parse(code));
        }
        assert_eq!(Uscc::parse("91350100m000100y43").unwrap().as_str(), "91350100M000100Y43");
        assert_eq!(Uscc::parse("91350100M000100Y43").unwrap().division(), "350100");
    }

    #[test]
    fn every_single_character_change_is_caught() {
        // The weights make any one wrong character (and any swap of two different neighbours) change
        // the sum mod 31, so a mistyped code can never pass.
        let good = b"91350100M000100Y43";
        for i in 0..18 {
            for &c in ALPHABET {
                if c == good[i] {
                    continue;
                }
                let mut bad = *good;
                bad[i] = c;
                let text = std::str::from_utf8(&bad).unwrap();
                assert!(Uscc::parse(text).is_err(), "{text} passed");
            }
        }
        for i in 0..17 {
            let mut bad = *good;
            bad.swap(i, i + 1);
            if bad != *good {
                assert!(Uscc::parse(std::str::from_utf8(&bad).unwrap()).is_err());
            }
        }
    }

    #[test]
    fn errors_say_what_is_wrong() {
        assert_eq!(Uscc::parse("9135010"), Err(UsccError::Length(7)));
        assert_eq!(Uscc::parse("91350100M000100I43"), Err(UsccError::Character { position: 16, found: 'I' }));
        assert_eq!(Uscc::parse("9135A100M000100Y43"), Err(UsccError::Division));
        assert_eq!(Uscc::parse("91350100M000100Y44"), Err(UsccError::CheckCharacter { expected: '3', found: '4' }));
        assert!(UsccError::CheckCharacter { expected: '3', found: '4' }.message_zh().contains("应为“3”"));
        assert!(UsccError::Length(17).message_en().contains("has 17"));
    }
}
