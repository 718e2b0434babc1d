//! Drawing the batch screens. The count shows the papers in their cabinets cabinet by cabinet (the
//! cabinet named whole where its papers begin), and the papers out of their cabinets apart, with
//! where each is; the other batches show the papers with their state, holder and location.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::Paragraph;

use super::{Batch, Mode};
use crate::domain::carrier::PaperState;
use crate::domain::level::Level;
use crate::domain::paper::Paper;
use crate::store::stocktake;
use crate::ui::screens::RenderCtx;
use crate::ui::widgets::scan_line::{heading, top};
use crate::ui::widgets::table::{self, Row, col, scroll, whole_width};

pub(super) fn render(b: &Batch, f: &mut Frame, area: Rect, r: &RenderCtx<'_>) {
    let (head, guide) = words(b);
    let w = usize::from(area.width);
    let mut lines = heading(&head, guide, w, &r.theme);
    // The scan's own line: what the scanner read and what became of it.
    if let Some(s) = &b.last_scan {
        lines.extend(s.lines(w, &r.theme));
    }
    let body = top(f, area, lines);
    if !b.loaded {
        return;
    }
    if b.mode.counts() {
        count_body(b, f, body, r);
    } else {
        list_body(b, f, body, r);
    }
}

/// The heading (what is chosen) and the guide (what to do).
fn words(b: &Batch) -> (String, &'static str) {
    let head = match b.mode {
        Mode::Discrepancies => format!("未清点到、尚未处理的密件 {} 件", b.fixed.len()),
        Mode::Destroy(_) => format!(
            "销毁清单 {} 件（已销毁 {} 件）",
            b.fixed.len(),
            b.fixed
                .iter()
                .filter(|p| p.state == PaperState::Destroyed)
                .count()
        ),
        Mode::Count | Mode::Check => {
            let cabinet = match b.cabinet_name() {
                Some(c) => {
                    let n = b.cabinet.and_then(|i| b.cabinets.get(i)).map(|x| x.1);
                    format!("{c}（{} 件）", n.unwrap_or(0))
                }
                None => format!("全部（{} 个柜）", b.cabinets.len()),
            };
            let position = match (b.list.rows().is_empty(), b.list.total()) {
                (true, _) => "无在柜密件".to_string(),
                (false, t) => format!(
                    "第 {}/{} 条",
                    b.list.index() + 1,
                    t.map(|t| t.to_string()).unwrap_or_else(|| "...".into())
                ),
            };
            format!(
                "柜：{cabinet}  在柜 {} 件，已勾选{} {} 件，不在柜 {} 件  {position}",
                if b.cabinets.is_empty() {
                    "...".to_string()
                } else {
                    b.total().to_string()
                },
                b.mode.tick_label(),
                b.ticked(),
                b.out_total,
            )
        }
        m => format!(
            "在管密件 {} 件，已勾选{} {} 件    {}",
            b.list
                .total()
                .map(|t| t.to_string())
                .unwrap_or_else(|| "...".into()),
            m.tick_label(),
            b.ticked(),
            b.list.position()
        ),
    };
    let guide = match b.mode {
        Mode::Count | Mode::Check => {
            "扫码或空格勾选找到的（a 全选再取消未找到的），w 换柜；未勾选的记为清点差异"
        }
        Mode::Return => "勾选要清退的密件（按登记先后排列），完成后填写签收人",
        Mode::DestroyList => "勾选无保存价值、需销毁的密件，完成后提交主管领导审批",
        Mode::Destroy(_) => "核对清单后按 Enter 登记销毁人和销毁方式",
        Mode::Discrepancies => "逐件处理：找到按 f，确认遗失按 l",
    };
    (head, guide)
}

fn tick(b: &Batch, p: &Paper) -> &'static str {
    match b.mode {
        Mode::Discrepancies => "[?]",
        _ if p.state == PaperState::Destroyed => "[已]",
        Mode::Destroy(_) => "[X]",
        _ if b.ticks.is(p) => "[X]",
        _ => "[ ]",
    }
}

fn mark_cell(p: &Paper, r: &RenderCtx<'_>) -> String {
    r.theme.mark(&p.mark().to_string())
}

/// The width of the mark column: every mark on screen whole (a mark is not to be cut).
fn mark_width(rows: &[Paper], r: &RenderCtx<'_>) -> u16 {
    let marks: Vec<String> = rows.iter().map(|p| mark_cell(p, r)).collect();
    whole_width(marks.iter().map(String::as_str), 9, 24)
}

/// The rows a table `height` high shows from `offset`.
fn visible(rows: &[Paper], offset: usize, height: u16) -> &[Paper] {
    let from = offset.min(rows.len());
    &rows[from..(from + usize::from(height)).min(rows.len())]
}

fn top_secret(p: &Paper, r: &RenderCtx<'_>) -> Style {
    if p.level == Level::TopSecret {
        r.theme.level(p.level)
    } else {
        Style::default()
    }
}

/// The count: the papers in their cabinets above, the papers out below.
fn count_body(b: &Batch, f: &mut Frame, body: Rect, r: &RenderCtx<'_>) {
    // The papers out get up to two fifths of the body (at least three rows), the cabinets the rest.
    let out_rows = if b.out.is_empty() {
        0
    } else {
        (b.out.len() as u16).min((body.height * 2 / 5).max(3))
    };
    let out_h = if b.out.is_empty() { 0 } else { out_rows + 2 };
    let main = Rect {
        height: body.height.saturating_sub(out_h),
        ..body
    };
    let height = usize::from(main.height.saturating_sub(1));
    let offset = b.list.offset(height);
    let rows = b.list.rows();
    let cabinets = rows
        .iter()
        .map(|p| p.location.as_str())
        .chain(b.cabinets.iter().map(|(c, _)| c.as_str()));
    let cab_w = whole_width(cabinets, 4, main.width / 3);
    let no_w = table::number_width(rows.iter().map(|p| p.no.as_str()));
    let shown: Vec<Row> = rows
        .iter()
        .enumerate()
        .map(|(i, p)| {
            // The cabinet is named where its papers begin (and atop the screen).
            let first = i == offset || i == 0 || rows[i - 1].location != p.location;
            Row::new(vec![
                tick(b, p).to_string(),
                if first {
                    p.location.clone()
                } else {
                    String::new()
                },
                p.no.clone(),
                p.title.clone(),
                mark_cell(p, r),
            ])
            .styled(1, r.theme.key())
            .styled(4, r.theme.level(p.level))
            .styled(0, top_secret(p, r))
        })
        .collect();
    table::render(
        f,
        main,
        &r.theme,
        &[
            col("", 3, 0),
            col("柜", cab_w, 0),
            col("编号", no_w, 0),
            col("标题", 10, 1),
            col("标志", mark_width(visible(rows, offset, main.height), r), 0),
        ],
        &shown,
        (!b.in_out).then(|| b.list.selected()),
        offset,
    );
    if b.out.is_empty() {
        return;
    }
    let title = Rect {
        y: main.y + main.height,
        height: 1,
        ..body
    };
    let more = if b.out_total > b.out.len() as i64 {
        format!("，列出前 {} 件", b.out.len())
    } else {
        String::new()
    };
    f.render_widget(
        Paragraph::new(Span::styled(
            format!(
                "不在柜 {} 件{more}：不算{}到；逾期未还的记为异常",
                b.out_total,
                b.mode.stocktake().name()
            ),
            r.theme.header(),
        )),
        title,
    );
    let list = Rect {
        y: title.y + 1,
        height: out_rows + 1,
        ..body
    };
    let out_offset = scroll(b.out_selected, b.out_offset.get(), usize::from(out_rows));
    b.out_offset.set(out_offset);
    let places: Vec<String> = b
        .out
        .iter()
        .map(|p| stocktake::destination(p, r.today))
        .collect();
    // Narrow screens leave the title out: where the paper is, whole, matters more here.
    let titled = list.width >= 72;
    let shown: Vec<Row> = b
        .out
        .iter()
        .zip(&places)
        .map(|(p, place)| {
            let mut cells = vec![" - ".to_string(), p.no.clone()];
            if titled {
                cells.push(p.title.clone());
            }
            cells.push(place.clone());
            let at = cells.len() - 1;
            let row = Row::new(cells);
            if stocktake::overdue(p, r.today) {
                row.styled(at, r.theme.overdue())
            } else {
                row
            }
        })
        .collect();
    let no_w = table::number_width(b.out.iter().map(|p| p.no.as_str()));
    let place_w = whole_width(places.iter().map(String::as_str), 4, list.width);
    let mut cols = vec![col("", 3, 0), col("编号", no_w, 0)];
    if titled {
        cols.push(col("标题", 8, 1));
    }
    cols.push(col("去向", place_w, u16::from(!titled)));
    table::render(
        f,
        list,
        &r.theme,
        &cols,
        &shown,
        b.in_out.then_some(b.out_selected),
        out_offset,
    );
}

/// The other batches: the papers with their state, holder and location.
fn list_body(b: &Batch, f: &mut Frame, body: Rect, r: &RenderCtx<'_>) {
    let height = usize::from(body.height.saturating_sub(1));
    let (offset, selected) = if b.mode.paged() {
        (b.list.offset(height), b.list.selected())
    } else {
        let o = scroll(b.selected, b.offset.get(), height);
        b.offset.set(o);
        (o, b.selected)
    };
    let rows = if b.mode.paged() {
        b.list.rows()
    } else {
        &b.fixed
    };
    let no_w = table::number_width(rows.iter().map(|p| p.no.as_str()));
    let loc_w = whole_width(rows.iter().map(|p| p.location.as_str()), 8, body.width / 4);
    let shown: Vec<Row> = rows
        .iter()
        .map(|p| {
            Row::new(vec![
                tick(b, p).to_string(),
                p.no.clone(),
                p.title.clone(),
                mark_cell(p, r),
                p.state.name().to_string(),
                if p.holder.is_empty() {
                    p.keeper.clone()
                } else {
                    p.holder.clone()
                },
                p.location.clone(),
            ])
            .styled(3, r.theme.level(p.level))
            .styled(0, top_secret(p, r))
        })
        .collect();
    table::render(
        f,
        body,
        &r.theme,
        &[
            col("", 4, 0),
            col("编号", no_w, 0),
            col("标题", 10, 1),
            col("标志", mark_width(visible(rows, offset, body.height), r), 0),
            col("状态", 8, 0),
            col("持有人", 6, 0),
            col("位置", loc_w, 0),
        ],
        &shown,
        Some(selected),
        offset,
    );
}
