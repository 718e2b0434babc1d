//! The reviews in the queue waiting for a leader's step (R-DIS-2, R-EXT-1): their rows, their
//! line read whole, and taking the step from the queue with the record page's own form, so the
//! ledger's check, its refusal and its audit are the same.

use chrono::NaiveDate;

use crate::domain::account::Role;
use crate::domain::approval::StepWait;
use crate::domain::dates;
use crate::domain::ledgers::Kind;
use crate::ui::screens::Ctx;
use crate::ui::screens::records::step_form;

/// The queue's cells: 号, 事项, 内容, 状态, 已等待, 审批人.
pub fn cells(w: &StepWait, today: NaiveDate) -> Vec<String> {
    vec![
        String::new(),
        w.kind(),
        w.summary(),
        format!("待{}", w.step.short),
        format!("{}天", w.age(today)),
        w.step.by.name().to_string(),
    ]
}

/// The step read whole below the list.
pub fn detail(w: &StepWait, today: NaiveDate) -> String {
    format!(
        "{}{}：{}。自{}起待「{}」（{}），已等待{}天；a 办理此步骤，r 不同意，Enter 打开{}",
        w.spec.noun,
        w.no,
        w.title,
        dates::zh(w.since),
        w.step.label,
        w.rule,
        w.age(today),
        w.spec.noun
    )
}

/// Opens the step's form, with the fields of that step only; `refuse` sets the decision to the one that refuses (不予公开, 不同意).
/// Who may sign is the store's check when the form is saved (R-DIS-2, R-EXT-1).
pub fn take(w: &StepWait, refuse: bool, cx: &mut Ctx<'_>) {
    let role = cx.user.map_or(Role::Viewer, |u| u.role);
    let mut form = step_form(w.spec, w.act, &w.no, w.step.key, role, cx.today);
    if refuse {
        let no = w.act.fields.iter().find_map(|f| match f.kind {
            Kind::Choice(options) if f.key == "decision" => options
                .iter()
                .find(|o| o.starts_with('不'))
                .map(|o| (f.key, *o)),
            _ => None,
        });
        if let Some((key, value)) = no
            && let Some(field) = form.fields.iter_mut().find(|f| f.key == key)
        {
            field.set(value);
        }
    }
    cx.modal(form);
}
