//! Finding a Chinese font on the machine for the PDF: the setting if given, else fontconfig on
//! Linux (fonts that cover zh), else the usual Windows fonts (宋体, 仿宋, 微软雅黑).

use std::path::{Path, PathBuf};
use std::process::Command;

/// Font files to prefer, by part of their file name, best first.
const PREFERRED: [&str; 9] = [
    "simsun",
    "simfang",
    "wqy-microhei",
    "wqy-zenhei",
    "notosanscjk",
    "notoserifcjk",
    "sourcehansans",
    "droidsansfallback",
    "msyh",
];

const WINDOWS: [&str; 4] = [
    r"C:\Windows\Fonts\simsun.ttc",
    r"C:\Windows\Fonts\simfang.ttf",
    r"C:\Windows\Fonts\msyh.ttc",
    r"C:\Windows\Fonts\simhei.ttf",
];

const LINUX: [&str; 4] = [
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
];

/// The font file to embed, or a message saying how to get one.
pub fn find(setting: &str) -> Result<PathBuf, String> {
    let setting = setting.trim();
    if !setting.is_empty() {
        let p = PathBuf::from(setting);
        return if p.is_file() {
            Ok(p)
        } else {
            Err(format!(
                "设置中的打印字体文件不存在：{setting}。请改为中文字体文件的完整路径，或清空以自动查找"
            ))
        };
    }
    if let Some(p) = from_fontconfig() {
        return Ok(p);
    }
    for p in WINDOWS.iter().chain(LINUX.iter()) {
        if Path::new(p).is_file() {
            return Ok(PathBuf::from(p));
        }
    }
    Err(not_found())
}

/// What to do when the machine has no Chinese font: the font package for each system, the
/// setting, or HTML printed from a browser instead.
fn not_found() -> String {
    let label =
        crate::domain::settings::spec("font_path").map_or("打印字体文件", |s| s.label);
    format!(
        "找不到中文字体，无法生成 PDF。任选一种办法：\n\
         · Debian、Ubuntu、统信 UOS、银河麒麟：安装字体包 fonts-wqy-microhei 或 fonts-noto-cjk\
         （sudo apt install fonts-wqy-microhei）\n\
         · Windows：宋体通常在 C:\\Windows\\Fonts\\simsun.ttc，没有时在“设置→应用→可选功能”中添加“中文(简体)补充字体”\n\
         · 在设置中把“{label}”（font_path）填为中文字体文件（.ttf、.ttc 或 .otf）的完整路径\n\
         · 改用 HTML：命令行加 --format html，界面中格式选 HTML，再用浏览器打印"
    )
}

fn from_fontconfig() -> Option<PathBuf> {
    let out = Command::new("fc-list")
        .args([":lang=zh", "file"])
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let files: Vec<PathBuf> = text
        .lines()
        .filter_map(|l| l.trim().trim_end_matches(':').split(':').next())
        .map(|s| PathBuf::from(s.trim()))
        .filter(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "ttf" | "ttc" | "otf"))
        })
        .collect();
    for want in PREFERRED {
        if let Some(p) = files.iter().find(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                n.to_ascii_lowercase()
                    .replace(['-', '_'], "")
                    .contains(&want.replace('-', ""))
            })
        }) {
            return Some(p.clone());
        }
    }
    files.into_iter().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    // With no font, the message names the packages, the Windows font, the setting and HTML.
    #[test]
    fn no_font_says_what_to_install() {
        let m = not_found();
        for want in [
            "fonts-wqy-microhei",
            "fonts-noto-cjk",
            "统信 UOS",
            "银河麒麟",
            r"C:\Windows\Fonts\simsun.ttc",
            "“打印字体文件”（font_path）",
            "--format html",
        ] {
            assert!(m.contains(want), "{want} in {m}");
        }
    }

    #[test]
    fn a_missing_font_file_in_the_settings_is_named() {
        let e = find("/nonexistent/font.ttf").unwrap_err();
        assert!(e.contains("/nonexistent/font.ttf"), "{e}");
    }
}
