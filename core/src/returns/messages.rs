//! What validation says, in Chinese and English: each check's words, naming what is wrong and what to
//! do. The field's name is put in front by `Finding::message`.

use super::validate::{Check, UnitHint};
use crate::amount::{Amount, Unit};
use crate::lang::Lang;

fn wan(v: i64, lang: Lang) -> String {
    Amount::cny(v).display(Unit::Wan, 2, lang)
}

fn tenths(t: i64) -> String {
    let sign = if t < 0 { "-" } else { "" };
    format!("{sign}{}.{}%", t.abs() / 10, t.abs() % 10)
}

impl Check {
    /// What is wrong and what to do, without the field's name.
    pub(super) fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Check::Required => lang.pick("必须填写", "is required").into(),
            Check::NotANumber { text } if zh => format!("“{text}”不是数字，请只填数字（可带小数点和千分位逗号）"),
            Check::NotANumber { text } => {
                format!("\"{text}\" is not a number; type digits only (a decimal point and thousands commas are fine)")
            }
            Check::TooPrecise => lang
                .pick("小数位过多：单位为万元，最多4位小数（精确到元）", "too many decimals: the unit is 10k CNY, at most 4 decimals (whole yuan)")
                .into(),
            Check::TooLarge => lang.pick("数额过大，请核对单位（万元）", "is too large; check the unit (10k CNY)").into(),
            Check::Negative => lang.pick("不能为负数，请填写0或正数", "cannot be negative; enter 0 or a positive amount").into(),
            Check::PartsExceedTotal { parts, total } if zh => {
                format!("各分项合计{}，超过了总额{}，请核对分项或总额", wan(*parts, lang), wan(*total, lang))
            }
            Check::PartsExceedTotal { parts, total } => format!(
                "the parts add up to {}, more than the total of {}; correct the parts or the total",
                wan(*parts, lang),
                wan(*total, lang)
            ),
            Check::DuplicatePart => {
                lang.pick("与前面的分项重复，请合并为一行", "repeats an earlier row; merge them into one").into()
            }
            Check::UnknownMember { member } if zh => format!("“{member}”不在分类目录中，请从列表中选择"),
            Check::UnknownMember { member } => format!("\"{member}\" is not in the classification; pick one from the list"),
            Check::NotForThisReturn => {
                lang.pick("不属于本类月报，请删除", "does not belong on this kind of return; remove it").into()
            }
            Check::MonthNotOver { current } if zh => format!("该月尚未结束，只能填报已结束的月份（本月为{current}）"),
            Check::MonthNotOver { current } => {
                format!("has not ended yet; only months before the current one ({current}) can be filed")
            }
            Check::AlreadyApproved => lang
                .pick("该月月报已审核，已锁定；如需更正，请联系市商务局重新开放", "is approved and locked; ask the bureau to reopen it for a correction")
                .into(),
            Check::WrongCurrency { currency } if zh => format!("本表以人民币（CNY）填报，不能使用{currency}"),
            Check::WrongCurrency { currency } => format!("returns are filed in CNY, not {currency}"),
            Check::EmptyText => lang.pick("内容为空，请填写或删除该条", "is empty; write it or remove it").into(),
            Check::TooLong { max, chars } if zh => format!("最多{max}个字，现有{chars}个，请精简"),
            Check::TooLong { max, chars } => format!("may have at most {max} characters (now {chars}); shorten it"),
            Check::ControlCharacters => lang
                .pick("含有不可见的控制字符（可能来自复制粘贴），请删除后重新输入", "holds invisible control characters (often from copy and paste); remove them")
                .into(),
            Check::ExplanationRequired => lang
                .pick("本表有需要说明的提示，请写明原因后再提交", "the return has warnings; explain them before submitting")
                .into(),
            Check::GrowthBeyond { growth_tenths, limit_pct } if zh => {
                format!("同比{}，超出±{limit_pct}%，请核对；如无误，请在情况说明中写明原因", tenths(*growth_tenths))
            }
            Check::GrowthBeyond { growth_tenths, limit_pct } => format!(
                "changes {} year on year, beyond ±{limit_pct}%; check it, and if it is right explain why",
                tenths(*growth_tenths)
            ),
            Check::OutsideHistory { low, high, hint } => {
                let base = if zh {
                    format!("明显偏离往年同期的范围（{}至{}）", wan(*low, lang), wan(*high, lang))
                } else {
                    format!("is far outside the same month of earlier years ({} to {})", wan(*low, lang), wan(*high, lang))
                };
                let tail = match hint {
                    Some(UnitHint::TypedYuan) => {
                        lang.pick("，是否误按“元”填写？本表单位为万元", "; was it typed in yuan? The unit is 10k CNY")
                    }
                    Some(UnitHint::TypedYi) => {
                        lang.pick("，是否误按“亿元”填写？本表单位为万元", "; was it typed in 100 mn? The unit is 10k CNY")
                    }
                    None => lang.pick("，请核对；如无误，请写明原因", "; check it, and if it is right explain why"),
                };
                format!("{base}{tail}")
            }
            Check::YtdBelowLastMonth { ytd, previous } if zh => {
                format!("累计{}低于上月累计{}，请核对；如系数据修订，请写明原因", wan(*ytd, lang), wan(*previous, lang))
            }
            Check::YtdBelowLastMonth { ytd, previous } => format!(
                "{} is less than last month's year to date of {}; check it, and if it is a revision explain it",
                wan(*ytd, lang),
                wan(*previous, lang)
            ),
            Check::YtdInconsistent { ytd, expected } if zh => format!(
                "累计{}与已审核各月加本月之和{}不一致，请核对；如系数据修订，请写明原因",
                wan(*ytd, lang),
                wan(*expected, lang)
            ),
            Check::YtdInconsistent { ytd, expected } => format!(
                "{} differs from the approved months plus this month ({}); check it, and if it is a revision explain it",
                wan(*ytd, lang),
                wan(*expected, lang)
            ),
        }
    }
}
