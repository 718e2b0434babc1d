//! 报表打印: the registers and the due list, printed as PDF (or HTML, CSV, text) to the printer or a
//! file. Every printout carries its marking and page numbers (R-CLS-6).

use std::path::PathBuf;
use std::rc::Rc;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::widgets::Paragraph;

use super::{Ctx, RenderCtx, Screen};
use crate::domain::Refusal;
use crate::domain::approval::{RequestKind, RequestState};
use crate::domain::dates;
use crate::report::deliver::{Destination, deliver};
use crate::report::{self, Document, Format};
use crate::store::registers::{Named, RegisterKind};
use crate::store::{self, StoreError};
use crate::ui::action::Session;
use crate::ui::keymap::{self, Binding, Hint, ch, code};
use crate::ui::widgets::field::Field;
use crate::ui::widgets::form::{Form, FormJob, Values};
use crate::ui::widgets::table::{self, Row, col};

/// Builds a document from the store (again for each submission), with the form's values.
type ValuesBuilder = Rc<dyn Fn(&mut Session, &Values) -> Result<Document, StoreError>>;

/// The destruction lists that can be printed: the approved requests, carried out or not, newest
/// first, as (request id, the words the choice shows).
struct DestructionLists(Result<Vec<(i64, String)>, String>);

/// The print dialog: format, destination and file; the job renders and prints or writes.
pub fn print_form(
    title: &str,
    stem: &'static str,
    build: impl Fn(&mut Session) -> Result<Document, StoreError> + 'static,
) -> Form {
    print_form_with(title, stem, Vec::new(), move |s, _| build(s))
}

/// The print dialog with fields of the document's own first (which destruction list), read by
/// `build` from the values.
pub fn print_form_with(
    title: &str,
    stem: &'static str,
    own: Vec<Field>,
    build: impl Fn(&mut Session, &Values) -> Result<Document, StoreError> + 'static,
) -> Form {
    let build: ValuesBuilder = Rc::new(build);
    let mut fields = own;
    fields.extend([
        Field::choice("format", "格式", &["PDF", "HTML", "CSV", "文本"]),
        Field::choice("to", "去向", &["保存为文件", "送打印机"]),
        // Named after what is printed, as the file is when no name is given.
        Field::text("file", "文件名")
            .hint(format!("不写则保存在当前目录，如 baomi-{stem}-日期.pdf")),
        Field::check("overwrite", "覆盖同名文件"),
    ]);
    Form::new(
        format!("打印：{title}"),
        fields,
        Box::new(move |v: &Values| -> Result<FormJob, Refusal> {
            let format = match v.get("format") {
                "HTML" => Format::Html,
                "CSV" => Format::Csv,
                "文本" => Format::Table,
                _ => Format::Pdf,
            };
            let to_printer = v.get("to") == "送打印机";
            if to_printer && format != Format::Pdf {
                return Err(Refusal::field(
                    "格式",
                    "送打印机只能用 PDF（直接打印文本时中文会成方框）",
                ));
            }
            let file = v.get("file").to_string();
            let overwrite = v.flag("overwrite");
            let build = build.clone();
            let values = v.clone();
            Ok(Box::new(move |s: &mut Session| {
                let mut doc = build(s, &values)?;
                doc.printed_by = s
                    .account
                    .as_ref()
                    .map(|a| a.display_name.clone())
                    .unwrap_or_default();
                let head = store::audit::head(s.store.conn())?;
                doc.audit_head = Some((head.count, head.hash));
                let settings = s.settings();
                let path = if file.is_empty() {
                    PathBuf::from(format!(
                        "baomi-{stem}-{}.{}",
                        dates::iso(s.today()),
                        format.extension()
                    ))
                } else {
                    PathBuf::from(&file)
                };
                // R-CMP-13: written owner-only, never over a file unasked, and recorded.
                let dest = if to_printer {
                    Destination::Printer {
                        path: Some(path),
                        printer: settings.printer.clone(),
                    }
                } else {
                    if path.exists() && !overwrite {
                        return Err(StoreError::Refused(Refusal::field(
                            "文件名",
                            format!(
                                "{} 已存在。换一个文件名，或勾选“覆盖同名文件”",
                                path.display()
                            ),
                        )));
                    }
                    Destination::File { path, overwrite }
                };
                let stamp = s.stamp();
                Ok(deliver(
                    &mut s.store,
                    &stamp,
                    &doc,
                    format,
                    &dest,
                    &settings.font_path,
                )?
                .message)
            }) as FormJob)
        }),
    )
    .note("打印件每页上下标注所含最高密级，并注明第几页共几页（R-CLS-6）")
}

/// 年度保密工作台账 (issue 12): the whole set for a year, as one PDF or one workbook. Output of
/// classified information: written owner-only, never over a file unasked, recorded (R-CMP-13).
fn yearbook_form(today: chrono::NaiveDate) -> Form {
    let this = chrono::Datelike::year(&today);
    let years: Vec<String> = (this - 4..=this).rev().map(|y| y.to_string()).collect();
    let refs: Vec<&str> = years.iter().map(String::as_str).collect();
    Form::new(
        "年度保密工作台账",
        vec![
            Field::choice("year", "年度", &refs),
            Field::choice("format", "格式", &["PDF", "xlsx"]),
            Field::text("file", "文件名").hint("不写则为 2026年度保密工作台账.pdf"),
            Field::check("overwrite", "覆盖同名文件"),
        ],
        Box::new(move |v: &Values| -> Result<FormJob, Refusal> {
            let year: i32 = v
                .get("year")
                .parse()
                .map_err(|_| Refusal::field("年度", "请选择年度"))?;
            let xlsx = v.get("format") == "xlsx";
            let file = v.get("file").trim().to_string();
            let overwrite = v.flag("overwrite");
            Ok(Box::new(move |s: &mut Session| {
                use crate::report::yearbook;
                let settings = s.settings();
                let conn = s.store.conn();
                let mut sections = yearbook::sections(
                    conn,
                    year,
                    &settings.unit_name,
                    yearbook::as_of(year, s.today()),
                )?;
                let head = store::audit::head(conn)?;
                let me = s
                    .account
                    .as_ref()
                    .map(|a| a.display_name.clone())
                    .unwrap_or_default();
                for sec in &mut sections {
                    sec.doc.printed_by = me.clone();
                }
                if let Some(last) = sections.last_mut() {
                    last.doc.audit_head = Some((head.count, head.hash));
                }
                let failed = |e: String| StoreError::Refused(Refusal::field("格式", e));
                let (bytes, pages, format) = if xlsx {
                    let b = yearbook::xlsx(year, &sections).map_err(|e| failed(e.to_string()))?;
                    (b, None, Format::Xlsx)
                } else {
                    let font = report::font::find(&settings.font_path).map_err(failed)?;
                    let (b, n) = yearbook::pdf(year, &sections, &font).map_err(failed)?;
                    (b, Some(n), Format::Pdf)
                };
                let path = if file.is_empty() {
                    PathBuf::from(format!("{}.{}", yearbook::title(year), format.extension()))
                } else {
                    PathBuf::from(&file)
                };
                let title = yearbook::title(year);
                let what = crate::report::deliver::Printout {
                    title: &title,
                    marking: yearbook::marking(&sections)
                        .map(|l| l.name().to_string())
                        .unwrap_or_else(|| "非密".into()),
                    format,
                    pages,
                    rows: sections.iter().map(|s| s.records).sum(),
                };
                let stamp = s.stamp();
                Ok(crate::report::deliver::send(
                    &mut s.store,
                    &stamp,
                    &what,
                    &bytes,
                    &Destination::File { path, overwrite },
                )?
                .message)
            }) as FormJob)
        }),
    )
    .note("按模板顺序汇编全部台帐，含目录；每页标注最高密级和第几页共几页（R-CLS-6）")
}

#[derive(Debug, Clone, Copy)]
enum Cmd {
    Up,
    Down,
    Print,
    Yearbook,
    Selfcheck,
}

#[derive(Debug, Clone, Copy)]
enum Item {
    Due,
    Register(Named),
    /// R-TRN-3: this year's per-person training hours.
    Hours,
}

pub struct Reports {
    items: Vec<Item>,
    selected: usize,
}

impl Reports {
    pub fn new() -> Reports {
        let mut items = vec![Item::Due];
        items.extend(Named::all().into_iter().map(Item::Register));
        items.push(Item::Hours);
        Reports { items, selected: 0 }
    }

    fn bindings() -> Vec<Binding<Cmd>> {
        vec![
            Binding::new(code(KeyCode::Up), "上移", Cmd::Up).help_only(),
            Binding::new(code(KeyCode::Down), "下移", Cmd::Down).help_only(),
            Binding::keys(&[code(KeyCode::Enter), ch('p')], "打印", Cmd::Print),
            Binding::new(ch('y'), "年度台帐", Cmd::Yearbook),
            Binding::new(ch('s'), "检查项目自查", Cmd::Selfcheck),
        ]
    }

    fn describe(item: Item) -> (&'static str, String) {
        match item {
            Item::Due => ("到期提醒清单", "30天内到期及已逾期事项，按规则分组".into()),
            Item::Hours => (
                "保密教育培训学时统计表",
                "R-TRN-3 本年度每人学时、应达学时和差额".into(),
            ),
            Item::Register(Named::Ledger(s)) => (s.title, format!("登记的全部{}", s.noun)),
            Item::Register(Named::Acts(r)) => (r.title, r.rules.to_string()),
            Item::Register(Named::Paper(k)) => (
                k.title(),
                match k {
                    RegisterKind::Receipts => "R-PAP-3 收文登记",
                    RegisterKind::Dispatches => "R-PAP-3、R-PAP-5 发文登记",
                    RegisterKind::Copies => "R-PAP-20 复印登记",
                    RegisterKind::Loans => "R-PAP-9 借阅登记",
                    RegisterKind::TakeOuts => "R-PAP-11 携带外出登记",
                    RegisterKind::TopSecretReaders => "R-PAP-8 绝密件知悉人员",
                    RegisterKind::CountSheet => "R-PAP-12 最近一次清点",
                    RegisterKind::Destruction => "R-PAP-23 选择一份已批准的销毁清单，含签字栏",
                    RegisterKind::Reviews => "R-CLS-7 解密、变更密级或期限的审批",
                    RegisterKind::Classification => "R-CLS-3 本单位制作的密件，定密责任人",
                }
                .into(),
            ),
        }
    }
}

impl Default for Reports {
    fn default() -> Self {
        Reports::new()
    }
}

/// 销毁清单: which approved destruction request to print (issue 9 point 13).
fn destruction_form(lists: Vec<(i64, String)>) -> Form {
    let labels: Vec<String> = lists.iter().map(|(_, l)| l.clone()).collect();
    let refs: Vec<&str> = labels.iter().map(String::as_str).collect();
    let kind = RegisterKind::Destruction;
    print_form_with(
        kind.title(),
        kind.code(),
        vec![Field::choice("list", "清单", &refs).hint("Left/Right 选择要打印的销毁申请")],
        move |s: &mut Session, v: &Values| {
            let id = lists
                .iter()
                .find(|(_, l)| l == v.get("list"))
                .map(|(id, _)| *id);
            let settings = s.settings();
            let reg = store::registers::load(s.store.conn(), kind, None, id)?;
            Ok(report::registers::document(
                &reg,
                &settings.unit_name,
                s.today(),
            ))
        },
    )
    .note(format!(
        "共 {} 份已批准的销毁清单，默认最近一份",
        labels.len()
    ))
}

fn destruction_lists(s: &mut Session) -> DestructionLists {
    let conn = s.store.conn();
    DestructionLists(
        store::approvals::list(conn, &[RequestState::Approved, RequestState::Executed])
            .map(|rs| {
                rs.into_iter()
                    .rev()
                    // R-MED-8: a medium handed to the bureau is listed as papers are.
                    .filter(|r| matches!(r.kind, RequestKind::Destroy | RequestKind::MediumDestroy))
                    .map(|r| {
                        let what = match r.plan.record() {
                            Some(p) => format!("介质 {}", p.no),
                            None => format!("{}件", r.papers.len()),
                        };
                        let words = format!(
                            "申请{}：{what}，{}批准，{}",
                            r.id,
                            r.decided_on.map(dates::zh).unwrap_or_default(),
                            if r.state == RequestState::Executed {
                                "已销毁"
                            } else {
                                "待销毁"
                            }
                        );
                        (r.id, words)
                    })
                    .collect()
            })
            .map_err(|e| e.to_string()),
    )
}

impl Screen for Reports {
    fn title(&self) -> String {
        "报表打印".into()
    }

    fn hints(&self) -> Vec<Hint> {
        keymap::hints(&Reports::bindings())
    }

    fn on_key(&mut self, key: KeyEvent, cx: &mut Ctx<'_>) {
        match keymap::find(&Reports::bindings(), &key) {
            Some(Cmd::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Cmd::Down) => self.selected = (self.selected + 1).min(self.items.len() - 1),
            Some(Cmd::Yearbook) => cx.modal(yearbook_form(cx.today)),
            Some(Cmd::Selfcheck) => cx.push(super::selfcheck::Selfcheck::new(
                chrono::Datelike::year(&cx.today),
            )),
            Some(Cmd::Print) => match self.items[self.selected] {
                Item::Due => cx.modal(print_form(
                    "到期提醒清单",
                    "due",
                    |s: &mut Session| {
                        report::due::list(s.store.conn(), s.today(), super::home::WITHIN)
                    },
                )),
                Item::Hours => cx.modal(print_form(
                    "保密教育培训学时统计表",
                    "training-hours",
                    |s: &mut Session| {
                        let year = chrono::Datelike::year(&s.today());
                        let table = store::training::year_table(s.store.conn(), year)?;
                        let unit = s.settings().unit_name;
                        Ok(report::hours::document(&table, year, &unit, s.today()))
                    },
                )),
                Item::Register(Named::Paper(RegisterKind::Destruction)) => {
                    cx.task(destruction_lists)
                }
                Item::Register(kind) => {
                    let mut form = print_form(kind.title(), kind.code(), move |s: &mut Session| {
                        let settings = s.settings();
                        let reg = store::registers::load_named(s.store.conn(), kind, None, None)?;
                        Ok(report::registers::document(
                            &reg,
                            &settings.unit_name,
                            s.today(),
                        ))
                    });
                    form = form.note(format!("{}：全部记录", kind.title()));
                    cx.modal(form);
                }
            },
            None => {}
        }
    }

    fn on_reply(&mut self, reply: Box<dyn std::any::Any>, cx: &mut Ctx<'_>) {
        let Ok(lists) = reply.downcast::<DestructionLists>() else {
            return;
        };
        match lists.0 {
            Ok(l) if l.is_empty() => {
                cx.error("尚无已批准的销毁申请：销毁清单在主管领导批准后才能打印（R-PAP-23）")
            }
            Ok(l) => cx.modal(destruction_form(l)),
            Err(e) => cx.error(e),
        }
    }

    fn render(&self, f: &mut Frame, area: Rect, r: &RenderCtx<'_>) -> Option<Position> {
        f.render_widget(
            Paragraph::new("选择要打印的清单或登记簿，按 Enter 选择格式和去向。")
                .style(r.theme.dim()),
            Rect { height: 1, ..area },
        );
        let rows: Vec<Row> = self
            .items
            .iter()
            .map(|i| {
                let (t, d) = Reports::describe(*i);
                Row::new(vec![t.to_string(), d])
            })
            .collect();
        let height = area.height.saturating_sub(2);
        // The list is longer than 24 lines hold: the selection stays in view.
        let body = usize::from(height.saturating_sub(1)).max(1);
        table::render(
            f,
            Rect {
                y: area.y + 2,
                height,
                ..area
            },
            &r.theme,
            &[col("名称", 34, 0), col("说明", 20, 1)],
            &rows,
            Some(self.selected),
            (self.selected + 1).saturating_sub(body),
        );
        None
    }
}
