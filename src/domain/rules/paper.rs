//! The guard rules for paper carriers (R-PAP-*, R-CLS-3 to R-CLS-5). Each function checks one act
//! against the rules and says which rule refuses; nothing here writes anything.

use chrono::NaiveDate;

use crate::domain::approval::{RequestKind, RequestState};
use crate::domain::carrier::{EventKind, PaperState, next_state};
use crate::domain::error::{Checked, Refusal};
use crate::domain::level::{Level, Period};
use crate::domain::paper::{CompilePlan, CopyPlan, LoanPlan, MakePlan, Paper, Plan, TakeOutPlan};
use crate::domain::text::split_list;

/// What the officer filled in for one act on a paper. The same fields are the columns of the event
/// row, so the registers are views over them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Act {
    pub on: NaiveDate,
    /// Time of day, `14:30`, where the register asks for it (R-PAP-8).
    pub at: String,
    /// The reader, borrower, receiver or the person it concerns.
    pub person: String,
    /// Escorts, companions, destroyers or supervisors, by name.
    pub persons: Vec<String>,
    /// The other unit: recipient, originator returned to.
    pub unit: String,
    pub channel: String,
    pub place: String,
    pub method: String,
    /// Return by (loan, take-out) or extended until.
    pub due: Option<NaiveDate>,
    /// An approval form, an originator's letter, a bureau's notice.
    pub reference: String,
    pub note: String,
    pub copies: Option<i64>,
}

impl Act {
    /// Issue 8 point 12: every text of the act is free of control characters and of sane length.
    pub fn check_text(&self) -> Checked<()> {
        use crate::domain::text::{LIST_MAX, NOTE_MAX, TEXT_MAX, check_text};
        for (field, value, max) in [
            ("时间", &self.at, TEXT_MAX),
            ("人员", &self.person, TEXT_MAX),
            ("单位", &self.unit, TEXT_MAX),
            ("传递方式", &self.channel, TEXT_MAX),
            ("地点", &self.place, TEXT_MAX),
            ("方式", &self.method, TEXT_MAX),
            ("依据", &self.reference, TEXT_MAX),
            ("说明", &self.note, NOTE_MAX),
        ] {
            check_text(field, value, max)?;
        }
        for p in &self.persons {
            check_text("人员", p, TEXT_MAX)?;
        }
        check_text("人员", &self.persons.join("、"), LIST_MAX)
    }
}

/// The facts around an act that are not on the paper: the approved request, the unit's settings.
#[derive(Debug, Clone, Default)]
pub struct ActContext<'a> {
    /// The request this act carries out, with its state.
    pub request: Option<(RequestState, &'a Plan)>,
    /// Approved rooms for reading 绝密 (R-PAP-8).
    pub reading_rooms: &'a [String],
    /// Display names of the unit's officers (R-PAP-23).
    pub officers: &'a [String],
}

/// R-PAP-6: how a paper may travel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// 机要交通
    ConfidentialCourier,
    /// 机要通信 (邮政机要通信)
    ConfidentialPost,
    /// 保密员专送: the officer carries it.
    Officer,
    /// 专人专车: a dedicated person and car.
    DedicatedCar,
}

impl Channel {
    pub const ALL: [Channel; 4] = [
        Channel::ConfidentialCourier,
        Channel::ConfidentialPost,
        Channel::Officer,
        Channel::DedicatedCar,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Channel::ConfidentialCourier => "机要交通",
            Channel::ConfidentialPost => "机要通信",
            Channel::Officer => "保密员专送",
            Channel::DedicatedCar => "专人专车",
        }
    }

    /// R-PAP-6: names the forbidden channels by rule; anything else unknown is a field error.
    pub fn parse(input: &str) -> Checked<Channel> {
        let s = input.trim();
        if let Some(c) = Channel::ALL.into_iter().find(|c| c.name() == s) {
            return Ok(c);
        }
        if s == "保密员" || s == "专人" {
            return Ok(Channel::Officer);
        }
        const FORBIDDEN: [&str; 8] = [
            "普通邮政",
            "邮寄",
            "平信",
            "快递",
            "明码电报",
            "普通传真",
            "传真",
            "无关人员",
        ];
        if FORBIDDEN.iter().any(|f| s.contains(f)) {
            return Err(Refusal::rule(
                "R-PAP-6",
                format!("密件不得通过「{s}」传递，只能经机要交通、机要通信或由保密员传递"),
            ));
        }
        Err(Refusal::field(
            "传递方式",
            format!(
                "「{s}」不是传递方式，请写 {}",
                Channel::ALL.map(Channel::name).join("、")
            ),
        ))
    }

    /// Carried by hand rather than by the confidential service.
    pub fn by_hand(self) -> bool {
        matches!(self, Channel::Officer | Channel::DedicatedCar)
    }
}

/// R-PAP-24, R-PAP-23: the two ways of destroying paper.
pub const DESTROY_METHODS: [&str; 2] = ["保密粉碎机", "指定造纸厂"];

/// Checks an act on `paper` against the state machine and the rule for that act, and returns the
/// state the paper will be in.
pub fn check_event(
    paper: &Paper,
    kind: EventKind,
    act: &Act,
    ctx: &ActContext<'_>,
) -> Checked<PaperState> {
    let next = next_state(Some(paper.state), kind)?;
    act.check_text()?;
    if act.on < paper.registered_on {
        return Err(Refusal::field(
            "日期",
            format!(
                "{}早于该密件的登记日期 {}",
                crate::domain::dates::zh(act.on),
                crate::domain::dates::zh(paper.registered_on)
            ),
        ));
    }
    match kind {
        EventKind::Transfer => check_transfer(paper.level, act).map(|_| ()),
        EventKind::Send => check_send(paper, act),
        EventKind::Circulate => check_circulate(paper, act, ctx.reading_rooms),
        EventKind::Loan => check_loan(paper, act, ctx),
        EventKind::TakeOut => check_take_out(paper, act, ctx),
        EventKind::Return => check_return(paper, act),
        EventKind::Extend => check_extend(act),
        EventKind::HandOver => check_hand_over(act),
        EventKind::Destroy => check_destroy(paper, act, ctx),
        EventKind::Review => check_review(paper, act),
        EventKind::Lost => require(
            &act.note,
            "R-INC-1",
            "报告遗失须写明经过（时间、地点、情况）",
        ),
        EventKind::CirculateBack | EventKind::LoanBack | EventKind::TakeBack => Ok(()),
        _ => Ok(()),
    }?;
    Ok(next)
}

fn require(value: &str, rule: &'static str, msg: &str) -> Checked<()> {
    if value.trim().is_empty() {
        Err(Refusal::rule(rule, msg))
    } else {
        Ok(())
    }
}

/// R-PAP-3: the receive register has every column filled. Number and date are issued by the
/// system; handled-by is the logged-in officer.
pub fn check_receive(title: &str, originator: &str, copies: i64, copy_nos: &str) -> Checked<()> {
    require(title, "R-PAP-3", "收文登记须填写标题")?;
    require(originator, "R-PAP-3", "收文登记须填写来文单位")?;
    check_copies(copies, copy_nos)
}

/// R-SYS-1, R-CMP-4: the unit's passwords are as strong as its highest level requires; a paper
/// above that level would sit behind passwords too weak for it.
pub fn check_within_unit_level(level: Level, highest: Level) -> Checked<()> {
    if level > highest {
        return Err(Refusal::rule(
            "R-SYS-1",
            format!(
                "本单位最高密级设置为{highest}，不能登记{level}件。如本单位确需保管{level}载体，请先在设置中把“本单位最高密级”改为{level}（口令强度随之提高，R-CMP-4）"
            ),
        ));
    }
    Ok(())
}

/// The most copies of one paper a register line may count.
pub const COPIES_MAX: i64 = 9999;

/// A number of copies is 1 to 9,999: a ledger line never counts more, and a larger number is a
/// typing slip (or an overflow waiting to happen).
pub fn check_copy_count(field: &str, copies: i64) -> Checked<()> {
    if copies < 1 {
        Err(Refusal::field(
            field,
            format!("应为正整数（1 到 {COPIES_MAX}）"),
        ))
    } else if copies > COPIES_MAX {
        Err(Refusal::field(
            field,
            format!("{copies} 太大，最多 {COPIES_MAX} 份"),
        ))
    } else {
        Ok(())
    }
}

/// Copies are counted; copy numbers, when given, are as many as the copies.
pub fn check_copies(copies: i64, copy_nos: &str) -> Checked<()> {
    check_copy_count("份数", copies)?;
    let nos = split_list(copy_nos);
    if !nos.is_empty() && nos.len() as i64 != copies {
        return Err(Refusal::rule(
            "R-PAP-4",
            format!(
                "份号有{}个（{}），与份数{copies}不符",
                nos.len(),
                nos.join("、")
            ),
        ));
    }
    Ok(())
}

/// R-CLS-3 and R-PAP-1: a make plan is a classification decision — level, period and scope — and
/// is checked when it is put in the queue.
pub fn check_make_plan(plan: &MakePlan) -> Checked<(Level, Option<Period>)> {
    require(&plan.title, "R-CLS-3", "制作密件须写明标题")?;
    let level = Level::parse(&plan.level).ok_or_else(|| {
        Refusal::rule(
            "R-CLS-3",
            "制作密件须先定密：请选择密级（绝密、机密、秘密）",
        )
    })?;
    if !level.is_state_secret() {
        return Err(Refusal::rule(
            "R-CLS-3",
            "制作登记的是国家秘密载体，密级应为绝密、机密或秘密",
        ));
    }
    let period = if plan.period.trim().is_empty() {
        level.default_period()
    } else {
        Some(Period::parse_field("保密期限", &plan.period)?)
    };
    if plan.scope.is_empty() {
        return Err(Refusal::rule("R-CLS-3", "制作密件须确定知悉范围"));
    }
    check_copy_count("份数", plan.copies)?;
    Ok((level, period))
}

/// R-PAP-1, R-PAP-2: making a paper needs an approved make request, and no more copies than it
/// approved.
pub fn check_make(ctx: &ActContext<'_>, copies: i64) -> Checked<MakePlan> {
    let plan = approved_plan(ctx, RequestKind::Make)?;
    let Plan::Make(plan) = plan else {
        return Err(Refusal::rule("R-PAP-1", "所引用的申请不是制作申请"));
    };
    check_make_plan(plan)?;
    check_copy_count("份数", copies)?;
    if copies > plan.copies {
        return Err(Refusal::rule(
            "R-PAP-2",
            format!("批准制作{}份，不得制作{copies}份", plan.copies),
        ));
    }
    Ok(plan.clone())
}

/// The plan of an approved request of `kind`, or the rule that puts `kind` in the queue.
fn approved_plan<'a>(ctx: &ActContext<'a>, kind: RequestKind) -> Checked<&'a Plan> {
    match ctx.request {
        None => Err(Refusal::rule(
            kind.rule(),
            format!("{}须经主管领导批准，请先提交申请并经审批", kind.name()),
        )),
        Some((state, plan)) => {
            if plan.kind() != kind {
                return Err(Refusal::rule(
                    kind.rule(),
                    format!(
                        "所引用的是{}申请，不是{}申请",
                        plan.kind().name(),
                        kind.name()
                    ),
                ));
            }
            crate::domain::approval::execute(kind, state)?;
            Ok(plan)
        }
    }
}

/// R-PAP-5: sending stays within the approved distribution.
fn check_send(paper: &Paper, act: &Act) -> Checked<()> {
    require(&act.unit, "R-PAP-3", "发文登记须填写收文单位")?;
    if paper.distribution.is_empty() {
        return Err(Refusal::rule(
            "R-PAP-5",
            "该密件没有经批准的发放范围，不能发出",
        ));
    }
    for unit in split_list(&act.unit) {
        if !paper.distribution.iter().any(|d| d == &unit) {
            return Err(Refusal::rule(
                "R-PAP-5",
                format!(
                    "「{unit}」不在批准的发放范围（{}）内",
                    paper.distribution.join("、")
                ),
            ));
        }
    }
    if let Some(n) = act.copies
        && (n <= 0 || n > paper.copies)
    {
        return Err(Refusal::field(
            "发出份数",
            format!("应为 1 到 {} 之间的整数", paper.copies),
        ));
    }
    check_transfer(paper.level, act)?;
    Ok(())
}

/// R-PAP-5: one envelope holding several papers bears the highest level among them.
pub fn envelope_level(levels: impl IntoIterator<Item = Level>) -> Option<Level> {
    levels.into_iter().max()
}

/// R-PAP-6: the channel is a confidential one; 绝密 goes by the confidential service, or by hand
/// with two escorts.
pub fn check_transfer(level: Level, act: &Act) -> Checked<Channel> {
    if act.channel.trim().is_empty() {
        return Err(Refusal::rule(
            "R-PAP-6",
            "须写明传递方式（机要交通、机要通信、保密员专送、专人专车）",
        ));
    }
    let channel = Channel::parse(&act.channel)?;
    if level == Level::TopSecret && channel.by_hand() {
        let escorts: Vec<&String> = act
            .persons
            .iter()
            .filter(|p| !p.trim().is_empty())
            .collect();
        let distinct: std::collections::BTreeSet<&str> = escorts.iter().map(|s| s.trim()).collect();
        if distinct.len() < 2 {
            return Err(Refusal::rule(
                "R-PAP-6",
                "绝密件须经机要交通或机要通信递送；专人专车传递须二人护送，请写明两名护送人",
            ));
        }
    }
    Ok(channel)
}

/// R-PAP-7, R-PAP-8: circulation within the scope the leader set, and 绝密 only in the secrecy room.
fn check_circulate(paper: &Paper, act: &Act, reading_rooms: &[String]) -> Checked<()> {
    require(&act.person, "R-PAP-7", "传阅须写明阅读人")?;
    if paper.scope.is_empty() {
        return Err(Refusal::rule(
            "R-PAP-7",
            "该密件尚未由主管领导确定知悉范围，不能传阅",
        ));
    }
    let reader = act.person.trim();
    let dept = act.unit.trim();
    let in_scope = paper
        .scope
        .iter()
        .any(|s| s == reader || (!dept.is_empty() && s == dept));
    if !in_scope {
        return Err(Refusal::rule(
            "R-PAP-7",
            format!(
                "{reader}{}不在知悉范围（{}）内，不得扩大知悉范围",
                if dept.is_empty() {
                    String::new()
                } else {
                    format!("（{dept}）")
                },
                paper.scope.join("、")
            ),
        ));
    }
    if paper.level == Level::TopSecret {
        let place = act.place.trim();
        if !reading_rooms.iter().any(|r| r == place) {
            return Err(Refusal::rule(
                "R-PAP-8",
                format!(
                    "绝密件只能在{}阅读，请写明阅读地点",
                    if reading_rooms.is_empty() {
                        "保密室或批准的阅文室".to_string()
                    } else {
                        reading_rooms.join("或")
                    }
                ),
            ));
        }
        if act.at.trim().is_empty() {
            return Err(Refusal::rule(
                "R-PAP-8",
                "绝密件传阅须记录签领时间（如 09:30）",
            ));
        }
    }
    Ok(())
}

/// R-PAP-9: a loan needs an approved request for this paper and this borrower, and a return date.
fn check_loan(paper: &Paper, act: &Act, ctx: &ActContext<'_>) -> Checked<()> {
    let Plan::Loan(plan) = approved_plan(ctx, RequestKind::Loan)? else {
        return Err(Refusal::rule("R-PAP-9", "所引用的申请不是借阅申请"));
    };
    same_paper(&plan.paper, paper, "R-PAP-9")?;
    if !act.person.trim().is_empty() && act.person.trim() != plan.borrower {
        return Err(Refusal::rule(
            "R-PAP-9",
            format!("批准的借阅人是{}，不是{}", plan.borrower, act.person.trim()),
        ));
    }
    check_loan_plan(plan, act.on)
}

/// R-PAP-9: checked again when the request is filed.
pub fn check_loan_plan(plan: &LoanPlan, today: NaiveDate) -> Checked<()> {
    require(&plan.borrower, "R-PAP-9", "借阅须写明借阅人")?;
    if plan.return_by < today {
        return Err(Refusal::rule("R-PAP-9", "归还日期不能早于借出日期"));
    }
    Ok(())
}

/// R-PAP-11: take-out needs an approved request; 绝密 needs two people.
fn check_take_out(paper: &Paper, act: &Act, ctx: &ActContext<'_>) -> Checked<()> {
    let Plan::TakeOut(plan) = approved_plan(ctx, RequestKind::TakeOut)? else {
        return Err(Refusal::rule("R-PAP-11", "所引用的申请不是携带外出申请"));
    };
    same_paper(&plan.paper, paper, "R-PAP-11")?;
    check_take_out_plan(plan, paper.level, act.on)
}

/// R-PAP-11: checked when the request is filed and again when the paper leaves.
pub fn check_take_out_plan(plan: &TakeOutPlan, level: Level, today: NaiveDate) -> Checked<()> {
    let people: std::collections::BTreeSet<&str> = plan
        .persons
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect();
    if people.is_empty() {
        return Err(Refusal::rule("R-PAP-11", "携带外出须写明携带人"));
    }
    if level == Level::TopSecret && people.len() < 2 {
        return Err(Refusal::rule("R-PAP-11", "携带绝密件外出须有二人以上同行"));
    }
    require(&plan.place, "R-PAP-11", "携带外出须写明去往地点")?;
    require(
        &plan.purpose,
        "R-PAP-11",
        "携带外出须写明工作事由，严禁携带密件去与工作无关的场所",
    )?;
    if plan.return_by < today {
        return Err(Refusal::rule("R-PAP-11", "预计带回日期不能早于外出日期"));
    }
    Ok(())
}

fn same_paper(planned: &str, paper: &Paper, rule: &'static str) -> Checked<()> {
    if planned == paper.no {
        Ok(())
    } else {
        Err(Refusal::rule(
            rule,
            format!("该申请批准的是 {planned}，不是 {}", paper.no),
        ))
    }
}

/// R-PAP-16: returns go to the originator unless the bureau says otherwise, with who received it.
fn check_return(paper: &Paper, act: &Act) -> Checked<()> {
    require(&act.person, "R-PAP-16", "清退须登记对方签收人")?;
    let to = act.unit.trim();
    if !to.is_empty() && to != paper.originator && act.reference.trim().is_empty() {
        return Err(Refusal::rule(
            "R-PAP-16",
            format!(
                "密件应退回原制发机关（{}）；退往「{to}」须注明保密行政管理部门的意见",
                paper.originator
            ),
        ));
    }
    Ok(())
}

/// R-PAP-14: an extension of use is reported to the originator.
fn check_extend(act: &Act) -> Checked<()> {
    require(
        &act.reference,
        "R-PAP-14",
        "延长使用须向发文机关说明情况并办理手续，请写明告知的函件或记录",
    )?;
    if let Some(until) = act.due
        && until <= act.on
    {
        return Err(Refusal::field("延长至", "应晚于办理日期"));
    }
    Ok(())
}

/// R-PAP-18: a hand-over names the receiving unit and both signatures.
fn check_hand_over(act: &Act) -> Checked<()> {
    require(&act.unit, "R-PAP-18", "移交须写明接收单位")?;
    require(&act.person, "R-PAP-18", "移交须写明接收人（签收）")?;
    Ok(())
}

/// R-CLS-7: the result of a declassification review.
fn check_review(paper: &Paper, act: &Act) -> Checked<()> {
    match act.method.trim() {
        "解密" => Ok(()),
        "变更期限" => {
            let Some(_) = act.due else {
                return Err(Refusal::field("新的保密期限", "变更期限须写明新的到期日期"));
            };
            if !paper.level.is_state_secret() {
                return Err(Refusal::field("审查结论", "非国家秘密无保密期限可变更"));
            }
            Ok(())
        }
        _ => Err(Refusal::field("审查结论", "请写 解密 或 变更期限")),
    }
}

/// R-PAP-19, R-CLS-4: copying. The copy's level, period and scope are the original's; a plan that
/// asks for anything else is refused.
pub fn check_copy_plan(original: &Paper, plan: &CopyPlan) -> Checked<()> {
    next_state(Some(original.state), EventKind::Copy)?;
    check_copy_count("份数", plan.copies)?;
    require(&plan.purpose, "R-PAP-20", "复印须写明用途")?;
    if original.level == Level::TopSecret {
        require(
            &plan.external_ref,
            "R-PAP-19",
            "绝密件原则上不得复印；确需复印的，须经密级确定机关或其上级机关批准，请写明批准文号",
        )?;
    } else if original.no_copy {
        return Err(Refusal::rule("R-PAP-19", "制发机关不允许复制该密件"));
    }
    Ok(())
}

/// R-CLS-4: what a copy is marked with. Asking for a lower level, another period or another scope
/// is refused.
pub fn check_copy_marking(
    original: &Paper,
    level: Option<Level>,
    period: Option<Period>,
    scope: Option<&[String]>,
) -> Checked<()> {
    if let Some(l) = level
        && l != original.level
    {
        return Err(Refusal::rule(
            "R-CLS-4",
            format!("复印件须保持原件密级{}，不得改为{l}", original.level),
        ));
    }
    if let Some(p) = period
        && Some(p) != original.period
    {
        return Err(Refusal::rule(
            "R-CLS-4",
            format!(
                "复印件须保持原件保密期限{}，不得改为{p}",
                original
                    .period
                    .map(|p| p.to_string())
                    .unwrap_or_else(|| "（无）".into())
            ),
        ));
    }
    if let Some(s) = scope
        && s != original.scope.as_slice()
    {
        return Err(Refusal::rule(
            "R-CLS-4",
            "复印件须保持原件的知悉范围，不得改变",
        ));
    }
    Ok(())
}

/// R-PAP-19/R-PAP-20 at execution: approved, same paper, no more copies than approved.
pub fn check_copy(original: &Paper, copies: i64, ctx: &ActContext<'_>) -> Checked<CopyPlan> {
    let Plan::Copy(plan) = approved_plan(ctx, RequestKind::Copy)? else {
        return Err(Refusal::rule("R-PAP-19", "所引用的申请不是复印申请"));
    };
    same_paper(&plan.paper, original, "R-PAP-19")?;
    check_copy_plan(original, plan)?;
    check_copy_count("份数", copies)?;
    if copies > plan.copies {
        return Err(Refusal::rule(
            "R-PAP-19",
            format!("批准复印{}份，不得复印{copies}份", plan.copies),
        ));
    }
    Ok(plan.clone())
}

/// R-CLS-5: a compilation takes the highest level and the longest period of its sources.
pub fn compile_mark(sources: &[&Paper], on: NaiveDate) -> Option<(Level, Option<Period>)> {
    let level = sources.iter().map(|p| p.level).max()?;
    let period = sources
        .iter()
        .filter_map(|p| {
            // Each source's remaining period, counted from the compilation date.
            match p.period {
                Some(Period::Years(_)) => p.period_end().map(Period::Until),
                other => other,
            }
        })
        .reduce(|a, b| a.longest(b, on));
    Some((level, period))
}

/// R-PAP-21: compiling needs the originator's approval; R-CLS-5: marked with the highest level and
/// longest period of the sources.
pub fn check_compile_plan(sources: &[&Paper], plan: &CompilePlan) -> Checked<()> {
    require(&plan.title, "R-PAP-21", "汇编须写明汇编后的标题")?;
    if sources.len() < 2 {
        return Err(Refusal::field("汇编来源", "汇编至少需要两件密件"));
    }
    require(
        &plan.external_ref,
        "R-PAP-21",
        "汇编密件须经原制发机关批准，请写明批准文号",
    )?;
    for p in sources {
        next_state(Some(p.state), EventKind::Compile)?;
    }
    Ok(())
}

/// R-CLS-5 at execution: a level or period lower than the sources' is refused.
pub fn check_compile_marking(
    sources: &[&Paper],
    on: NaiveDate,
    level: Option<Level>,
    period: Option<Period>,
) -> Checked<(Level, Option<Period>)> {
    let Some((top, longest)) = compile_mark(sources, on) else {
        return Err(Refusal::field("汇编来源", "汇编至少需要两件密件"));
    };
    if let Some(l) = level
        && l < top
    {
        return Err(Refusal::rule(
            "R-CLS-5",
            format!("汇编件须按来源中的最高密级{top}标志，不得标为{l}"),
        ));
    }
    let level = level.unwrap_or(top);
    let period = match (period, longest) {
        (Some(asked), Some(l)) => {
            let shorter = match (asked.end_from(on), l.end_from(on)) {
                (None, _) => false,
                (Some(_), None) => true,
                (Some(a), Some(b)) => a < b,
            };
            if shorter {
                return Err(Refusal::rule(
                    "R-CLS-5",
                    format!("汇编件须按来源中最长的保密期限（{l}）标志，不得短于它"),
                ));
            }
            Some(asked)
        }
        (asked, l) => asked.or(l),
    };
    Ok((level, period))
}

/// R-PAP-21 at execution.
pub fn check_compile(ctx: &ActContext<'_>, sources: &[&Paper]) -> Checked<CompilePlan> {
    let Plan::Compile(plan) = approved_plan(ctx, RequestKind::Compile)? else {
        return Err(Refusal::rule("R-PAP-21", "所引用的申请不是汇编申请"));
    };
    let nos: std::collections::BTreeSet<&str> = sources.iter().map(|p| p.no.as_str()).collect();
    let planned: std::collections::BTreeSet<&str> =
        plan.papers.iter().map(String::as_str).collect();
    if nos != planned {
        return Err(Refusal::rule("R-PAP-21", "汇编的来源与批准的不一致"));
    }
    check_compile_plan(sources, plan)?;
    Ok(plan.clone())
}

/// R-PAP-23, R-PAP-24: destruction by at least two people including an officer, method recorded;
/// 绝密 and cipher telegrams inside the unit only.
fn check_destroy(paper: &Paper, act: &Act, ctx: &ActContext<'_>) -> Checked<()> {
    let plan = approved_plan(ctx, RequestKind::Destroy)?;
    if !plan.papers().iter().any(|n| n == &paper.no) {
        return Err(Refusal::rule(
            "R-PAP-23",
            format!("{} 不在批准的销毁清单内", paper.no),
        ));
    }
    check_destroyers(&act.persons, ctx.officers)?;
    let method = act.method.trim();
    if method.is_empty() {
        return Err(Refusal::rule(
            "R-PAP-23",
            "须记录销毁方式（保密粉碎机，或指定造纸厂并有人监销）",
        ));
    }
    if !DESTROY_METHODS.contains(&method) {
        return Err(Refusal::field(
            "销毁方式",
            format!("请写 {}", DESTROY_METHODS.join(" 或 ")),
        ));
    }
    let outside = method == "指定造纸厂";
    if outside && (paper.level == Level::TopSecret || paper.cipher) {
        return Err(Refusal::rule(
            "R-PAP-24",
            if paper.cipher {
                "密码电报只能在本单位销毁"
            } else {
                "绝密载体只能在本单位销毁"
            },
        ));
    }
    Ok(())
}

/// R-PAP-23: at least two distinct people, one of them the officer.
pub fn check_destroyers(persons: &[String], officers: &[String]) -> Checked<()> {
    let people: std::collections::BTreeSet<&str> = persons
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect();
    if people.len() < 2 {
        return Err(Refusal::rule(
            "R-PAP-23",
            "销毁须由保密员等两人以上共同负责，请写明两名以上销毁人",
        ));
    }
    if !people.iter().any(|p| officers.iter().any(|o| o == p)) {
        return Err(Refusal::rule(
            "R-PAP-23",
            format!(
                "销毁人中须有保密员（{}）",
                if officers.is_empty() {
                    "本单位保密员".to_string()
                } else {
                    officers.join("、")
                }
            ),
        ));
    }
    Ok(())
}

/// R-PAP-23: a destruction plan lists papers that can still be destroyed.
pub fn check_destroy_plan(papers: &[&Paper]) -> Checked<()> {
    if papers.is_empty() {
        return Err(Refusal::field("销毁清单", "清单中没有密件"));
    }
    for p in papers {
        next_state(Some(p.state), EventKind::Destroy)?;
    }
    Ok(())
}

/// R-PAP-17: nobody leaves a post while holding papers. `held` is what the person holds.
pub fn check_departure(person: &str, held: &[&Paper]) -> Checked<()> {
    if held.is_empty() {
        return Ok(());
    }
    let list: Vec<String> = held
        .iter()
        .take(5)
        .map(|p| format!("{}《{}》", p.no, p.title))
        .collect();
    Err(Refusal::rule(
        "R-PAP-17",
        format!(
            "{person}仍持有{}件密件（{}{}），须全部清退、移交后才能离岗",
            held.len(),
            list.join("、"),
            if held.len() > 5 { "等" } else { "" }
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::ymd;
    use crate::domain::paper::{DestroyPlan, Origin};

    fn paper(level: Level) -> Paper {
        Paper {
            id: 1,
            no: "2026-收-0001".into(),
            origin: Origin::Received,
            registered_on: ymd(2026, 3, 2),
            year: 2026,
            originator: "市委办公室".into(),
            doc_no: "江委办〔2026〕3号".into(),
            title: "关于做好保密自查工作的通知".into(),
            level,
            period: level.default_period(),
            period_from: ymd(2026, 3, 2),
            scope: vec!["办公室".into(), "张三".into()],
            copies: 1,
            copy_nos: String::new(),
            return_by: None,
            keep: true,
            cipher: false,
            no_copy: false,
            distribution: vec![],
            source_id: None,
            dispatch_no: None,
            keeper: "李保密".into(),
            holder: "李保密".into(),
            location: "1号柜".into(),
            state: PaperState::InStock,
            extended: false,
            extended_until: None,
            due_on: None,
        }
    }

    fn act() -> Act {
        Act {
            on: ymd(2026, 4, 1),
            ..Act::default()
        }
    }

    // R-PAP-6: never by ordinary post or courier; 绝密 by hand needs two escorts.
    #[test]
    fn r_pap_6_transfer_channels() {
        let mut a = act();
        a.channel = "快递".into();
        assert_eq!(
            check_transfer(Level::Secret, &a).unwrap_err().rule_id(),
            Some("R-PAP-6")
        );
        a.channel = "普通邮政".into();
        assert_eq!(
            check_transfer(Level::Confidential, &a)
                .unwrap_err()
                .rule_id(),
            Some("R-PAP-6")
        );
        a.channel = "机要交通".into();
        assert!(check_transfer(Level::TopSecret, &a).is_ok());
        a.channel = "专人专车".into();
        assert_eq!(
            check_transfer(Level::TopSecret, &a).unwrap_err().rule_id(),
            Some("R-PAP-6")
        );
        a.persons = vec!["张三".into(), "张三".into()];
        assert!(check_transfer(Level::TopSecret, &a).is_err());
        a.persons = vec!["张三".into(), "李四".into()];
        assert!(check_transfer(Level::TopSecret, &a).is_ok());
        a.channel = "保密员专送".into();
        a.persons.clear();
        assert!(check_transfer(Level::Secret, &a).is_ok());
        a.channel = String::new();
        assert_eq!(
            check_transfer(Level::Secret, &a).unwrap_err().rule_id(),
            Some("R-PAP-6")
        );
    }

    // R-PAP-7: only within scope; R-PAP-8: 绝密 in the secrecy room, with the time taken.
    #[test]
    fn r_pap_7_and_8_circulation() {
        let rooms = vec!["保密室".to_string()];
        let ctx = ActContext {
            reading_rooms: &rooms,
            ..Default::default()
        };
        let p = paper(Level::Secret);
        let mut a = act();
        a.person = "王五".into();
        let e = check_event(&p, EventKind::Circulate, &a, &ctx).unwrap_err();
        assert_eq!(e.rule_id(), Some("R-PAP-7"));
        a.unit = "办公室".into();
        assert_eq!(
            check_event(&p, EventKind::Circulate, &a, &ctx),
            Ok(PaperState::Circulating)
        );
        let mut unscoped = p.clone();
        unscoped.scope.clear();
        assert_eq!(
            check_event(&unscoped, EventKind::Circulate, &a, &ctx)
                .unwrap_err()
                .rule_id(),
            Some("R-PAP-7")
        );

        let top = paper(Level::TopSecret);
        let mut a = act();
        a.person = "张三".into();
        a.place = "会议室".into();
        a.at = "09:30".into();
        assert_eq!(
            check_event(&top, EventKind::Circulate, &a, &ctx)
                .unwrap_err()
                .rule_id(),
            Some("R-PAP-8")
        );
        a.place = "保密室".into();
        a.at.clear();
        assert_eq!(
            check_event(&top, EventKind::Circulate, &a, &ctx)
                .unwrap_err()
                .rule_id(),
            Some("R-PAP-8")
        );
        a.at = "09:30".into();
        assert!(check_event(&top, EventKind::Circulate, &a, &ctx).is_ok());
    }

    // R-PAP-9: no loan without an approved request for that paper.
    #[test]
    fn r_pap_9_loan_needs_approval() {
        let p = paper(Level::Secret);
        let mut a = act();
        a.person = "赵六".into();
        let none = ActContext::default();
        assert_eq!(
            check_event(&p, EventKind::Loan, &a, &none)
                .unwrap_err()
                .rule_id(),
            Some("R-PAP-9")
        );
        let plan = Plan::Loan(LoanPlan {
            paper: p.no.clone(),
            borrower: "赵六".into(),
            return_by: ymd(2026, 4, 10),
            purpose: String::new(),
        });
        let pending = ActContext {
            request: Some((RequestState::Pending, &plan)),
            ..Default::default()
        };
        assert_eq!(
            check_event(&p, EventKind::Loan, &a, &pending)
                .unwrap_err()
                .rule_id(),
            Some("R-PAP-9")
        );
        let approved = ActContext {
            request: Some((RequestState::Approved, &plan)),
            ..Default::default()
        };
        assert_eq!(
            check_event(&p, EventKind::Loan, &a, &approved),
            Ok(PaperState::OnLoan)
        );
        a.person = "钱七".into();
        assert!(check_event(&p, EventKind::Loan, &a, &approved).is_err());
        let mut other = p.clone();
        other.no = "2026-收-0002".into();
        a.person = "赵六".into();
        assert!(check_event(&other, EventKind::Loan, &a, &approved).is_err());
    }

    // R-PAP-11: 绝密 take-out needs two people, a place and a purpose.
    #[test]
    fn r_pap_11_take_out() {
        let plan = TakeOutPlan {
            paper: "2026-收-0001".into(),
            persons: vec!["张三".into()],
            place: "市政府".into(),
            purpose: "汇报".into(),
            return_by: ymd(2026, 4, 2),
        };
        let today = ymd(2026, 4, 1);
        assert_eq!(
            check_take_out_plan(&plan, Level::TopSecret, today)
                .unwrap_err()
                .rule_id(),
            Some("R-PAP-11")
        );
        assert!(check_take_out_plan(&plan, Level::Secret, today).is_ok());
        let two = TakeOutPlan {
            persons: vec!["张三".into(), "李四".into()],
            ..plan.clone()
        };
        assert!(check_take_out_plan(&two, Level::TopSecret, today).is_ok());
        let no_purpose = TakeOutPlan {
            purpose: " ".into(),
            ..plan
        };
        assert!(check_take_out_plan(&no_purpose, Level::Secret, today).is_err());
    }

    // R-PAP-19: 绝密 copying needs the originating authority; R-CLS-4: the marking stays.
    #[test]
    fn r_pap_19_and_r_cls_4_copying() {
        let top = paper(Level::TopSecret);
        let mut plan = CopyPlan {
            paper: top.no.clone(),
            copies: 2,
            purpose: "会议学习".into(),
            external_ref: String::new(),
        };
        assert_eq!(
            check_copy_plan(&top, &plan).unwrap_err().rule_id(),
            Some("R-PAP-19")
        );
        plan.external_ref = "省委办公厅 2026-12 号批复".into();
        assert!(check_copy_plan(&top, &plan).is_ok());

        let mut forbidden = paper(Level::Secret);
        forbidden.no_copy = true;
        assert_eq!(
            check_copy_plan(&forbidden, &plan).unwrap_err().rule_id(),
            Some("R-PAP-19")
        );

        let p = paper(Level::Secret);
        assert_eq!(
            check_copy_marking(&p, Some(Level::Confidential), None, None)
                .unwrap_err()
                .rule_id(),
            Some("R-CLS-4")
        );
        assert_eq!(
            check_copy_marking(&p, None, Some(Period::Years(5)), None)
                .unwrap_err()
                .rule_id(),
            Some("R-CLS-4")
        );
        assert_eq!(
            check_copy_marking(&p, None, None, Some(&["全体人员".to_string()]))
                .unwrap_err()
                .rule_id(),
            Some("R-CLS-4")
        );
        assert!(check_copy_marking(&p, Some(Level::Secret), p.period, Some(&p.scope)).is_ok());
    }

    // R-CLS-5: highest level and longest period of the sources.
    #[test]
    fn r_cls_5_compilation_marking() {
        let a = paper(Level::Confidential);
        let mut b = paper(Level::Secret);
        b.period = Some(Period::Years(5));
        let on = ymd(2026, 6, 1);
        let (level, period) = compile_mark(&[&a, &b], on).unwrap();
        assert_eq!(level, Level::Secret);
        // a: 秘密 10 years from 2026-03-02 outlasts b's 5 years.
        assert_eq!(period, Some(Period::Until(ymd(2036, 3, 2))));
        assert_eq!(
            check_compile_marking(&[&a, &b], on, Some(Level::Confidential), None)
                .unwrap_err()
                .rule_id(),
            Some("R-CLS-5")
        );
        assert_eq!(
            check_compile_marking(&[&a, &b], on, None, Some(Period::Years(1)))
                .unwrap_err()
                .rule_id(),
            Some("R-CLS-5")
        );
        assert!(
            check_compile_marking(&[&a, &b], on, Some(Level::TopSecret), Some(Period::Long))
                .is_ok()
        );
    }

    // R-PAP-21: compilation needs the originator's approval.
    #[test]
    fn r_pap_21_compile_needs_originator() {
        let a = paper(Level::Confidential);
        let b = paper(Level::Secret);
        let plan = CompilePlan {
            papers: vec![a.no.clone(), b.no.clone()],
            title: "2026年保密文件汇编".into(),
            external_ref: String::new(),
        };
        assert_eq!(
            check_compile_plan(&[&a, &b], &plan).unwrap_err().rule_id(),
            Some("R-PAP-21")
        );
    }

    // R-PAP-23: two people, one the officer, method recorded; R-PAP-24: 绝密 inside the unit.
    #[test]
    fn r_pap_23_and_24_destruction() {
        let officers = vec!["李保密".to_string()];
        let top = paper(Level::TopSecret);
        let plan = Plan::Destroy(DestroyPlan {
            papers: vec![top.no.clone()],
            reason: String::new(),
        });
        let ctx = ActContext {
            request: Some((RequestState::Approved, &plan)),
            officers: &officers,
            ..Default::default()
        };
        let mut a = act();
        a.persons = vec!["李保密".into()];
        a.method = "保密粉碎机".into();
        assert_eq!(
            check_event(&top, EventKind::Destroy, &a, &ctx)
                .unwrap_err()
                .rule_id(),
            Some("R-PAP-23")
        );
        a.persons = vec!["王五".into(), "赵六".into()];
        assert_eq!(
            check_event(&top, EventKind::Destroy, &a, &ctx)
                .unwrap_err()
                .rule_id(),
            Some("R-PAP-23")
        );
        a.persons = vec!["李保密".into(), "王五".into()];
        a.method = String::new();
        assert_eq!(
            check_event(&top, EventKind::Destroy, &a, &ctx)
                .unwrap_err()
                .rule_id(),
            Some("R-PAP-23")
        );
        a.method = "指定造纸厂".into();
        let e = check_event(&top, EventKind::Destroy, &a, &ctx).unwrap_err();
        assert_eq!(e.to_string(), "违反 R-PAP-24：绝密载体只能在本单位销毁");
        a.method = "保密粉碎机".into();
        assert_eq!(
            check_event(&top, EventKind::Destroy, &a, &ctx),
            Ok(PaperState::Destroyed)
        );

        let mut cipher = paper(Level::Secret);
        cipher.no = top.no.clone();
        cipher.cipher = true;
        a.method = "指定造纸厂".into();
        assert_eq!(
            check_event(&cipher, EventKind::Destroy, &a, &ctx)
                .unwrap_err()
                .rule_id(),
            Some("R-PAP-24")
        );
        let no_request = ActContext {
            officers: &officers,
            ..Default::default()
        };
        assert_eq!(
            check_event(&paper(Level::Secret), EventKind::Destroy, &a, &no_request)
                .unwrap_err()
                .rule_id(),
            Some("R-PAP-23")
        );
    }

    // R-PAP-17: nobody leaves while holding papers.
    #[test]
    fn r_pap_17_departure_blocked_while_holding() {
        let p = paper(Level::Secret);
        assert!(check_departure("张三", &[]).is_ok());
        let e = check_departure("张三", &[&p]).unwrap_err();
        assert_eq!(e.rule_id(), Some("R-PAP-17"));
        assert!(e.to_string().contains("2026-收-0001"));
    }

    // R-PAP-5: sending within the distribution; the envelope bears the highest level.
    #[test]
    fn r_pap_5_send_within_distribution() {
        let mut p = paper(Level::Secret);
        let mut a = act();
        a.unit = "市财政局".into();
        a.channel = "机要交通".into();
        assert_eq!(
            check_event(&p, EventKind::Send, &a, &ActContext::default())
                .unwrap_err()
                .rule_id(),
            Some("R-PAP-5")
        );
        p.distribution = vec!["市财政局".into(), "市审计局".into()];
        assert!(check_event(&p, EventKind::Send, &a, &ActContext::default()).is_ok());
        a.unit = "市财政局、市公安局".into();
        assert_eq!(
            check_event(&p, EventKind::Send, &a, &ActContext::default())
                .unwrap_err()
                .rule_id(),
            Some("R-PAP-5")
        );
        assert_eq!(
            envelope_level([Level::Confidential, Level::TopSecret, Level::Secret]),
            Some(Level::TopSecret)
        );
    }

    // R-PAP-16: returned to the originator, with the receiver's name.
    #[test]
    fn r_pap_16_return_to_originator() {
        let p = paper(Level::Secret);
        let mut a = act();
        assert_eq!(
            check_event(&p, EventKind::Return, &a, &ActContext::default())
                .unwrap_err()
                .rule_id(),
            Some("R-PAP-16")
        );
        a.person = "陈收".into();
        a.unit = "市公安局".into();
        assert_eq!(
            check_event(&p, EventKind::Return, &a, &ActContext::default())
                .unwrap_err()
                .rule_id(),
            Some("R-PAP-16")
        );
        a.unit = "市委办公室".into();
        assert_eq!(
            check_event(&p, EventKind::Return, &a, &ActContext::default()),
            Ok(PaperState::Returned)
        );
    }

    // R-PAP-14: an extension says how the originator was told.
    #[test]
    fn r_pap_14_extension_needs_originator_told() {
        let p = paper(Level::Secret);
        let a = act();
        assert_eq!(
            check_event(&p, EventKind::Extend, &a, &ActContext::default())
                .unwrap_err()
                .rule_id(),
            Some("R-PAP-14")
        );
    }

    // R-PAP-2: no more copies made than approved; R-PAP-1: not without approval.
    #[test]
    fn r_pap_1_and_2_making() {
        assert_eq!(
            check_make(&ActContext::default(), 1).unwrap_err().rule_id(),
            Some("R-PAP-1")
        );
        let plan = Plan::Make(MakePlan {
            title: "2026年保密工作要点".into(),
            level: "机密".into(),
            period: "10年".into(),
            scope: vec!["各科室负责人".into()],
            copies: 5,
            distribution: vec![],
            purpose: String::new(),
        });
        let ctx = ActContext {
            request: Some((RequestState::Approved, &plan)),
            ..Default::default()
        };
        assert!(check_make(&ctx, 5).is_ok());
        assert_eq!(check_make(&ctx, 6).unwrap_err().rule_id(), Some("R-PAP-2"));
    }

    // R-CLS-3: no make plan without a classification decision.
    #[test]
    fn r_cls_3_make_needs_classification() {
        let mut plan = MakePlan {
            title: "会议纪要".into(),
            level: String::new(),
            period: String::new(),
            scope: vec!["办公室".into()],
            copies: 1,
            distribution: vec![],
            purpose: String::new(),
        };
        assert_eq!(
            check_make_plan(&plan).unwrap_err().rule_id(),
            Some("R-CLS-3")
        );
        plan.level = "内部".into();
        assert_eq!(
            check_make_plan(&plan).unwrap_err().rule_id(),
            Some("R-CLS-3")
        );
        plan.level = "秘密".into();
        plan.scope.clear();
        assert_eq!(
            check_make_plan(&plan).unwrap_err().rule_id(),
            Some("R-CLS-3")
        );
        plan.scope = vec!["办公室".into()];
        assert_eq!(
            check_make_plan(&plan),
            Ok((Level::Confidential, Some(Period::Years(10))))
        );
    }

    // R-PAP-3: the receive register has its columns.
    #[test]
    fn r_pap_3_receive_columns() {
        assert_eq!(
            check_receive("", "市委办", 1, "").unwrap_err().rule_id(),
            Some("R-PAP-3")
        );
        assert_eq!(
            check_receive("通知", " ", 1, "").unwrap_err().rule_id(),
            Some("R-PAP-3")
        );
        assert!(check_receive("通知", "市委办", 0, "").is_err());
        assert!(check_receive("通知", "市委办", 2, "3").is_err());
        assert!(check_receive("通知", "市委办", 2, "3,4").is_ok());
    }
}
