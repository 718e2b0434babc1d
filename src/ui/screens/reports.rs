//! 报表打印: the registers and the due list, printed as PDF (or HTML, CSV, text) to the printer or a
//! file. Every printout carries its marking and page numbers (R-CLS-6).

use std::path::PathBuf;
use std::rc::Rc;

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::widgets::Paragraph;

use super::{Ctx, Nav, RenderCtx, Screen};
use crate::domain::Refusal;
use crate::domain::dates;
use crate::report::deliver::{Destination, deliver};
use crate::report::{self, Document, Format};
use crate::store::{self, StoreError, registers::RegisterKind};
use crate::ui::action::Session;
use crate::ui::keymap::{self, Binding, Hint, ch, code};
use crate::ui::widgets::field::Field;
use crate::ui::widgets::form::{Form, FormJob, Values};
use crate::ui::widgets::table::{self, Row, col};

/// Builds a document from the store (again for each submission).
pub type Builder = Rc<dyn Fn(&mut Session) -> Result<Document, StoreError>>;

/// The print dialog: format, destination and file; the job renders and prints or writes.
pub fn print_form(
    title: &str,
    stem: &'static str,
    build: impl Fn(&mut Session) -> Result<Document, StoreError> + 'static,
) -> Form {
    let build: Builder = Rc::new(build);
    let fields = vec![
        Field::choice("format", "格式", &["PDF", "HTML", "CSV", "文本"]),
        Field::choice("to", "去向", &["保存为文件", "送打印机"]),
        Field::text("file", "文件名").hint("不写则保存在当前目录，如 baomi-due-2026-11-27.pdf"),
        Field::check("overwrite", "覆盖同名文件"),
    ];
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
            Ok(Box::new(move |s: &mut Session| {
                let mut doc = build(s)?;
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

#[derive(Debug, Clone, Copy)]
enum Cmd {
    Up,
    Down,
    Print,
}

#[derive(Debug, Clone, Copy)]
enum Item {
    Due,
    Register(RegisterKind),
}

pub struct Reports {
    items: Vec<Item>,
    selected: usize,
}

impl Reports {
    pub fn new() -> Reports {
        let mut items = vec![Item::Due];
        items.extend(RegisterKind::ALL.map(Item::Register));
        Reports { items, selected: 0 }
    }

    fn bindings() -> Vec<Binding<Cmd>> {
        vec![
            Binding::new(code(KeyCode::Up), "上移", Cmd::Up).help_only(),
            Binding::new(code(KeyCode::Down), "下移", Cmd::Down).help_only(),
            Binding::keys(&[code(KeyCode::Enter), ch('p')], "打印", Cmd::Print),
        ]
    }

    fn describe(item: Item) -> (&'static str, &'static str) {
        match item {
            Item::Due => ("到期提醒清单", "30天内到期及已逾期事项，按规则分组"),
            Item::Register(k) => (
                k.title(),
                match k {
                    RegisterKind::Receipts => "R-PAP-3 收文登记",
                    RegisterKind::Dispatches => "R-PAP-3、R-PAP-5 发文登记",
                    RegisterKind::Copies => "R-PAP-20 复印登记",
                    RegisterKind::Loans => "R-PAP-9 借阅登记",
                    RegisterKind::TakeOuts => "R-PAP-11 携带外出登记",
                    RegisterKind::TopSecretReaders => "R-PAP-8 绝密件知悉人员",
                    RegisterKind::CountSheet => "R-PAP-12 最近一次清点",
                    RegisterKind::Destruction => "R-PAP-23 最近一份销毁清单，含签字栏",
                },
            ),
        }
    }
}

impl Default for Reports {
    fn default() -> Self {
        Reports::new()
    }
}

impl Screen for Reports {
    fn title(&self) -> String {
        "报表打印".into()
    }

    fn nav(&self) -> Option<Nav> {
        Some(Nav::Reports)
    }

    fn hints(&self) -> Vec<Hint> {
        keymap::hints(&Reports::bindings())
    }

    fn on_key(&mut self, key: KeyEvent, cx: &mut Ctx<'_>) {
        match keymap::find(&Reports::bindings(), &key) {
            Some(Cmd::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Cmd::Down) => self.selected = (self.selected + 1).min(self.items.len() - 1),
            Some(Cmd::Print) => match self.items[self.selected] {
                Item::Due => cx.modal(print_form(
                    "到期提醒清单",
                    "due",
                    |s: &mut Session| {
                        report::due::list(s.store.conn(), s.today(), super::home::WITHIN)
                    },
                )),
                Item::Register(kind) => {
                    let mut form = print_form(kind.title(), kind.code(), move |s: &mut Session| {
                        let settings = s.settings();
                        let reg = store::registers::load(s.store.conn(), kind, None, None)?;
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
                Row::new(vec![t.to_string(), d.to_string()])
            })
            .collect();
        table::render(
            f,
            Rect {
                y: area.y + 2,
                height: area.height.saturating_sub(2),
                ..area
            },
            &r.theme,
            &[col("名称", 34, 0), col("说明", 20, 1)],
            &rows,
            Some(self.selected),
            0,
        );
        None
    }
}
