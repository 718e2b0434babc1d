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
            Err(format!("设置中的打印字体文件不存在：{setting}"))
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
    Err("找不到中文字体，无法生成 PDF。请安装中文字体（如 fonts-wqy-microhei），或在设置中填写“打印字体文件”；也可改用 --format html 在浏览器中打印".into())
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
