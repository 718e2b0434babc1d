//! The forms of reviews taken in signed steps, as Documents: the seed's 信息公开保密审查流程表 with
//! every field of its attachment (R-DIS-5), and the 对外提供资料审查报批表 with every step of
//! R-EXT-1. Two columns, 栏目 and 内容, one row per line of the paper form; a box the answer
//! ticks is printed ■ (a character every Chinese font has, unlike ☑), the others □.

use chrono::NaiveDate;

use super::document::{DocRow, Document};
use crate::domain::dates;
use crate::domain::ledgers::Record;
use crate::domain::rules::{provide, review, steps::Step};

/// The form of `r`, when its ledger has one.
pub fn document(r: &Record, unit: &str, as_of: NaiveDate) -> Option<Document> {
    match r.spec.key {
        k if k == review::SPEC.key => Some(review_form(r, unit, as_of)),
        k if k == provide::SPEC.key => Some(provide_form(r, unit, as_of)),
        _ => None,
    }
}

/// The ledgers whose records print as a form (a person's: `person_form`).
pub fn has_form(spec_key: &str) -> bool {
    spec_key == review::SPEC.key
        || spec_key == provide::SPEC.key
        || spec_key == crate::domain::rules::person::SPEC.key
}

fn boxes(options: &[&str], chosen: &str) -> String {
    options
        .iter()
        .map(|o| format!("{o}{}", if *o == chosen { "■" } else { "□" }))
        .collect::<Vec<_>>()
        .join("　")
}

struct Form {
    doc: Document,
    /// The level every row is marked with: the materials' own for a provision (R-CLS-6), so the
    /// page carries their marking; none for a disclosure review (its item is to be published).
    level: Option<crate::domain::level::Level>,
}

impl Form {
    fn new(title: &str, r: &Record, unit: &str, as_of: NaiveDate) -> Form {
        let mut doc = Document::new(title, unit, as_of);
        doc.columns = vec!["栏目".into(), "内容".into()];
        doc.widths = vec![2, 7];
        doc.notes.push(format!("编号：{}", r.no));
        Form { doc, level: None }
    }

    fn row(&mut self, label: &str, value: String) {
        self.doc.rows.push(DocRow::Cells {
            level: self.level,
            cells: vec![label.to_string(), value],
        });
    }

    /// A step's opinion and its signature line: 签名：X　2026年11月20日.
    fn step(&mut self, r: &Record, s: &Step, label: &str) {
        let get = |k: &str| r.get(&format!("{}_{k}", s.key)).to_string();
        let mut opinion = get("opinion");
        let decision = get("decision");
        if !decision.is_empty() {
            opinion = format!("{opinion}（{decision}）");
        }
        self.row(label, opinion);
        let on = r
            .date(&format!("{}_on", s.key))
            .map(dates::zh)
            .unwrap_or_else(|| "　　年　月　日".into());
        let mut sign = format!("签名：{}　{on}", get("name"));
        let form = get("ref");
        if !form.is_empty() {
            sign.push_str(&format!("（{form}）"));
        }
        self.row("", sign);
    }
}

/// R-DIS-5: 信息公开保密审查流程表, every field of the seed's attachment.
fn review_form(r: &Record, unit: &str, as_of: NaiveDate) -> Document {
    let mut f = Form::new("信息公开保密审查流程表", r, unit, as_of);
    f.row("拟公开信息标题（内容摘要）", r.get("title").to_string());
    f.row("文号", r.get("doc_no").to_string());
    f.row(
        "产生日期",
        r.date("made_on").map(dates::zh).unwrap_or_default(),
    );
    let way = match r.get("way") {
        "主动" => "主动公开",
        "依申请" => "依申请公开",
        _ => "",
    };
    f.row("公开方式", boxes(&["主动公开", "依申请公开"], way));
    let questions = [
        ("secret", "1、是否涉密（国家秘密、商业秘密或个人隐私）；"),
        ("changed", "2、涉密事项是否已变更；"),
        ("separated", "3、虽然涉密，是否已作技术性区分处理；"),
        ("other", "4、是否有其他不适宜对外发布的内容。"),
    ];
    for (i, (key, q)) in questions.iter().enumerate() {
        let label = if i == 0 { "审查内容" } else { "" };
        f.row(label, format!("{q}{}", boxes(&["是", "否"], r.get(key))));
    }
    let labels = [
        "经办人拟办意见",
        "审核意见（部门领导）",
        "审批意见（局分管领导）",
    ];
    for (s, label) in review::STEPS.iter().zip(labels) {
        f.step(r, s, label);
    }
    let mut note = r.get("note").to_string();
    if !r.held() {
        let conclusion = format!("审查结论：{}", r.state_label());
        note = if note.is_empty() {
            conclusion
        } else {
            format!("{conclusion}；{note}")
        };
    }
    f.row("备注", note);
    f.doc
}

/// R-EXT-1, R-EXT-2: 对外提供资料审查报批表, the steps of 第二条 with the approving authority.
fn provide_form(r: &Record, unit: &str, as_of: NaiveDate) -> Document {
    let mut f = Form::new("对外提供资料审查报批表", r, unit, as_of);
    f.level = r.level;
    for key in [
        "title", "items", "level", "provider", "receiver", "project", "military",
    ] {
        let label = provide::SPEC.column_label(key);
        f.row(label, r.column(key));
    }
    f.row("是否交流合作所必需", boxes(&["是", "否"], r.get("needed")));
    f.row(
        "技术处理情况",
        boxes(&["已作技术处理", "无须技术处理"], r.get("treated")),
    );
    for s in provide::STEPS {
        f.step(r, s, s.label);
    }
    f.row("办理结果", r.state_label().to_string());
    f.row("备注", r.get("note").to_string());
    f.doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::ymd;
    use crate::domain::rules::review::tests::review;

    fn text(d: &Document) -> String {
        d.rows
            .iter()
            .map(|r| match r {
                DocRow::Cells { cells, .. } => cells.join("|"),
                DocRow::Group(g) => g.clone(),
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    // R-DIS-5: the printed form has every field of the seed's 信息公开保密审查流程表, and the
    // answers and signatures in their places.
    #[test]
    fn r_dis_5_review_form_has_every_field() {
        let mut r = review("依申请");
        r.values.insert("secret".into(), "否".into());
        r.values.insert("handler_name".into(), "李强".into());
        r.values
            .insert("handler_opinion".into(), "不涉密，拟公开".into());
        r.values.insert("handler_on".into(), "2026-11-20".into());
        let d = document(&r, "江门市某某局", ymd(2026, 11, 27)).unwrap();
        assert_eq!(d.title, "信息公开保密审查流程表");
        let t = text(&d);
        for label in [
            "拟公开信息标题（内容摘要）",
            "文号",
            "产生日期",
            "公开方式",
            "主动公开□",
            "依申请公开■",
            "审查内容",
            "1、是否涉密（国家秘密、商业秘密或个人隐私）；是□　否■",
            "2、涉密事项是否已变更；是□　否□",
            "3、虽然涉密，是否已作技术性区分处理；",
            "4、是否有其他不适宜对外发布的内容。",
            "经办人拟办意见|不涉密，拟公开",
            "签名：李强　2026年11月20日",
            "审核意见（部门领导）",
            "审批意见（局分管领导）",
            "备注",
        ] {
            assert!(t.contains(label), "{label} 不在:\n{t}");
        }
        assert_eq!(t.matches("签名：").count(), 3, "{t}");
    }

    // R-EXT-1, R-EXT-2: the provision's form has every step with its signature line, the
    // approving authority's reference, and the materials' level as its marking.
    #[test]
    fn r_ext_1_provision_form_has_every_step() {
        let mut r = review("主动");
        r.spec = &provide::SPEC;
        r.level = Some(crate::domain::level::Level::Confidential);
        r.values
            .insert("approve_name".into(), "广东省自然资源厅".into());
        r.values
            .insert("approve_ref".into(), "粤自然资函〔2026〕88号".into());
        let d = document(&r, "江门市某某局", ymd(2026, 11, 27)).unwrap();
        assert_eq!(d.marking_text(), "秘密");
        let t = text(&d);
        for s in provide::STEPS {
            assert!(t.contains(s.label), "{}: {t}", s.label);
        }
        assert!(
            t.contains("签名：广东省自然资源厅　　　年　月　日（粤自然资函〔2026〕88号）"),
            "{t}"
        );
        assert_eq!(t.matches("签名：").count(), provide::STEPS.len());
    }
}
