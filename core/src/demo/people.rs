//! The demo data's registries (示例): fictional experts, activities, leading-group members, meetings,
//! tasks and enterprise problems, dated relative to the day the demo is loaded so that reminders,
//! overdue marks and days open always have something to show. Every name is invented.

use chrono::{Days, NaiveDate};

use crate::activity::{Activity, ActivityKind};
use crate::enterprise::Enterprise;
use crate::expert::{Appointment, Expert, ExpertStatus};
use crate::group::{GroupRole, Meeting, MeetingKind, MeetingRecord, Member};
use crate::problem::{Problem, ProblemStatus, Reply};
use crate::region::RegionCode;
use crate::returns::DifficultyCategory;
use crate::task::{Progress, Responsible, Task, TaskStatus};
use crate::uscc::check_character;

pub(crate) const OFFICIALS: [&str; 6] = ["赵立群", "钱永安", "孙卫东", "李建华", "周晓明", "吴志刚"];
pub(crate) const CONTACTS: [&str; 8] = ["刘洋", "陈静", "杨帆", "黄磊", "何敏", "郭强", "马丽", "罗军"];

/// A well-formed code registered in `county`: "91" (an enterprise registered with market regulation),
/// the county, a made-up organisation code and the right check character.
pub(crate) fn uscc(county: RegionCode, i: u32) -> String {
    const ORG: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    let mut code = format!("91{county}MA");
    let mut x = 7_919u64 * u64::from(i + 1) + 104_729;
    for _ in 0..7 {
        code.push(ORG[(x % 31) as usize] as char);
        x /= 31;
        x += 13;
    }
    let check = check_character(code.as_bytes()).unwrap_or('0');
    code.push(check);
    code
}

pub struct DemoRegistries {
    pub experts: Vec<Expert>,
    pub activities: Vec<Activity>,
    pub members: Vec<Member>,
    pub meetings: Vec<MeetingRecord>,
    pub problems: Vec<Problem>,
}

fn ago(today: NaiveDate, days: u64) -> NaiveDate {
    today.checked_sub_days(Days::new(days)).unwrap_or(today)
}

fn ahead(today: NaiveDate, days: u64) -> NaiveDate {
    today.checked_add_days(Days::new(days)).unwrap_or(today)
}

/// The registries for `today`. Expert ids are 1…8 in order; activities refer to them by those ids.
pub fn registries(enterprises: &[Enterprise], counties: &[RegionCode], today: NaiveDate) -> DemoRegistries {
    let year = today.format("%Y").to_string();
    let experts = experts(today);
    let activities = activities(enterprises, today);
    let members = members(today);
    let meetings = meetings(counties, today, &year);
    let problems = problems(enterprises, today);
    DemoRegistries { experts, activities, members, meetings, problems }
}

fn experts(today: NaiveDate) -> Vec<Expert> {
    // (name, title, organisation, expertise, term ends in days: negative = ended)
    let rows: [(&str, &str, &str, &[&str], i64); 8] = [
        ("李明远", "教授", "示例财经大学国际贸易学院", &["trade_rules", "trade_remedies"], 420),
        ("王晓华", "副教授", "示例理工学院经济管理学院", &["cross_border_ecommerce", "market_access"], 25),
        ("张建国", "高级经济师", "示例国际物流有限公司", &["logistics", "customs"], 300),
        ("刘芳", "律师", "示例律师事务所", &["legal", "trade_remedies"], 50),
        ("陈志强", "高级会计师", "示例银行国际业务部", &["fx_finance"], 600),
        ("杨丽", "关务总监", "示例报关有限公司", &["customs", "trade_rules"], -12),
        ("赵宏", "研究员", "示例社会科学研究院", &["trade_rules", "market_access"], 180),
        ("黄静", "总经理", "示例跨境电商服务中心", &["cross_border_ecommerce", "logistics"], 700),
    ];
    rows.iter()
        .enumerate()
        .map(|(i, (name, title, org, tags, end_in))| {
            let term_end = if *end_in >= 0 { ahead(today, *end_in as u64) } else { ago(today, end_in.unsigned_abs()) };
            let appointed_on = term_end.checked_sub_days(Days::new(3 * 365)).unwrap_or(term_end);
            Expert {
                id: i as i64 + 1,
                version: 1,
                name: (*name).into(),
                title: (*title).into(),
                organisation: (*org).into(),
                expertise: tags.iter().map(|t| (*t).to_string()).collect(),
                contact: format!("0917-000{:04}", 2000 + i * 11),
                appointment: Appointment {
                    document: format!("宝商发〔{}〕{}号（示例）", appointed_on.format("%Y"), 10 + i),
                    appointed_on,
                    term_end,
                },
                status: ExpertStatus::Active,
                illustrative: true,
            }
        })
        .collect()
}

fn activities(enterprises: &[Enterprise], today: NaiveDate) -> Vec<Activity> {
    let firm = |i: usize| enterprises.get(i).map(|e| e.id);
    // (kind, days ago, topic, expert ids, audience, participants, enterprises served by index)
    type Row = (ActivityKind, u64, &'static str, &'static [i64], &'static str, i64, &'static [usize]);
    let rows: [Row; 5] = [
        (
            ActivityKind::Training,
            110,
            "RCEP原产地规则与关税减让实务",
            &[1, 6],
            "重点外贸企业关务人员",
            86,
            &[0, 1, 2, 3],
        ),
        (ActivityKind::Training, 75, "跨境电商平台运营与海外仓", &[2, 8], "中小外贸企业", 64, &[4, 5]),
        (ActivityKind::Consultation, 50, "反倾销调查应诉咨询", &[1, 4], "涉案企业", 6, &[2]),
        (ActivityKind::Training, 30, "汇率避险工具与跨境人民币结算", &[5], "企业财务负责人", 52, &[0, 6, 7]),
        (ActivityKind::Consultation, 8, "海运物流成本与通关便利化", &[3], "区县商务部门", 18, &[1, 8]),
    ];
    rows.iter()
        .enumerate()
        .map(|(i, (kind, days_ago, topic, experts, audience, n, firms))| Activity {
            id: i as i64 + 1,
            version: 1,
            kind: *kind,
            on: ago(today, *days_ago),
            topic: (*topic).into(),
            experts: experts.to_vec(),
            audience: (*audience).into(),
            participants: *n,
            materials: "课件、政策汇编（示例）".into(),
            enterprises: firms.iter().filter_map(|&f| firm(f)).collect(),
            illustrative: true,
        })
        .collect()
}

fn members(today: NaiveDate) -> Vec<Member> {
    let start = ago(today, 700);
    let rows: [(&str, GroupRole, &str, &str); 9] = [
        ("高文博", GroupRole::Leader, "市人民政府", "副市长"),
        ("冯志远", GroupRole::Deputy, "市人民政府", "副秘书长"),
        ("韩立新", GroupRole::Deputy, "市商务局", "局长"),
        ("唐国平", GroupRole::Member, "市发展和改革委员会", "副主任"),
        ("许晓东", GroupRole::Member, "市财政局", "副局长"),
        ("邓海燕", GroupRole::Member, "市工业和信息化局", "副局长"),
        ("曹俊", GroupRole::Member, "宝鸡海关", "副关长"),
        ("彭丽娟", GroupRole::Member, "市税务局", "副局长"),
        ("萧建军", GroupRole::Member, "市交通运输局", "副局长"),
    ];
    rows.iter()
        .enumerate()
        .map(|(i, (name, role, unit, position))| Member {
            id: i as i64 + 1,
            version: 1,
            name: format!("{name}（示例）"),
            role: *role,
            unit: (*unit).into(),
            position: (*position).into(),
            term_start: start,
            term_end: None,
            illustrative: true,
        })
        .collect()
}

fn meetings(counties: &[RegionCode], today: NaiveDate, year: &str) -> Vec<MeetingRecord> {
    let county = |i: usize| Responsible::County(counties.get(i).copied().unwrap_or(counties[0]));
    let dept = |d: &str| Responsible::Department(d.into());
    // (days ago, kind, title, agenda, decisions, tasks: (unit, description, deadline from the meeting, progress))
    type TaskRow = (Responsible, &'static str, u64, Option<(u64, TaskStatus, &'static str)>);
    type MeetingRow = (u64, MeetingKind, String, &'static str, &'static str, Vec<TaskRow>);
    let rows: Vec<MeetingRow> = vec![
        (
            150,
            MeetingKind::Plenary,
            format!("{year}年外贸发展促进领导小组第二次全体会议（示例）"),
            "通报上半年全市外贸运行情况；研究稳外贸重点举措",
            "一、各区县建立重点外贸企业包联机制；二、财政局落实外贸发展专项资金拨付",
            vec![
                (
                    county(0),
                    "建立重点外贸企业包联走访台账，每月走访一次",
                    45,
                    Some((40, TaskStatus::Done, "已建立台账，完成首轮走访15家")),
                ),
                (dept("市财政局"), "落实外贸发展专项资金拨付", 60, Some((75, TaskStatus::Done, "资金已全部拨付到位"))),
                (
                    county(1),
                    "梳理辖区外贸企业订单情况",
                    30,
                    Some((20, TaskStatus::InProgress, "已梳理12家，其余正在统计")),
                ),
            ],
        ),
        (
            60,
            MeetingKind::Thematic,
            format!("{year}年跨境电商发展专题会议（示例）"),
            "研究跨境电商综试区建设与海外仓布局",
            "支持企业建设海外仓；开展跨境电商培训",
            vec![
                (
                    dept("市商务局"),
                    "组织跨境电商专题培训不少于两期",
                    40,
                    Some((30, TaskStatus::Done, "已举办两期，培训112人次")),
                ),
                (
                    county(0),
                    "推动两家企业开展跨境电商业务",
                    90,
                    Some((20, TaskStatus::InProgress, "一家企业已上线平台店铺")),
                ),
                (dept("宝鸡海关"), "推广“两步申报”等通关便利措施", 30, None),
            ],
        ),
        (
            20,
            MeetingKind::Plenary,
            format!("{year}年外贸发展促进领导小组第三次全体会议（示例）"),
            "通报前三季度外贸运行情况；部署四季度冲刺目标",
            "各区县对照年度目标查找差距，重点企业逐户制定冲刺计划",
            vec![
                (county(0), "制定四季度外贸冲刺计划并报市商务局", 15, None),
                (county(2), "协调解决重点企业物流运力问题", 40, Some((5, TaskStatus::InProgress, "已与铁路部门对接"))),
                (
                    dept("市税务局"),
                    "加快出口退税办理进度",
                    30,
                    Some((10, TaskStatus::InProgress, "平均办理时间压缩至3个工作日")),
                ),
            ],
        ),
    ];
    let mut task_id = 0;
    rows.into_iter()
        .enumerate()
        .map(|(i, (days_ago, kind, title, agenda, decisions, tasks))| {
            let held_on = ago(today, days_ago);
            let meeting = Meeting {
                id: i as i64 + 1,
                version: 1,
                held_on,
                kind,
                title,
                presided_by: "高文博（示例）".into(),
                attendance: 18 + i as i64 * 3,
                agenda: agenda.into(),
                minutes: format!("会议听取了市商务局关于外贸运行情况的汇报，{decisions}。（示例纪要）"),
                decisions: decisions.into(),
                illustrative: true,
            };
            let tasks = tasks
                .into_iter()
                .map(|(responsible, description, due_in, report)| {
                    task_id += 1;
                    let mut t = Task {
                        id: task_id,
                        version: 1,
                        meeting: meeting.id,
                        description: description.into(),
                        supervised: task_id % 3 == 1,
                        responsible,
                        deadline: ahead(held_on, due_in),
                        status: TaskStatus::NotStarted,
                        progress: Vec::new(),
                        done_on: None,
                        illustrative: true,
                    };
                    if let Some((after, status, text)) = report {
                        let on = ahead(held_on, after).min(today);
                        let p = Progress { on, by: "示例".into(), text: text.into(), status };
                        // Demo reports are dated between the meeting and today, so they always pass.
                        let _ = t.report(p, held_on, today);
                    }
                    t
                })
                .collect();
            MeetingRecord { meeting, tasks }
        })
        .collect()
}

fn problems(enterprises: &[Enterprise], today: NaiveDate) -> Vec<Problem> {
    use DifficultyCategory as C;
    // (enterprise index, category, description, days ago, department, replies: (days after, status, text))
    type Row = (usize, C, &'static str, u64, &'static str, Vec<(u64, ProblemStatus, &'static str)>);
    let rows: Vec<Row> = vec![
        (
            0,
            C::Logistics,
            "中欧班列舱位紧张，出口订单交付延误",
            45,
            "市交通运输局",
            vec![(5, ProblemStatus::InProgress, "已协调铁路部门增开班列，正在落实舱位")],
        ),
        (
            0,
            C::ExchangeRate,
            "希望提供汇率避险培训",
            90,
            "市商务局",
            vec![
                (10, ProblemStatus::InProgress, "已纳入专家智库培训计划"),
                (60, ProblemStatus::Solved, "已举办汇率避险专题培训"),
            ],
        ),
        (1, C::Financing, "出口信用保险保费负担较重", 20, "市财政局", vec![]),
        (
            2,
            C::Certificates,
            "欧盟CE认证周期长、费用高",
            70,
            "市市场监督管理局",
            vec![(15, ProblemStatus::InProgress, "已对接认证机构开辟绿色通道")],
        ),
        (
            3,
            C::Orders,
            "美国客户订单减少约两成，需拓展新市场",
            35,
            "市商务局",
            vec![(7, ProblemStatus::InProgress, "推荐参加进博会、广交会")],
        ),
        (4, C::Labour, "熟练技术工人招聘困难", 12, "市人力资源和社会保障局", vec![]),
        (
            5,
            C::Policy,
            "出口退税到账时间较长",
            50,
            "市税务局",
            vec![(8, ProblemStatus::Solved, "已优化退税流程，办理时间压缩至3个工作日")],
        ),
        (6, C::Logistics, "海运费上涨，集装箱一箱难求", 28, "市交通运输局", vec![]),
        (8, C::Other, "希望协调外籍专家来华签证", 5, "", vec![]),
        (
            10,
            C::Orders,
            "俄罗斯市场结算渠道不畅",
            64,
            "外汇管理局宝鸡市分局",
            vec![(20, ProblemStatus::Closed, "已转人民银行专题研究，本件关闭")],
        ),
    ];
    rows.into_iter()
        .enumerate()
        .filter_map(|(i, (firm, category, description, days_ago, department, replies))| {
            let raised_on = ago(today, days_ago);
            let mut p = Problem {
                id: i as i64 + 1,
                version: 1,
                enterprise: enterprises.get(firm)?.id,
                category,
                description: description.into(),
                raised_on,
                department: department.into(),
                status: ProblemStatus::Open,
                replies: Vec::new(),
                finished_on: None,
                illustrative: true,
            };
            for (after, status, text) in replies {
                let on = ahead(raised_on, after).min(today);
                let _ = p.apply(
                    Reply { on, by: "市商务局（示例）".into(), text: text.into(), status, department: None },
                    today,
                );
            }
            Some(p)
        })
        .collect()
}
