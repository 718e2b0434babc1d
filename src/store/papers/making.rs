//! 制作, 复印, 汇编: the carriers this unit produces from an approved request, each a paper of
//! its own linked to what it came from.

use chrono::NaiveDate;

use super::*;
use crate::domain::Refusal;
use crate::domain::approval::RequestKind;
use crate::domain::carrier::{EventKind, PaperState, next_state};
use crate::domain::level::{Level, Period};
use crate::domain::numbering::Series;
use crate::domain::paper::{Origin, Paper};
use crate::domain::rules::paper::{self as rules, Act, ActContext};
use crate::store::{Change, Result};

/// R-PAP-1, R-PAP-2, R-CLS-3: makes the paper an approved make request allows.
pub fn make(
    c: &mut Change<'_>,
    request_id: i64,
    copies: i64,
    on: NaiveDate,
    location: &str,
    waste: &str,
    format: &str,
) -> Result<Paper> {
    officer(c, "制作登记")?;
    crate::domain::text::check_text("存放位置", location, crate::domain::text::TEXT_MAX)?;
    crate::domain::text::check_text("残次品处理", waste, crate::domain::text::TEXT_MAX)?;
    let request = crate::store::approvals::get(&c.tx, request_id)?;
    let ctx = ActContext {
        request: Some(request.granted()),
        ..ActContext::default()
    };
    let plan = rules::check_make(&ctx, copies, on)?;
    let (level, period) = rules::check_make_plan(&plan)?;
    rules::check_within_unit_level(level, crate::store::settings::load(&c.tx)?.highest_level)?;
    // R-PAP-10: into a registered cabinet.
    let location = crate::store::cabinets::place(c, location, level)?;
    let year = chrono::Datelike::year(&on);
    let no = next_number(c, Series::Make, year, format)?;
    let keeper = c.handler()?.to_string();
    let unit = crate::store::settings::load(&c.tx)?.unit_name;
    let paper = Paper {
        title: plan.title.clone(),
        level,
        period,
        scope: plan.scope.clone(),
        copies,
        copy_nos: (1..=copies)
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join(","),
        distribution: plan.distribution.clone(),
        location: location.trim().to_string(),
        ..own_paper(no, on, unit, keeper, next_state(None, EventKind::Make)?)
    };
    // 承办部门 is written with the row, as a received paper's is.
    let paper = Paper {
        id: insert_into(c, None, &paper, plan.dept.trim())?,
        ..paper
    };
    let act = Act {
        on,
        copies: Some(copies),
        // R-PAP-29: the licensed printer and its licence, when made outside.
        unit: plan.printer.trim().to_string(),
        reference: plan.printer_licence.trim().to_string(),
        note: if waste.trim().is_empty() {
            String::new()
        } else {
            format!("中间材料及残次品：{}", waste.trim())
        },
        ..Act::default()
    };
    insert_event(
        c,
        paper.id,
        EventKind::Make,
        &act,
        EventLinks {
            request_id: Some(request_id),
            ..EventLinks::default()
        },
    )?;
    mark_executed(c, request_id, RequestKind::Make, request.state)?;
    c.audit("制作", &paper.no, None, snapshot(&paper));
    Ok(paper)
}

/// What the officer may ask of a copy's marking: asking for anything but the original's is refused
/// (R-CLS-4).
#[derive(Debug, Clone, Default)]
pub struct CopyMarking {
    pub level: Option<Level>,
    pub period: Option<Period>,
    pub scope: Option<Vec<String>>,
}

/// A copy as the officer registers it.
#[derive(Debug, Clone, Default)]
pub struct CopyAct {
    pub request_id: i64,
    pub copies: i64,
    pub on: NaiveDate,
    pub marking: CopyMarking,
    pub location: String,
    /// 领取人: who takes the copies.
    pub receiver: String,
    pub return_by: Option<NaiveDate>,
}

/// R-PAP-19, R-PAP-20, R-CLS-4: registers an approved copy as a carrier of its own, linked to its
/// original, marked with the copying unit, count, date and serial number.
pub fn copy(c: &mut Change<'_>, no: &str, a: &CopyAct) -> Result<Paper> {
    let CopyAct {
        request_id,
        copies,
        on,
        ref marking,
        ref location,
        ref receiver,
        return_by,
    } = *a;
    officer(c, "复印")?;
    crate::domain::text::check_text("存放位置", location, crate::domain::text::TEXT_MAX)?;
    crate::domain::text::check_text("领取人", receiver, crate::domain::text::TEXT_MAX)?;
    let original = get(&c.tx, no)?;
    let request = crate::store::approvals::get(&c.tx, request_id)?;
    let ctx = ActContext {
        request: Some(request.granted()),
        ..ActContext::default()
    };
    rules::check_copy_marking(
        &original,
        marking.level,
        marking.period,
        marking.scope.as_deref(),
    )?;
    let copy_plan = rules::check_copy(&original, copies, &ctx, on)?;
    let next = rules::check_event(
        &original,
        EventKind::Copy,
        &Act {
            on,
            person: receiver.trim().to_string(),
            ..Act::default()
        },
        &ctx,
    )?;
    // R-PAP-10: into a registered cabinet; by default the original's.
    let location = crate::store::cabinets::place(
        c,
        if location.trim().is_empty() {
            &original.location
        } else {
            location
        },
        original.level,
    )?;
    let settings = crate::store::settings::load(&c.tx)?;
    let year = chrono::Datelike::year(&on);
    let copy_no = next_number(c, Series::Copy, year, settings.format(Series::Copy))?;
    let keeper = if receiver.trim().is_empty() {
        c.handler()?.to_string()
    } else {
        receiver.trim().to_string()
    };
    if let Some(r) = return_by
        && r < on
    {
        return Err(Refusal::field("归还日期", "不能早于复印日期").into());
    }
    let new = insert(
        c,
        &Paper {
            id: 0,
            no: copy_no.clone(),
            return_by,
            origin: Origin::Copy,
            registered_on: on,
            year,
            title: original.title.clone(),
            copies,
            copy_nos: (1..=copies)
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join(","),
            source_id: Some(original.id),
            dispatch_no: None,
            keeper: keeper.clone(),
            holder: keeper,
            location,
            state: next_state(None, EventKind::Copy)?,
            extended: false,
            extended_until: None,
            due_on: None,
            distribution: vec![],
            // R-CLS-4: the original's level, period and scope.
            ..original.clone()
        },
    )?;
    let act = Act {
        on,
        copies: Some(copies),
        person: receiver.trim().to_string(),
        due: return_by,
        reference: copy_plan.external_ref.clone(),
        note: copy_plan.purpose.clone(),
        ..Act::default()
    };
    let links = EventLinks {
        request_id: Some(request_id),
        related_id: Some(new.id),
    };
    insert_event(c, original.id, EventKind::Copy, &act, links)?;
    insert_event(
        c,
        new.id,
        EventKind::Copy,
        &act,
        EventLinks {
            related_id: Some(original.id),
            ..links
        },
    )?;
    update(c, &original.after(EventKind::Copy, &act, next))?;
    mark_executed(c, request_id, RequestKind::Copy, request.state)?;
    c.audit("复印", &new.no, None, snapshot(&new));
    Ok(new)
}

/// R-PAP-21, R-CLS-5: registers an approved compilation, marked with the highest level and the
/// longest period of its sources.
pub fn compile(
    c: &mut Change<'_>,
    request_id: i64,
    on: NaiveDate,
    level: Option<Level>,
    period: Option<Period>,
    location: &str,
) -> Result<Paper> {
    officer(c, "汇编")?;
    crate::domain::text::check_text("存放位置", location, crate::domain::text::TEXT_MAX)?;
    let request = crate::store::approvals::get(&c.tx, request_id)?;
    let sources: Vec<Paper> = request
        .plan
        .papers()
        .iter()
        .map(|n| get(&c.tx, n))
        .collect::<Result<_>>()?;
    let refs: Vec<&Paper> = sources.iter().collect();
    let ctx = ActContext {
        request: Some(request.granted()),
        ..ActContext::default()
    };
    let compile_plan = rules::check_compile(&ctx, &refs, on)?;
    let (level, period) = rules::check_compile_marking(&refs, on, level, period)?;
    // R-PAP-10: into a registered cabinet.
    let location = crate::store::cabinets::place(c, location, level)?;
    let settings = crate::store::settings::load(&c.tx)?;
    let year = chrono::Datelike::year(&on);
    let no = next_number(c, Series::Compile, year, settings.format(Series::Compile))?;
    let keeper = c.handler()?.to_string();
    let scope = rules::compile_scope(&refs, &compile_plan.scope)?;
    let new = insert(
        c,
        &Paper {
            origin: Origin::Compiled,
            title: compile_plan.title.clone(),
            level,
            period,
            scope,
            cipher: sources.iter().any(|p| p.cipher),
            no_copy: sources.iter().any(|p| p.no_copy),
            location: location.trim().to_string(),
            ..own_paper(
                no,
                on,
                settings.unit_name.clone(),
                keeper,
                next_state(None, EventKind::Compile)?,
            )
        },
    )?;
    let act = Act {
        on,
        reference: compile_plan.external_ref.clone(),
        note: format!(
            "汇编来源：{}",
            sources
                .iter()
                .map(|p| p.no.as_str())
                .collect::<Vec<_>>()
                .join("、")
        ),
        ..Act::default()
    };
    insert_event(
        c,
        new.id,
        EventKind::Compile,
        &act,
        EventLinks {
            request_id: Some(request_id),
            ..EventLinks::default()
        },
    )?;
    for p in &sources {
        let next = next_state(Some(p.state), EventKind::Compile)?;
        insert_event(
            c,
            p.id,
            EventKind::Compile,
            &Act {
                on,
                reference: compile_plan.external_ref.clone(),
                note: format!("编入 {}", new.no),
                ..Act::default()
            },
            EventLinks {
                request_id: Some(request_id),
                related_id: Some(new.id),
            },
        )?;
        update(c, &p.after(EventKind::Compile, &act, next))?;
    }
    mark_executed(c, request_id, RequestKind::Compile, request.state)?;
    c.audit("汇编", &new.no, None, snapshot(&new));
    Ok(new)
}

/// A paper of this unit's own making (made, compiled, a notebook): registered on `on` under `no`,
/// one copy, kept, held by its keeper. Each caller sets what its act makes different.
pub(crate) fn own_paper(
    no: String,
    on: NaiveDate,
    unit: String,
    keeper: String,
    state: PaperState,
) -> Paper {
    Paper {
        id: 0,
        no,
        origin: Origin::Made,
        registered_on: on,
        year: chrono::Datelike::year(&on),
        originator: unit,
        doc_no: String::new(),
        title: String::new(),
        level: Level::Secret,
        period: None,
        period_from: on,
        scope: vec![],
        copies: 1,
        copy_nos: String::new(),
        return_by: None,
        keep: true,
        cipher: false,
        no_copy: false,
        distribution: vec![],
        source_id: None,
        dispatch_no: None,
        holder: keeper.clone(),
        keeper,
        location: String::new(),
        state,
        extended: false,
        extended_until: None,
        due_on: None,
    }
}
