//! Who may see and change what: the roles of waimao's users, the principal a signed-in request acts
//! for, and the one set of authorization rules the server enforces on every object. Also the password
//! policy, which both the sign-up form and the server check.

use serde::{Deserialize, Serialize};

use crate::observation::Entity;
use crate::region::RegionCode;
use crate::returns::Owner;

/// A user's role. The binding (county or enterprise) lives beside it in [`Principal`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// 市商务局: everything, including users, targets, approval and registries.
    Admin,
    /// Leading-group members and other departments: read every internal view, change nothing.
    Viewer,
    /// 区县商务部门, bound to one county.
    County,
    /// A key enterprise, bound to itself.
    Enterprise,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Admin, Role::Viewer, Role::County, Role::Enterprise];

    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Viewer => "viewer",
            Role::County => "county",
            Role::Enterprise => "enterprise",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == s)
    }

    /// Whether a user of this role may have these bindings: a county user exactly one county, an
    /// enterprise user exactly one enterprise, the bureau and viewers neither. (Whether the county or
    /// enterprise exists is the registry's to say.)
    pub fn fits_binding(self, county: Option<RegionCode>, enterprise: Option<i64>) -> bool {
        match self {
            Role::County => county.is_some() && enterprise.is_none(),
            Role::Enterprise => enterprise.is_some() && county.is_none(),
            Role::Admin | Role::Viewer => county.is_none() && enterprise.is_none(),
        }
    }

    /// Why [`fits_binding`](Self::fits_binding) refused, in both languages.
    pub const BINDING_MESSAGE: (&'static str, &'static str) = (
        "区县用户须绑定一个县区，企业用户须绑定一家企业，其他角色不绑定",
        "A county user needs a county, an enterprise user an enterprise, and other roles neither",
    );
}

/// The signed-in user a request acts for. Bindings come from the user record on the server, never from
/// the request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Principal {
    pub user_id: i64,
    pub name: String,
    pub role: Role,
    pub county: Option<RegionCode>,
    pub enterprise: Option<i64>,
}

impl Principal {
    fn is(&self, role: Role) -> bool {
        self.role == role
    }

    /// A county's returns and tasks: the bureau and viewers see all, a county only its own.
    pub fn can_read_county(&self, county: RegionCode) -> bool {
        self.is(Role::Admin) || self.is(Role::Viewer) || (self.is(Role::County) && self.county == Some(county))
    }

    /// Entering a county's figures: the bureau, or that county.
    pub fn can_write_county(&self, county: RegionCode) -> bool {
        self.is(Role::Admin) || (self.is(Role::County) && self.county == Some(county))
    }

    /// An enterprise's returns and problems: the bureau and viewers, or the enterprise itself.
    pub fn can_read_enterprise(&self, enterprise: i64) -> bool {
        self.is(Role::Admin)
            || self.is(Role::Viewer)
            || (self.is(Role::Enterprise) && self.enterprise == Some(enterprise))
    }

    /// Entering an enterprise's figures: the bureau, or the enterprise itself.
    pub fn can_write_enterprise(&self, enterprise: i64) -> bool {
        self.is(Role::Admin) || (self.is(Role::Enterprise) && self.enterprise == Some(enterprise))
    }

    /// Users, targets, approval, registries and the audit log are the bureau's.
    pub fn is_admin(&self) -> bool {
        self.is(Role::Admin)
    }

    /// Accounts (creating, changing roles and bindings, disabling, resetting passwords): the bureau.
    pub fn can_manage_users(&self) -> bool {
        self.is(Role::Admin)
    }

    /// The audit log: the bureau.
    pub fn can_read_audit(&self) -> bool {
        self.is(Role::Admin)
    }

    /// The city's targets by county: the bureau.
    pub fn can_set_targets(&self) -> bool {
        self.is(Role::Admin)
    }

    /// Approving, returning and reopening returns: the bureau.
    pub fn can_review_returns(&self) -> bool {
        self.is(Role::Admin)
    }

    /// Uploading, checking, committing and approving customs spreadsheets: the bureau.
    pub fn can_import(&self) -> bool {
        self.is(Role::Admin)
    }

    /// Settling a disagreement between sources (accepting one, explaining, correcting): the bureau.
    pub fn can_reconcile(&self) -> bool {
        self.is(Role::Admin)
    }

    /// Adding and editing registry records (enterprises, experts, activities, members, meetings,
    /// tasks): the bureau.
    pub fn can_edit_registries(&self) -> bool {
        self.is(Role::Admin)
    }

    /// Naming a department when raising a problem: the bureau (an enterprise's own problem is
    /// assigned by the bureau later).
    pub fn can_assign_department(&self) -> bool {
        self.is(Role::Admin)
    }

    /// A return's owner's figures (its returns, history and versions): [`can_read_county`] or
    /// [`can_read_enterprise`] by the kind of owner.
    ///
    /// [`can_read_county`]: Self::can_read_county
    /// [`can_read_enterprise`]: Self::can_read_enterprise
    pub fn can_read_owner(&self, owner: Owner) -> bool {
        match owner {
            Owner::County(c) => self.can_read_county(c),
            Owner::Enterprise(e) => self.can_read_enterprise(e),
        }
    }

    /// Filing a return for `owner`.
    pub fn can_write_owner(&self, owner: Owner) -> bool {
        match owner {
            Owner::County(c) => self.can_write_county(c),
            Owner::Enterprise(e) => self.can_write_enterprise(e),
        }
    }

    /// A figure's versions: the county's or the enterprise's own, or any for the bureau and viewers.
    pub fn can_read_figure(&self, entity: Entity) -> bool {
        match entity {
            Entity::Region(code) => self.can_read_county(code),
            Entity::Enterprise(id) => self.can_read_enterprise(i64::from(id)),
        }
    }

    /// A key enterprise's record, figures and problems: the bureau and viewers, the enterprise itself,
    /// and the county it is registered in (which follows its enterprises up).
    pub fn can_see_enterprise(&self, enterprise: i64, county: RegionCode) -> bool {
        self.can_read_enterprise(enterprise) || (self.is(Role::County) && self.county == Some(county))
    }

    /// Raising a problem or adding a follow-up to one: the bureau, or the enterprise itself. Only the
    /// bureau changes a problem's status or responsible department.
    pub fn can_raise_problem(&self, enterprise: i64) -> bool {
        self.can_write_enterprise(enterprise)
    }

    /// The think tank, the leading group's members and meetings, and every task: the bureau and viewers.
    pub fn can_read_registries(&self) -> bool {
        self.is(Role::Admin) || self.is(Role::Viewer)
    }

    /// Every county's returns, their completeness and every source's figures (the reconciliation): the
    /// bureau and viewers.
    pub fn can_read_all_returns(&self) -> bool {
        self.is(Role::Admin) || self.is(Role::Viewer)
    }

    /// A task of the leading group: everyone who reads the registries, and the county it is assigned to.
    pub fn can_read_task(&self, county: Option<RegionCode>) -> bool {
        self.can_read_registries() || (self.is(Role::County) && county.is_some() && self.county == county)
    }

    /// Reporting progress on a task: the bureau, or the county it is assigned to.
    pub fn can_report_task(&self, county: Option<RegionCode>) -> bool {
        self.is(Role::Admin) || (self.is(Role::County) && county.is_some() && self.county == county)
    }

    /// Whether some task could be the caller's to report on. Decided before the task is looked up, so
    /// that a viewer or an enterprise learns nothing of which task ids exist.
    pub fn may_report_tasks(&self) -> bool {
        self.is(Role::Admin) || self.is(Role::County)
    }

    /// Whether some problem could be the caller's to reply to (the bureau, an enterprise), decided
    /// before the problem is looked up.
    pub fn may_reply_to_problems(&self) -> bool {
        self.is(Role::Admin) || self.is(Role::Enterprise)
    }

    /// Changing a problem's status or responsible department: the bureau only (an enterprise's reply
    /// keeps both as they are).
    pub fn can_settle_problem(&self) -> bool {
        self.is(Role::Admin)
    }

    /// Whether asking for enterprise `id` at all is allowed: an enterprise user only asks for itself,
    /// which is decided before anything is looked up (whether another id exists is not its to learn).
    pub fn may_ask_for_enterprise(&self, enterprise: i64) -> bool {
        !self.is(Role::Enterprise) || self.enterprise == Some(enterprise)
    }
}

/// Why a password is refused, in words for the person choosing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PasswordProblem {
    TooShort { min: usize },
    TooLong { max: usize },
    Common,
    ContainsName,
}

impl PasswordProblem {
    pub fn message(&self) -> String {
        match self {
            PasswordProblem::TooShort { min } => {
                format!("密码至少{min}个字符 / A password needs at least {min} characters")
            }
            PasswordProblem::TooLong { max } => {
                format!("密码最多{max}个字符 / A password may have at most {max} characters")
            }
            PasswordProblem::Common => "这是常见密码，请换一个 / This is a common password; choose another".into(),
            PasswordProblem::ContainsName => "密码不能包含用户名 / A password must not contain the user name".into(),
        }
    }
}

/// ASVS 5.0 asks for at least 8 characters and allows long passphrases; waimao asks for 10.
pub const PASSWORD_MIN_CHARS: usize = 10;
pub const PASSWORD_MAX_CHARS: usize = 128;

/// Passwords found at the top of every breach list, and the obvious local ones. A short list is
/// enough to stop the guesses an attacker tries first; length does the rest.
const COMMON_PASSWORDS: &[&str] = &[
    "1234567890",
    "12345678910",
    "123456789a",
    "1234567890a",
    "1q2w3e4r5t",
    "1qaz2wsx3edc",
    "qwertyuiop",
    "qwerty1234",
    "qwerty12345",
    "password12",
    "password123",
    "password1234",
    "passw0rd123",
    "p@ssw0rd123",
    "iloveyou123",
    "abc1234567",
    "abcd123456",
    "a1234567890",
    "aa12345678",
    "0987654321",
    "1111111111",
    "0000000000",
    "8888888888",
    "6666666666",
    "5201314520",
    "woaini1314",
    "woaini520",
    "admin12345",
    "admin123456",
    "administrator",
    "welcome123",
    "football123",
    "baseball123",
    "dragon1234",
    "monkey1234",
    "letmein123",
    "trustno1234",
    "sunshine123",
    "princess123",
    "computer123",
    "zaq12wsxcde",
    "asdfghjkl1",
    "1qazxsw23edc",
    "qazwsxedcrfv",
    "baoji12345",
    "baoji123456",
    "waimao12345",
    "waimao123456",
    "shangwuju123",
    "changeme123",
];

/// Checks a new password against the policy; the length counts characters, not bytes, so Chinese
/// passphrases are measured as people see them.
pub fn check_password(password: &str, user_name: &str) -> Result<(), PasswordProblem> {
    let chars = password.chars().count();
    if chars < PASSWORD_MIN_CHARS {
        return Err(PasswordProblem::TooShort { min: PASSWORD_MIN_CHARS });
    }
    if chars > PASSWORD_MAX_CHARS {
        return Err(PasswordProblem::TooLong { max: PASSWORD_MAX_CHARS });
    }
    let lower = password.to_lowercase();
    if COMMON_PASSWORDS.contains(&lower.as_str()) || lower.chars().all(|c| c == lower.chars().next().unwrap_or(' ')) {
        return Err(PasswordProblem::Common);
    }
    let name = user_name.trim().to_lowercase();
    if name.chars().count() >= 3 && lower.contains(&name) {
        return Err(PasswordProblem::ContainsName);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who(role: Role, county: Option<&str>, enterprise: Option<i64>) -> Principal {
        Principal {
            user_id: 1,
            name: "u".into(),
            role,
            county: county.map(|c| RegionCode::parse(c).unwrap()),
            enterprise,
        }
    }

    #[test]
    fn bindings_decide_what_a_county_or_enterprise_may_touch() {
        let weibin = RegionCode::parse("610302").unwrap();
        let jintai = RegionCode::parse("610303").unwrap();
        let admin = who(Role::Admin, None, None);
        let viewer = who(Role::Viewer, None, None);
        let county = who(Role::County, Some("610302"), None);
        let firm = who(Role::Enterprise, None, Some(7));
        // (principal, read own county, write own county, read other county, read firm 7, write firm 7, read firm 8)
        let table = [
            (&admin, true, true, true, true, true, true),
            (&viewer, true, false, true, true, false, true),
            (&county, true, true, false, false, false, false),
            (&firm, false, false, false, true, true, false),
        ];
        for (p, rc, wc, ro, re, we, rother) in table {
            assert_eq!(p.can_read_county(weibin), rc, "{:?}", p.role);
            assert_eq!(p.can_write_county(weibin), wc, "{:?}", p.role);
            assert_eq!(p.can_read_county(jintai), ro, "{:?}", p.role);
            assert_eq!(p.can_read_enterprise(7), re, "{:?}", p.role);
            assert_eq!(p.can_write_enterprise(7), we, "{:?}", p.role);
            assert_eq!(p.can_read_enterprise(8), rother, "{:?}", p.role);
            assert_eq!(p.is_admin(), p.role == Role::Admin);
        }
        // Registries: counties see their own enterprises and tasks, enterprises only their own record.
        let (w, j) = (Some(weibin), Some(jintai));
        // (principal, see firm 7 in weibin, see firm 8 in weibin, see firm 8 in jintai, raise for 7,
        //  registries, read weibin task, report weibin task, read jintai task, read department task)
        let table = [
            (&admin, true, true, true, true, true, true, true, true, true),
            (&viewer, true, true, true, false, true, true, false, true, true),
            (&county, true, true, false, false, false, true, true, false, false),
            (&firm, true, false, false, true, false, false, false, false, false),
        ];
        for (p, s7, s8w, s8j, raise, reg, rt, rep, rtj, dept) in table {
            assert_eq!(p.can_see_enterprise(7, weibin), s7, "{:?}", p.role);
            assert_eq!(p.can_see_enterprise(8, weibin), s8w, "{:?}", p.role);
            assert_eq!(p.can_see_enterprise(8, jintai), s8j, "{:?}", p.role);
            assert_eq!(p.can_raise_problem(7), raise, "{:?}", p.role);
            assert_eq!(p.can_read_registries(), reg, "{:?}", p.role);
            assert_eq!(p.can_read_task(w), rt, "{:?}", p.role);
            assert_eq!(p.can_report_task(w), rep, "{:?}", p.role);
            assert_eq!(p.can_read_task(j), rtj, "{:?}", p.role);
            assert_eq!(p.can_read_task(None), dept, "{:?}", p.role);
        }
        // Decided before a lookup: (principal, may report some task, may reply to some problem,
        // settles problems, may ask for firm 7, may ask for firm 8).
        let table = [
            (&admin, true, true, true, true, true),
            (&viewer, false, false, false, true, true),
            (&county, true, false, false, true, true),
            (&firm, false, true, false, true, false),
        ];
        for (p, tasks, replies, settle, ask7, ask8) in table {
            assert_eq!(p.may_report_tasks(), tasks, "{:?}", p.role);
            assert_eq!(p.may_reply_to_problems(), replies, "{:?}", p.role);
            assert_eq!(p.can_settle_problem(), settle, "{:?}", p.role);
            assert_eq!(p.may_ask_for_enterprise(7), ask7, "{:?}", p.role);
            assert_eq!(p.may_ask_for_enterprise(8), ask8, "{:?}", p.role);
        }
        // A county role without a binding reaches nothing.
        let unbound = who(Role::County, None, None);
        assert!(!unbound.can_read_county(weibin) && !unbound.can_write_county(weibin));
    }

    #[test]
    fn the_bureaus_powers_and_owners_figures() {
        let weibin = RegionCode::parse("610302").unwrap();
        let (admin, viewer) = (who(Role::Admin, None, None), who(Role::Viewer, None, None));
        let (county, firm) = (who(Role::County, Some("610302"), None), who(Role::Enterprise, None, Some(7)));
        // (principal, users, audit, targets, review, import, reconcile, registries, department)
        let table = [(&admin, [true; 8]), (&viewer, [false; 8]), (&county, [false; 8]), (&firm, [false; 8])];
        for (p, expected) in table {
            let got = [
                p.can_manage_users(),
                p.can_read_audit(),
                p.can_set_targets(),
                p.can_review_returns(),
                p.can_import(),
                p.can_reconcile(),
                p.can_edit_registries(),
                p.can_assign_department(),
            ];
            assert_eq!(got, expected, "{:?}", p.role);
        }
        let (own, other) = (Owner::County(weibin), Owner::County(RegionCode::parse("610303").unwrap()));
        let (firm7, firm8) = (Owner::Enterprise(7), Owner::Enterprise(8));
        // (principal, read own county, write own county, read other county, read firm 7, write firm 7, read firm 8)
        let table = [
            (&admin, [true, true, true, true, true, true]),
            (&viewer, [true, false, true, true, false, true]),
            (&county, [true, true, false, false, false, false]),
            (&firm, [false, false, false, true, true, false]),
        ];
        for (p, expected) in table {
            let got = [
                p.can_read_owner(own),
                p.can_write_owner(own),
                p.can_read_owner(other),
                p.can_read_owner(firm7),
                p.can_write_owner(firm7),
                p.can_read_owner(firm8),
            ];
            assert_eq!(got, expected, "{:?}", p.role);
            // A figure's versions follow the owner's read rule.
            assert_eq!(p.can_read_figure(Entity::Region(weibin)), got[0], "{:?}", p.role);
            assert_eq!(p.can_read_figure(Entity::Enterprise(7)), got[3], "{:?}", p.role);
        }
    }

    #[test]
    fn bindings_fit_roles() {
        let c = RegionCode::parse("610302").ok();
        // (role, county, enterprise, fits)
        let cases = [
            (Role::County, c, None, true),
            (Role::County, None, None, false),
            (Role::County, c, Some(1), false),
            (Role::Enterprise, None, Some(1), true),
            (Role::Enterprise, None, None, false),
            (Role::Enterprise, c, Some(1), false),
            (Role::Admin, None, None, true),
            (Role::Admin, c, None, false),
            (Role::Viewer, None, Some(1), false),
            (Role::Viewer, None, None, true),
        ];
        for (role, county, enterprise, fits) in cases {
            assert_eq!(role.fits_binding(county, enterprise), fits, "{role:?} {county:?} {enterprise:?}");
        }
    }

    #[test]
    fn password_policy() {
        let cases = [
            ("short", Err(PasswordProblem::TooShort { min: 10 })),
            ("九个汉字的密码短句", Err(PasswordProblem::TooShort { min: 10 })),
            ("宝鸡外贸运行监测平台密码", Ok(())),
            ("Password123", Err(PasswordProblem::Common)),
            ("aaaaaaaaaaaa", Err(PasswordProblem::Common)),
            ("zhangsan-2021-ok", Err(PasswordProblem::ContainsName)),
            ("correct horse battery", Ok(())),
        ];
        for (pw, want) in cases {
            assert_eq!(check_password(pw, "ZhangSan"), want, "{pw}");
        }
        assert_eq!(check_password(&"x1".repeat(65), "a"), Err(PasswordProblem::TooLong { max: 128 }));
        assert!(PasswordProblem::Common.message().contains("常见密码"));
    }
}
