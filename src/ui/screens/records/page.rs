//! One record's page (a U盘, a computer, a copier): its fields, its state, the requests on it and
//! its whole history (each row read whole with Enter); the acts of `spec.acts` on their keys,
//! offered to the officer. An act that waits for approval is filed into the approval queue first
//! and carried out with the same key once approved.

use std::any::Any;

use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};

use super::form::{act_form, execute_form, label_form, request_form, step_form};
use crate::domain::account::Role;
use crate::domain::approval::{RequestKind, RequestState};
use crate::domain::dates;
use crate::domain::ledgers::record::LEVEL;
use crate::domain::ledgers::spec::Withheld;
use crate::domain::ledgers::{ActSpec, LedgerSpec, Record};
use crate::domain::rules::training::Hours;
use crate::domain::rules::{inspection, meeting, rectification, steps};
use crate::domain::text::for_terminal;
use crate::report::label_sheet;
use crate::store::approvals::{self, Request};
use crate::store::records::{self, Event};
use crate::ui::action::Session;
use crate::ui::keymap::{self, Binding, DECIDERS, Hint, OFFICER, ch};
use crate::ui::screens::history::{self, History, RowCmd};
use crate::ui::screens::{Ctx, RenderCtx, Screen};
use crate::ui::widgets::form::Form;
use crate::ui::widgets::table::Row;

struct PageData {
    record: Record,
    history: Vec<Event>,
    /// Requests on the record, approved (waiting to be carried out) or waiting for a decision.
    requests: Vec<Request>,
    /// R-TRN-3: a person's hours of the year of `today` (none for other ledgers or off post).
    hours: Option<(i32, Hours)>,
}

#[derive(Debug, Clone, Copy)]
enum Cmd {
    Row(RowCmd),
    Label,
    Act(&'static ActSpec),
    /// The record's own printed form (R-DIS-5).
    Print,
}

pub struct RecordPage {
    spec: &'static LedgerSpec,
    no: String,
    page: History<PageData, &'static ActSpec>,
}

/// The 保密检查记录表's sections to write (R-INS-1), each with what the ledgers already say of it
/// as its hint (shown in full under the form when the field is chosen), so the officer writes
/// beside the counts instead of counting again; the print puts the counts after the words.
fn record_form(
    act: &'static ActSpec,
    r: &Record,
    no: &str,
    s: &mut Session,
    today: chrono::NaiveDate,
) -> Form {
    let mut form = act_form(r.spec, act, no, today);
    // Filled in again, the form starts from what was written before.
    for f in form.fields.iter_mut() {
        if act.fields.iter().any(|a| a.key == f.key) && !r.get(f.key).is_empty() {
            f.set(r.get(f.key));
        }
    }
    let Ok(facts) = crate::store::inspection_form::facts(s.store.conn(), r) else {
        return form;
    };
    for (key, text) in crate::report::inspection_form::counted(&facts) {
        if let Some(f) = form.fields.iter_mut().find(|f| f.key == key) {
            f.hint = format!("台帐记录：{text}");
            f.text.set_placeholder_text(f.hint.clone());
        }
    }
    form.note("提示为台帐中的记录，打印时附在所填内容之后")
}

/// A follow-up (整改完成, 整改复查) picks among the rectifications still open, the first chosen,
/// instead of asking for a bare number to recall from the page (R-INS-2, R-INC-5).
fn offer_open_items(form: &mut Form, r: &Record) {
    let open: Vec<String> = rectification::open(r)
        .iter()
        .map(|x| x.n.to_string())
        .collect();
    let item = rectification::ITEM;
    if let Some(f) = form
        .fields
        .iter_mut()
        .find(|f| f.key == item.key && f.label == item.label)
        && !open.is_empty()
    {
        f.set_options(open.clone());
        f.hint = format!("Left/Right 选择待整改的序号：{}", open.join("、"));
        f.text.set_placeholder_text(f.hint.clone());
    }
}

impl RecordPage {
    pub fn new(spec: &'static LedgerSpec, no: &str) -> RecordPage {
        RecordPage {
            spec,
            no: no.to_string(),
            page: History::new(|d| d.history.len()),
        }
    }

    /// Opens the form of `act` as soon as the page has read the record: carrying out an
    /// approved request from the approval queue.
    pub fn carrying_out(mut self, act: &'static ActSpec) -> RecordPage {
        self.page.then = Some(act);
        self
    }

    fn bindings(&self) -> Vec<Binding<Cmd>> {
        let mut b = History::<PageData, &ActSpec>::bindings(Cmd::Row);
        if label_sheet::labelled(self.spec.key) {
            b.push(Binding::new(ch('P'), "打印标签", Cmd::Label).only(OFFICER));
        }
        // Only the acts the record may have as it is now (its state, its kind).
        if let Some(d) = &self.page.data {
            for a in self.spec.offered(&d.record) {
                // A signed step is taken by its own role's login (R-DIS-2, R-EXT-1).
                let who = if steps::of(self.spec.key, a.verb).is_some() {
                    DECIDERS
                } else {
                    OFFICER
                };
                b.push(Binding::new(ch(a.key), a.label, Cmd::Act(a)).only(who));
            }
        }
        if crate::report::record_form::has_form(self.spec.key) {
            // A person's `p` is the letter (保密责任书): the form prints on `P`.
            let key = if self.spec.acts.iter().any(|a| a.key == 'p') {
                'P'
            } else {
                'p'
            };
            b.push(Binding::new(ch(key), "打印表格", Cmd::Print));
        }
        b
    }

    /// The request of `act`'s kind on this record, approved first, then one waiting.
    fn request_for(&self, act: &ActSpec) -> Option<&Request> {
        let kind = RequestKind::for_act(self.spec.key, act.verb)?;
        let requests = &self.page.data.as_ref()?.requests;
        let of = |state| requests.iter().find(|q| q.kind == kind && q.state == state);
        of(RequestState::Approved).or_else(|| of(RequestState::Pending))
    }

    fn open(&self, act: &'static ActSpec, cx: &mut Ctx<'_>) {
        if steps::of(self.spec.key, act.verb).is_none() && !cx.require_officer(act.label) {
            return;
        }
        let (spec, no, today) = (self.spec, self.no.as_str(), cx.today);
        if let Some(d) = &self.page.data
            && steps::of(spec.key, act.verb).is_some()
        {
            let role = cx.user.map_or(Role::Viewer, |u| u.role);
            cx.modal(step_form(spec, act, no, d.record.state, role, today));
            return;
        }
        if !act.approval {
            if let Some(d) = &self.page.data
                && spec.key == inspection::SPEC.key
                && act.verb == "record"
            {
                let (record, no) = (d.record.clone(), no.to_string());
                cx.modal_after(move |s: &mut Session| {
                    Box::new(record_form(act, &record, &no, s, today))
                });
                return;
            }
            let mut form = act_form(spec, act, no, today);
            if let Some(d) = &self.page.data {
                if spec.key == meeting::SPEC.key && act.verb == "collect" {
                    form = form.note(meeting::collect_note(&d.record));
                }
                offer_open_items(&mut form, &d.record);
            }
            cx.modal(form);
            return;
        }
        match self.request_for(act) {
            Some(q) if q.state == RequestState::Approved => {
                cx.modal(execute_form(spec, act, no, q, today));
            }
            Some(q) => cx.error(format!(
                "{}申请 {} 已于{}提交，待{}审批；批准后再按 {} 办理",
                q.kind.name(),
                q.id,
                dates::zh(q.requested_on),
                q.decider,
                act.key
            )),
            None => cx.modal(request_form(spec, act, no)),
        }
    }

    /// The history row under the selection, whole, in a popup.
    fn detail(&self, cx: &mut Ctx<'_>) {
        let Some(e) = self.page.selected(|d| &d.history) else {
            return;
        };
        let basis = e
            .request
            .map(|id| ("依据".to_string(), format!("申请{id}")));
        cx.modal(history::detail(
            &self.no,
            (e.on, &e.label),
            event_values(e, &self.no),
            (&e.handler, basis),
        ));
    }
}

/// An event's values by their Chinese names. On the page of the other record an act names (the
/// computer a medium was used on) the record it was recorded on comes first, by its noun, and
/// the value naming this page's record is left out.
fn event_values(e: &Event, page_no: &str) -> Vec<(String, String)> {
    let step = steps::STEP;
    let found = crate::domain::ledgers::spec::all().find_map(|s| {
        s.act(&e.act)
            .filter(|a| a.label == e.label || e.values.get(step) == Some(&e.label))
            .map(|a| (s, a))
    });
    let mut out = Vec::new();
    let elsewhere = e.subject != page_no;
    if elsewhere {
        let noun = found.map_or("登记于", |(s, _)| s.noun);
        out.push((noun.to_string(), e.subject.clone()));
    }
    for (k, v) in &e.values {
        if (elsewhere && v == page_no) || k == step {
            continue;
        }
        let label = found
            .and_then(|(_, a)| a.fields.iter().find(|f| f.key == k))
            .map(|f| f.label)
            .or_else(|| crate::domain::ledgers::record::recorded_label(k))
            .map_or_else(|| k.clone(), str::to_string);
        out.push((label, v.clone()));
    }
    out
}

impl Screen for RecordPage {
    fn title(&self) -> String {
        format!("{} {}", self.spec.noun, self.no)
    }

    fn hints(&self) -> Vec<Hint> {
        let mut h = keymap::hints(&self.bindings());
        h.push(Hint::new("Esc", "返回"));
        h
    }

    fn on_show(&mut self, cx: &mut Ctx<'_>) {
        let (spec, no) = (self.spec, self.no.clone());
        let year = chrono::Datelike::year(&cx.today);
        cx.task(move |s: &mut Session| -> Result<PageData, String> {
            let conn = s.store.conn();
            let record = records::get(conn, spec, &no).map_err(|e| e.to_string())?;
            let hours = if spec.key == crate::domain::rules::person::SPEC.key {
                crate::store::training::person_year(conn, &record, year)
                    .map_err(|e| e.to_string())?
                    .map(|h| (year, h))
            } else {
                None
            };
            let history = records::history(conn, &record).map_err(|e| e.to_string())?;
            let requests = approvals::list(conn, &[RequestState::Approved, RequestState::Pending])
                .map_err(|e| e.to_string())?
                .into_iter()
                .filter(|q| {
                    q.plan
                        .record()
                        .is_some_and(|p| p.ledger == spec.key && p.no == record.no)
                })
                .collect();
            Ok(PageData {
                record,
                history,
                requests,
                hours,
            })
        });
    }

    fn on_reply(&mut self, reply: Box<dyn Any>, cx: &mut Ctx<'_>) {
        if let Some(a) = self.page.reply(reply, true) {
            self.open(a, cx);
        }
    }

    fn on_key(&mut self, key: KeyEvent, cx: &mut Ctx<'_>) {
        match keymap::find(&self.bindings(), &key) {
            Some(Cmd::Row(c)) if self.page.key(c) => self.detail(cx),
            Some(Cmd::Row(_)) => {}
            Some(Cmd::Label) if cx.require_officer("打印标签") => {
                let (spec, no) = (self.spec, self.no.clone());
                // The paper the settings name comes first.
                cx.modal_after(move |s: &mut Session| {
                    Box::new(label_form(spec, &no, s.settings().label_layout))
                });
            }
            Some(Cmd::Label) => {}
            // Read again first: a leader may have decided a request in another session.
            Some(Cmd::Act(a))
                if steps::of(self.spec.key, a.verb).is_some() || cx.require_officer(a.label) =>
            {
                self.page.then = Some(a);
                self.on_show(cx);
            }
            Some(Cmd::Act(_)) => {}
            Some(Cmd::Print) => {
                let (spec, no) = (self.spec, self.no.clone());
                let title = format!("{} {no}", spec.noun);
                cx.modal(crate::ui::screens::reports::print_form(
                    &title,
                    spec.key,
                    move |s: &mut Session| {
                        let r = records::get(s.store.conn(), spec, &no)?;
                        let unit = s.settings().unit_name;
                        crate::report::record_form::document(s.store.conn(), &r, &unit, s.today())?
                            .ok_or(crate::store::StoreError::Internal("该台帐没有表格"))
                    },
                ));
            }
            None => {}
        }
    }

    fn render(&self, f: &mut Frame, area: Rect, r: &RenderCtx<'_>) -> Option<Position> {
        let d = self.page.loaded(f, area, &r.theme)?;
        let rec = &d.record;
        let kv = |k: &str, v: &str| -> Vec<Span<'static>> {
            vec![
                Span::styled(format!("{k}："), r.theme.dim()),
                Span::raw(for_terminal(v).into_owned()),
            ]
        };
        let w = usize::from(area.width).max(1);
        let mut head = Vec::new();
        if let Some(l) = rec.level {
            head.push(vec![Span::styled(l.name().to_string(), r.theme.level(l))]);
        }
        head.push(vec![Span::styled(rec.no.clone(), r.theme.header())]);
        head.push(kv("状态", rec.state_label()));
        // A ledger whose records are held by people says who has it, or "-"; a review or a
        // meeting is never held, and says so only when an act named someone.
        let held = |c: &&str| *c == "holder";
        if !rec.holder.is_empty() {
            head.push(kv(self.spec.column_label("holder"), &rec.holder));
        } else if self.spec.list.iter().any(held) || self.spec.print.iter().any(held) {
            head.push(kv(self.spec.column_label("holder"), "-"));
        }
        let mut lines = flow(head, w);
        let mut fields = Vec::new();
        for fs in self.spec.fields.iter().filter(|fs| fs.key != LEVEL) {
            let v = rec.get(fs.key);
            if !v.is_empty() {
                fields.push(kv(fs.label, v));
            }
        }
        fields.push(kv(
            records::day_label(self.spec),
            &dates::iso(rec.registered_on),
        ));
        if let Some(c) = rec.checked_on {
            fields.push(kv("最近检查", &dates::iso(c)));
        }
        // R-PER-2, R-PER-4…8: a person's vetting, certificate, stand-in, trip and cooling-off.
        if self.spec.key == crate::domain::rules::person::SPEC.key {
            for (label, value) in crate::domain::rules::person::status(rec) {
                fields.push(kv(label, &value));
            }
            if let Some((year, h)) = &d.hours {
                fields.push(kv(&format!("{year}年培训学时"), &h.said()));
            }
        }
        // R-KEY-3: when the site is next inspected, so the officer need not open 待办.
        if let Some((due, every)) = crate::domain::rules::site::next_inspection(rec) {
            fields.push(kv("下次检查", &format!("{}（{every}）", dates::iso(due))));
        }
        // What acts recorded (a filing, a loss and its report, a loan's end, the incident a loss
        // opened, R-INC-2; a key site's staff from the people register, R-KEY-1): a person's are
        // in its status above; a found carrier's pending check
        // is said with the acts it withholds.
        if self.spec.key != crate::domain::rules::person::SPEC.key {
            for (k, label) in crate::domain::ledgers::record::RECORDED {
                let v = match rec.date_time(k) {
                    Some(at) => at.format("%Y-%m-%d %H:%M").to_string(),
                    None => rec.get(k).to_string(),
                };
                if !v.is_empty() && *k != crate::domain::rules::media::RECHECK {
                    fields.push(kv(label, &v));
                }
            }
        }
        // Each rectification (R-INS-2, R-INC-5).
        lines.extend(flow(fields, w));
        for x in crate::domain::rules::rectification::all(rec) {
            let state = match x.fixed_on {
                Some(d) => format!("{} 整改完成", dates::iso(d)),
                None => "整改中".to_string(),
            };
            let by = x.fix_by.map(dates::iso).unwrap_or_default();
            lines.push(Line::from(kv(
                &format!("整改 {}", x.no),
                &format!("{}（限 {by}，{state}）", x.text),
            )));
        }
        for q in &d.requests {
            let (text, style) = if q.state == RequestState::Approved {
                (
                    format!("已批准待办理：申请{} {}", q.id, q.kind.name()),
                    r.theme.ok(),
                )
            } else {
                (
                    format!(
                        "待审批：申请{} {}（{}提交，待{}审批）",
                        q.id,
                        q.kind.name(),
                        dates::zh(q.requested_on),
                        q.decider
                    ),
                    r.theme.due_soon(),
                )
            };
            lines.push(Line::from(Span::styled(text, style)));
        }
        if r.user.is_some_and(|u| u.is_officer()) {
            let offered: Vec<&ActSpec> = self.spec.offered(rec).collect();
            let mut acts: Vec<Vec<Span>> = Vec::new();
            if offered.is_empty() {
                acts.push(vec![Span::styled(
                    format!("{}{}，无可办理事项", rec.no, rec.state_label()),
                    r.theme.dim(),
                )]);
            }
            for (i, a) in offered.iter().enumerate() {
                let mut item = Vec::new();
                if i == 0 {
                    item.push(Span::styled("可办理：", r.theme.dim()));
                }
                item.push(Span::styled(a.key.to_string(), r.theme.key()));
                item.push(Span::raw(format!(
                    " {}{}",
                    a.label,
                    if a.approval { "*" } else { "" }
                )));
                acts.push(item);
            }
            if offered.iter().any(|a| a.approval) {
                acts.push(vec![Span::styled("（*须先审批）", r.theme.dim())]);
            }
            // What the state allows but a value withholds for now (a found U盘 before its check):
            // named with why, so the officer is not left wondering where 配发 went.
            for (w, held) in withheld(self.spec, rec) {
                acts.push(vec![Span::styled(
                    format!("暂不能{}：{}（{}）", held.join("、"), w.why, w.rule),
                    r.theme.due_soon(),
                )]);
            }
            lines.extend(flow(acts, w));
        }
        // A value wider than the screen (a long note) wraps rather than being cut.
        let top = lines
            .iter()
            .map(|l| l.width().div_ceil(w).max(1) as u16)
            .sum::<u16>();
        let rows: Vec<Row> = d
            .history
            .iter()
            .map(|e| {
                let detail = event_values(e, &self.no)
                    .into_iter()
                    .map(|(k, v)| format!("{k}：{v}"))
                    .collect::<Vec<_>>()
                    .join("；");
                Row::new(vec![
                    dates::iso(e.on),
                    e.label.clone(),
                    for_terminal(&detail).into_owned(),
                    e.handler.clone(),
                ])
            })
            .collect();
        self.page.draw(f, area, &r.theme, (lines, top), &rows);
        None
    }
}

/// The acts `spec` withholds from `r` for now, grouped by what withholds them, in the spec's order.
fn withheld(spec: &LedgerSpec, r: &Record) -> Vec<(Withheld, Vec<&'static str>)> {
    let mut out: Vec<(Withheld, Vec<&'static str>)> = Vec::new();
    for (a, w) in spec.withheld(r) {
        match out.iter_mut().find(|(x, _)| *x == w) {
            Some((_, labels)) => labels.push(a.label),
            None => out.push((w, vec![a.label])),
        }
    }
    out
}

/// Lays `items` out in lines of `width` cells, two spaces apart, never breaking an item (a key
/// and its act, a field and its value) unless it is wider than a line by itself.
fn flow(items: Vec<Vec<Span<'static>>>, width: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut line: Vec<Span<'static>> = Vec::new();
    let mut used = 0;
    for item in items {
        let w: usize = item.iter().map(Span::width).sum();
        if used > 0 && used + 2 + w > width {
            lines.push(Line::from(std::mem::take(&mut line)));
            used = 0;
        }
        if used > 0 {
            line.push(Span::raw("  "));
            used += 2;
        }
        line.extend(item);
        used += w;
    }
    if !line.is_empty() {
        lines.push(Line::from(line));
    }
    lines
}
