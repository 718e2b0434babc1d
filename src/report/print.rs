//! Where a rendered document goes: standard output, a file, or the printer through `lp` (CUPS).
//! Only PDF goes to the printer: CUPS prints plain text with every Chinese character as a box.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::{Document, Format};

/// Renders `doc` in `format`. PDF needs a Chinese font (`font_setting`, or found on the machine).
pub fn render(doc: &Document, format: Format, font_setting: &str) -> Result<Vec<u8>, String> {
    render_paged(doc, format, font_setting).map(|(bytes, _)| bytes)
}

/// As `render`, with the number of pages of a PDF.
pub fn render_paged(
    doc: &Document,
    format: Format,
    font_setting: &str,
) -> Result<(Vec<u8>, Option<usize>), String> {
    Ok(match format {
        Format::Table => (super::text::render(doc).into_bytes(), None),
        Format::Csv => (super::csv::render(doc).into_bytes(), None),
        Format::Html => (super::html::render(doc).into_bytes(), None),
        Format::Pdf => {
            let font = super::font::find(font_setting)?;
            let (bytes, pages) = super::pdf::render_paged(doc, &font)?;
            (bytes, Some(pages))
        }
        Format::Json | Format::Xlsx => {
            return Err("该文档只能输出为 table、csv、html 或 pdf".into());
        }
    })
}

/// True when the `lp` command is on this machine.
pub fn has_lp() -> bool {
    Command::new("lp")
        .arg("-h")
        .output()
        .map(|_| true)
        .unwrap_or(false)
}

/// Sends a PDF file to the printer with `lp`, or says where the file is when there is no `lp`.
pub fn print_pdf(file: &Path, printer: &str) -> Result<String, String> {
    if !has_lp() {
        return Ok(format!(
            "本机没有 lp 打印命令，PDF 已保存在 {}，请用其他程序打开打印",
            file.display()
        ));
    }
    let mut cmd = Command::new("lp");
    if !printer.trim().is_empty() {
        cmd.args(["-d", printer.trim()]);
    }
    let out = cmd
        .arg(file)
        .output()
        .map_err(|e| format!("无法调用 lp：{e}"))?;
    if out.status.success() {
        Ok(format!(
            "已送打印机{}：{}",
            if printer.trim().is_empty() {
                String::new()
            } else {
                format!("「{}」", printer.trim())
            },
            String::from_utf8_lossy(&out.stdout).trim()
        ))
    } else {
        Err(format!(
            "打印失败：{}。PDF 已保存在 {}",
            String::from_utf8_lossy(&out.stderr).trim(),
            file.display()
        ))
    }
}

/// A file name for a printout kept in the temporary directory when none is given.
pub fn temp_file(stem: &str, format: Format) -> PathBuf {
    let safe: String = stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    std::env::temp_dir().join(format!("baomi-{safe}.{}", format.extension()))
}
