//! Renders the screens with demo data into screenshots/*.svg (screenshots/make.sh turns them into
//! PNG). Run: `cargo run --example screenshots`.

use std::path::Path;

use baomi::domain::dates::ymd;
use baomi::domain::rules::review;
use baomi::store::{OpenMode, Stamp, Store, demo, records};
use baomi::ui::harness::Harness;
use crossterm::event::KeyCode;

fn save(h: &Harness, name: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("screenshots");
    std::fs::create_dir_all(&dir).expect("screenshots/ can be created");
    let path = dir.join(format!("{name}.svg"));
    std::fs::write(&path, baomi::ui::svg::render(&h.frame)).expect("the SVG can be written");
    println!("{}", path.display());
}

fn main() {
    let today = ymd(2026, 11, 27);
    let dir = tempfile::tempdir().expect("a temporary directory");

    let empty = Store::open(&dir.path().join("new.db"), OpenMode::Create).expect("a new database");
    let h = Harness::new(empty, today, 100, 30);
    save(&h, "setup");

    let mut store =
        Store::open(&dir.path().join("demo.db"), OpenMode::Create).expect("a demo database");
    demo::build(&mut store, today, None, 0).expect("demo data");
    let mut h = Harness::new(store, today, 100, 30);
    h.type_str("liqiang");
    h.tab();
    h.type_str("Baomi@2026");
    save(&h, "login");
    h.type_str("-li");
    h.enter();
    save(&h, "home");
    // The navigation: g, a group's letter, a screen's letter (issue 10).
    h.key(KeyCode::Char('g'));
    h.key(KeyCode::Char('z'));
    save(&h, "nav");
    h.esc();
    h.esc();
    h.key(KeyCode::Char('?'));
    save(&h, "help");
    h.esc();
    h.key(KeyCode::Char('2'));
    save(&h, "ledger");
    // The monthly count, cabinet by cabinet, the papers out listed apart (R-PAP-12).
    h.key(KeyCode::Char('c'));
    save(&h, "count");
    h.esc();
    for _ in 0..13 {
        h.key(KeyCode::Down);
    }
    h.enter();
    save(&h, "paper");
    h.esc();
    h.key(KeyCode::Char('3'));
    save(&h, "approvals");
    h.key(KeyCode::Char('/'));
    h.type_str("cqdk");
    save(&h, "search");

    // The whole demo (media, computers, people, reviews, meetings, inspections, incidents):
    // the due list with every kind of item, the media ledger and a review's page.
    let mut store =
        Store::open(&dir.path().join("full.db"), OpenMode::Create).expect("a demo database");
    demo::build(&mut store, today, None, 0).expect("demo data");
    demo::records(&mut store, today).expect("demo records");
    // A publication review waiting for its first step (R-DIS-2).
    let stamp = Stamp::on(
        "liqiang",
        today,
        today.and_hms_opt(10, 0, 0).expect("a time"),
    );
    store
        .change(&stamp, |c| {
            let values = [
                ("title", "关于2026年部门预算执行情况的说明"),
                ("doc_no", "江财〔2026〕31号"),
                ("made_on", "2026-11-20"),
                ("way", "主动"),
            ];
            let form = records::AddForm {
                values: values.map(|(k, v)| (k.to_string(), v.to_string())).into(),
                no: None,
                date: Some(today),
            };
            records::add(c, &review::SPEC, &form).map(|_| ())
        })
        .expect("a review");
    let mut h = Harness::new(store, today, 120, 60);
    h.type_str("liqiang");
    h.tab();
    h.type_str("Baomi@2026-li");
    h.enter();
    save(&h, "due");
    for keys in ["gzc", "gsx"] {
        for c in keys.chars() {
            h.key(KeyCode::Char(c));
        }
        if keys == "gzc" {
            save(&h, "media");
        }
    }
    h.enter();
    // Its first step's form: the handler's proposal and the four questions (R-DIS-2, R-DIS-3).
    h.key(KeyCode::Char('b'));
    save(&h, "review");
}
