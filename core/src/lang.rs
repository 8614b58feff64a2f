//! The two languages waimao speaks, and the small helpers both sides use to pick a text.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Simplified Chinese, the default for the bureau's staff.
    #[default]
    Zh,
    En,
}

/// Between the Chinese and the English of a message for both.
const BOTH_SEPARATOR: &str = " / ";

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// BCP 47 tag for the `lang` attribute of the page.
    pub fn html_tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "cn" => Some(Lang::Zh),
            "en" | "en-us" | "en-gb" => Some(Lang::En),
            _ => None,
        }
    }

    /// A message for a reader of either language, as the server's error bodies carry it: "中文 / English".
    pub fn both(zh: &str, en: &str) -> String {
        format!("{zh}{BOTH_SEPARATOR}{en}")
    }

    /// This language's side of a message written by [`Lang::both`]; a message with one side only is
    /// itself.
    pub fn side(self, message: &str) -> &str {
        match message.split_once(BOTH_SEPARATOR) {
            Some((zh, en)) => self.pick(zh, en),
            None => message,
        }
    }

    /// Picks the text for this language.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

#[cfg(test)]
mod both_tests {
    use super::Lang;

    #[test]
    fn each_reader_gets_their_side_of_a_message_for_both() {
        let cases = [
            ("服务器内部错误", "Internal server error", Lang::Zh, "服务器内部错误"),
            ("服务器内部错误", "Internal server error", Lang::En, "Internal server error"),
            ("1—2月合并", "Jan–Feb / combined", Lang::En, "Jan–Feb / combined"),
        ];
        for (zh, en, l, want) in cases {
            assert_eq!(l.side(&Lang::both(zh, en)), want);
        }
        // A message with one side (an older server's, or plain text) is shown as it is.
        assert_eq!(Lang::En.side("仅中文"), "仅中文");
    }
}
