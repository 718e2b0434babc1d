//! HTML with print CSS: the fallback that needs no font of ours. Pages are laid out here (not left to
//! the browser) so that every page has its marking and 第 x 页 共 y 页.

use super::document::{DocRow, Document, page_label};

/// Rows per printed page (A4 landscape at the sizes below).
pub const ROWS_PER_PAGE: usize = 22;

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Issue 8 point 12: a stored control or bidi character is shown, not obeyed.
            c if crate::domain::text::is_unsafe(c) => out.push('?'),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
@page { size: A4 landscape; margin: 12mm; }
body { font-family: "SimSun", "FangSong", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", serif; font-size: 11pt; color: #000; }
.page { page-break-after: always; break-after: page; min-height: 180mm; position: relative; }
.page:last-child { page-break-after: auto; break-after: auto; }
.mark { font-weight: bold; font-size: 14pt; color: #c00; }
.mark.bottom { margin-top: 6mm; }
h1 { text-align: center; font-size: 18pt; margin: 2mm 0; }
.sub { text-align: center; margin-bottom: 3mm; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #000; padding: 1.2mm 1.5mm; vertical-align: top; }
th { background: #eee; }
tr.group td { font-weight: bold; background: #f6f6f6; }
.foot { display: flex; justify-content: space-between; margin-top: 4mm; }
.notes p { margin: 1mm 0; }
.sign { margin-top: 8mm; display: flex; gap: 14mm; flex-wrap: wrap; }
.head { font-size: 8pt; color: #555; margin-top: 3mm; }
"#;

pub fn render(doc: &Document) -> String {
    let pages = doc.pages(ROWS_PER_PAGE);
    let total = pages.len();
    let mark = escape(&doc.marking_text());
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">");
    out.push_str(&format!("<title>{}</title>", escape(&doc.title)));
    out.push_str(&format!("<style>{STYLE}</style></head><body>\n"));
    for (i, rows) in pages.iter().enumerate() {
        out.push_str("<section class=\"page\">\n");
        out.push_str(&format!("<div class=\"mark top\">{mark}</div>\n"));
        out.push_str(&format!("<h1>{}</h1>\n", escape(&doc.title)));
        out.push_str(&format!(
            "<div class=\"sub\">{}</div>\n",
            escape(&doc.subtitle())
        ));
        out.push_str("<table><thead><tr>");
        for c in &doc.columns {
            out.push_str(&format!("<th>{}</th>", escape(c)));
        }
        out.push_str("</tr></thead><tbody>\n");
        for r in rows.iter() {
            match r {
                DocRow::Group(g) => out.push_str(&format!(
                    "<tr class=\"group\"><td colspan=\"{}\">{}</td></tr>\n",
                    doc.columns.len().max(1),
                    escape(g)
                )),
                DocRow::Cells { cells, .. } => {
                    out.push_str("<tr>");
                    for c in cells {
                        out.push_str(&format!("<td>{}</td>", escape(c)));
                    }
                    out.push_str("</tr>\n");
                }
            }
        }
        out.push_str("</tbody></table>\n");
        if i + 1 == total {
            if !doc.notes.is_empty() {
                out.push_str("<div class=\"notes\">");
                for n in &doc.notes {
                    out.push_str(&format!("<p>{}</p>", escape(n)));
                }
                out.push_str("</div>\n");
            }
            if !doc.signatures.is_empty() {
                out.push_str("<div class=\"sign\">");
                for s in &doc.signatures {
                    out.push_str(&format!(
                        "<span>{}（签字）：________________　日期：__________</span>",
                        escape(s)
                    ));
                }
                out.push_str("</div>\n");
            }
            if let Some(h) = doc.head_line() {
                out.push_str(&format!("<div class=\"head\">{}</div>\n", escape(&h)));
            }
        }
        out.push_str(&format!(
            "<div class=\"foot\"><span class=\"mark bottom\">{mark}</span><span>{}</span></div>\n",
            escape(&page_label(i + 1, total))
        ));
        out.push_str("</section>\n");
    }
    out.push_str("</body></html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::ymd;
    use crate::domain::level::Level;

    // R-CLS-6: every page has the marking top and bottom, and its page count.
    #[test]
    fn r_cls_6_every_page_marked_and_numbered() {
        let mut d = Document::new("借阅登记", "某局", ymd(2026, 4, 1));
        d.columns = vec!["标题".into()];
        for i in 0..50 {
            d.rows.push(DocRow::Cells {
                level: Some(if i == 7 {
                    Level::Secret
                } else {
                    Level::Confidential
                }),
                cells: vec![format!("<文件{i}>")],
            });
        }
        let html = render(&d);
        assert_eq!(html.matches("class=\"mark top\">机密<").count(), 3);
        assert_eq!(html.matches("class=\"mark bottom\">机密<").count(), 3);
        assert!(html.contains("第 3 页 共 3 页"));
        assert!(html.contains("&lt;文件0&gt;"));
    }
}
