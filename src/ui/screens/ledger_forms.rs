//! The forms the ledger opens to register a paper: 收文登记 (with what the receipt's checks found
//! wrong, R-PAP-4), 制作登记, and issuing a secrecy notebook (R-PAP-26). Each location field
//! offers the registered cabinets the paper's level may go into (R-PAP-10).

use crate::domain::Refusal;
use crate::domain::cabinet::Cabinet;
use crate::domain::dates;
use crate::domain::level::Level;
use crate::domain::numbering::Series;
use crate::domain::paper::ReceiveForm;
use crate::store::{mismatches, notebooks, papers};
use crate::ui::action::Session;
use crate::ui::screens::cabinets::{follow_level, level_in, location_field};
use crate::ui::widgets::field::Field;
use crate::ui::widgets::form::{Form, FormJob, Values};

const LEVELS: [&str; 5] = ["秘密", "机密", "绝密", "内部", "非密"];

/// 收文登记: the receive register's columns (R-PAP-3); the number is issued on saving (R-PAP-4).
/// A disagreement with the envelope or the list is recorded in the same change (R-PAP-4).
pub fn receive_form(today: &str, cabinets: Vec<Cabinet>) -> Form {
    let fields = vec![
        Field::text("title", "标题").required(),
        Field::text("originator", "来文单位").required(),
        Field::text("doc_no", "文号").hint("如 江委办〔2026〕3号"),
        Field::choice("level", "密级", &LEVELS),
        Field::text("period", "保密期限")
            .hint("10年、长期或到期日期；不写按密级默认（绝密30年 机密20年 秘密10年）"),
        Field::text("scope", "知悉范围").hint("主管领导确定的人名或部门，用顿号分隔"),
        Field::text("copies", "份数").with("1"),
        Field::text("copy_nos", "份号").hint("如 3,4；写则须与份数一致"),
        Field::text("date", "收文日期").with(today),
        Field::text("return_by", "清退期限").hint("制发机关规定的清退时间（R-PAP-15）"),
        location_field("location", "存放位置", &cabinets, Level::Secret, ""),
        Field::text("holder", "签收人").hint("默认为当前保密员"),
        Field::text("dept", "承办部门").hint("办理、使用该件的部门；年度台帐按部门分列"),
        Field::text("mismatch", "核对不符").hint("如“信封标3份，实收2份”；相符不填（R-PAP-4）"),
        Field::check("no_keep", "无保存价值"),
        Field::check("cipher", "密码电报"),
        Field::check("no_copy", "不允许复制"),
    ];
    Form::new(
        "收文登记",
        fields,
        Box::new(|v: &Values| -> Result<FormJob, Refusal> {
            let form = ReceiveForm {
                no: String::new(),
                date: v.get("date").into(),
                originator: v.get("originator").into(),
                doc_no: v.get("doc_no").into(),
                title: v.get("title").into(),
                level: v.get("level").into(),
                period: v.get("period").into(),
                scope: v.get("scope").into(),
                copies: v.get("copies").into(),
                copy_nos: v.get("copy_nos").into(),
                return_by: v.get("return_by").into(),
                location: v.get("location").into(),
                holder: v.get("holder").into(),
                dept: v.get("dept").into(),
                no_keep: v.flag("no_keep"),
                cipher: v.flag("cipher"),
                no_copy: v.flag("no_copy"),
            };
            let mismatch = v.get("mismatch").to_string();
            Ok(Box::new(move |s: &mut Session| {
                let receipt = form.parse(s.today())?;
                let format = s.settings().format(Series::Receipt).to_string();
                let stamp = s.stamp();
                let p = s.store.change(&stamp, |c| {
                    let p = papers::receive(c, &receipt, &format)?;
                    // R-PAP-4: a disagreement found at receipt goes on the due list with it.
                    if !mismatch.is_empty() {
                        mismatches::record(c, &p.no, receipt.on, &mismatch)?;
                    }
                    Ok(p)
                })?;
                Ok(format!(
                    "已登记，收文编号 {}（{}），存放于{}{}",
                    p.no,
                    p.mark(),
                    p.location,
                    if mismatch.is_empty() {
                        ""
                    } else {
                        "；收文不符已列入待办"
                    }
                ))
            }))
        }),
    )
    .note("请在文件首页上方加盖收文章，填写收文编号和日期（R-PAP-4）")
    .linked(follow_level(|f| level_in(f, "level"), cabinets))
}

/// The level a make request asks for, for the cabinets offered.
pub fn make_level(r: &crate::store::approvals::Request) -> Option<Level> {
    match &r.plan {
        crate::domain::paper::Plan::Make(m) => Level::parse(&m.level),
        _ => None,
    }
}

/// An approved make request ready to be carried out: its number, summary and level.
pub type MakeReady = (i64, String, Option<Level>);

/// 制作登记: carried out from an approved make request (R-PAP-1, R-PAP-2).
pub fn make_form(ready: &[MakeReady], today: &str, cabinets: Vec<Cabinet>) -> Form {
    let ids: Vec<String> = ready.iter().map(|(id, ..)| id.to_string()).collect();
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let note = ready
        .iter()
        .map(|(id, s, _)| format!("申请{id}：{s}"))
        .collect::<Vec<_>>()
        .join("；");
    let levels: Vec<(String, Level)> = ready
        .iter()
        .filter_map(|(id, _, l)| l.map(|l| (id.to_string(), l)))
        .collect();
    let first = levels.first().map(|l| l.1).unwrap_or(Level::Secret);
    Form::new(
        "制作登记",
        vec![
            Field::choice("request", "申请号", &refs),
            Field::text("copies", "实际制作份数")
                .required()
                .hint("不得超过批准份数（R-PAP-2）"),
            location_field("location", "存放位置", &cabinets, first, ""),
            Field::text("waste", "残次品处理").hint("中间材料及残次品：已销毁 或 留存"),
            Field::text("date", "日期").with(today),
        ],
        Box::new(|v: &Values| -> Result<FormJob, Refusal> {
            let request: i64 = v
                .get("request")
                .parse()
                .map_err(|_| Refusal::field("申请号", "没有已批准的制作申请"))?;
            let copies: i64 = v
                .get("copies")
                .parse()
                .map_err(|_| Refusal::field("实际制作份数", "应为正整数"))?;
            let date = v.get("date").to_string();
            let location = v.get("location").to_string();
            let waste = v.get("waste").to_string();
            Ok(Box::new(move |s: &mut Session| {
                let on = if date.is_empty() {
                    s.today()
                } else {
                    dates::parse_past("日期", &date, s.today())?
                };
                let format = s.settings().format(Series::Make).to_string();
                let stamp = s.stamp();
                let p = s.store.change(&stamp, |c| {
                    papers::make(c, request, copies, on, &location, &waste, &format)
                })?;
                Ok(format!(
                    "已制作登记 {}（{}，{}份），存放于{}",
                    p.no,
                    p.mark(),
                    p.copies,
                    p.location
                ))
            }))
        }),
    )
    .note(note)
    .linked(follow_level(
        move |fields| {
            let id = fields
                .iter()
                .find(|f| f.key == "request")
                .map(|f| f.value())
                .unwrap_or_default();
            levels.iter().find(|(i, _)| *i == id).map(|l| l.1)
        },
        cabinets,
    ))
}

/// 发放保密笔记本 (R-PAP-26): registered in the person's hands, 在用 until handed in.
pub fn notebook_form(today: &str) -> Form {
    Form::new(
        "发放保密笔记本",
        vec![
            Field::text("person", "领用人").required(),
            Field::choice("level", "密级", &["秘密", "机密", "绝密"])
                .hint("可记录的最高密级（R-PAP-26）"),
            Field::text("title", "名称").with(crate::domain::notebook::TITLE),
            Field::text("date", "发放日期").with(today).required(),
        ],
        Box::new(|v: &Values| -> Result<FormJob, Refusal> {
            let person = v.get("person").to_string();
            let level = v.get("level").to_string();
            let title = v.get("title").to_string();
            let date = v.get("date").to_string();
            Ok(Box::new(move |s: &mut Session| {
                let on = dates::parse_past("发放日期", &date, s.today())?;
                let stamp = s.stamp();
                let p = s
                    .store
                    .change(&stamp, |c| notebooks::issue(c, &person, &level, &title, on))?;
                Ok(format!(
                    "已发放保密笔记本 {}（{}）给{}，在用",
                    p.no,
                    p.mark(),
                    person
                ))
            }))
        }),
    )
    .note("保密笔记本发放到人，在用期间按月清点；用完交回保密室留存或销毁（R-PAP-26）")
}
