//! The speed bars of DESIGN.md, measured on generated data (`baomi demo --rows N`). Not timed tests:
//! this prints numbers for the closing notes and README.
//!
//!     cargo bench --bench bars                  # 10,000 and 100,000 papers
//!     BAOMI_BENCH_ROWS=1000000 cargo bench --bench bars
//!
//! Databases are kept in target/bench-dbs/ and made once with the release binary.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use baomi::domain::dates::ymd;
use baomi::store::{OpenMode, Store, search};
use baomi::ui::harness::Harness;
use crossterm::event::KeyCode;

const TODAY: &str = "2026-11-27";

fn binary() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let bin = target.join("release/baomi");
    if !bin.exists() {
        let ok = Command::new("cargo")
            .args(["build", "--release", "--bin", "baomi"])
            .current_dir(root)
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        assert!(ok, "cargo build --release");
    }
    bin
}

fn database(rows: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-dbs");
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join(format!("demo-{rows}.db"));
    if !db.exists() {
        let start = Instant::now();
        let out = Command::new(binary())
            .env_clear()
            .args([
                "--db",
                db.to_str().unwrap(),
                "--today",
                TODAY,
                "demo",
                "--rows",
                &rows.to_string(),
            ])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        println!(
            "  baomi demo --rows {rows}: {:.1} s",
            start.elapsed().as_secs_f64()
        );
    }
    db
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// Median wall time of a whole process, `runs` times.
fn process(runs: usize, mut make: impl FnMut() -> Command) -> Duration {
    let mut times = Vec::new();
    for _ in 0..runs {
        let mut c = make();
        let start = Instant::now();
        let out = c.output().unwrap();
        times.push(start.elapsed());
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    median(times)
}

fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        })
        .unwrap_or(0)
}

fn bench(rows: usize) {
    println!("\n== {rows} papers");
    let db = database(rows);
    let bin = binary();
    let store = Store::open(&db, OpenMode::Existing).unwrap();

    // Search, in process.
    let queries = [
        ("2 个汉字", "重庆"),
        ("4 个汉字", "保密自查"),
        ("收文编号片段", "0153"),
        ("完整编号", "2026-收-0041"),
        ("文号", "江委办〔2026〕12号"),
        ("拼音首字母", "bmzc"),
        ("持有人", "杨帆"),
    ];
    for (name, q) in queries {
        let mut times = Vec::new();
        let mut n = 0;
        for _ in 0..30 {
            let start = Instant::now();
            n = search::search(store.conn(), q, 50).unwrap().len();
            times.push(start.elapsed());
        }
        println!(
            "  search {name:<10} {q:<18} {:>10}  ({n} hits)",
            ms(median(times))
        );
    }

    // Every command needs a login: one `baomi login`, then the commands run on its session (a
    // private runtime directory of the bench's own, as `$XDG_RUNTIME_DIR` is a user's).
    let runtime = tempfile::tempdir().unwrap();
    let out = Command::new(&bin)
        .env_clear()
        .env("XDG_RUNTIME_DIR", runtime.path())
        .env("BAOMI_USER", "liqiang")
        .env("BAOMI_PASSWORD", "Baomi@2026-li")
        .args(["--db", db.to_str().unwrap(), "login"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Whole process, with a session, against the raw SQLite full-text query.
    let whole = process(15, || {
        let mut c = Command::new(&bin);
        c.env_clear().env("XDG_RUNTIME_DIR", runtime.path()).args([
            "--db",
            db.to_str().unwrap(),
            "search",
            "保密自查",
            "--format",
            "json",
        ]);
        c
    });
    let raw = if Command::new("sqlite3").arg("-version").output().is_ok() {
        Some(process(15, || {
            let mut c = Command::new("sqlite3");
            c.arg(&db).arg(
                // Every kind of carrier, as `baomi search` looks: the papers' index and the
                // records' (media, computers, devices).
                "SELECT p.no, p.title FROM paper p WHERE p.id IN (SELECT rowid FROM paper_fts WHERE paper_fts MATCH '\"保密自查\"' ORDER BY rowid DESC LIMIT 50);
                 SELECT r.no, r.data FROM record r WHERE r.id IN (SELECT rowid FROM record_fts WHERE record_fts MATCH '\"保密自查\"' LIMIT 50);",
            );
            c
        }))
    } else {
        None
    };
    println!(
        "  baomi search 保密自查 (whole process) {}   raw sqlite3 FTS query {}",
        ms(whole),
        raw.map(ms).unwrap_or_else(|| "（无 sqlite3）".into())
    );

    // The due list, whole process.
    let due = process(10, || {
        let mut c = Command::new(&bin);
        c.env_clear().env("XDG_RUNTIME_DIR", runtime.path()).args([
            "--db",
            db.to_str().unwrap(),
            "--today",
            TODAY,
            "due",
            "--format",
            "json",
        ]);
        c
    });
    println!("  baomi due --format json (whole process) {}", ms(due));
    yearbook(&bin, &db, runtime.path());
    export(&bin, &db, runtime.path());
    import(&bin, &db, rows);

    // The TUI through the TestBackend: first frame, home, key presses.
    let start = Instant::now();
    let store = Store::open(&db, OpenMode::Existing).unwrap();
    let mut h = Harness::new(store, ymd(2026, 11, 27), 80, 24);
    println!("  open + first frame (login) {}", ms(start.elapsed()));
    h.login("liqiang", "Baomi@2026-li");
    h.key(KeyCode::Char('2'));
    // The due list is read after the key's own frame (an idle task): both times are shown.
    let start = Instant::now();
    let t = h.key_to_frame(KeyCode::Char('1'));
    println!(
        "  home screen (待办): key to first frame {}, the due list shown after {}",
        ms(t),
        ms(start.elapsed())
    );
    let start = Instant::now();
    let t = h.key_to_frame(KeyCode::Char('2'));
    println!(
        "  ledger: key to first frame {}, with the total counted after it {}",
        ms(t),
        ms(start.elapsed())
    );
    let mut times = Vec::new();
    for _ in 0..300 {
        times.push(h.key_to_frame(KeyCode::Down));
    }
    println!(
        "  ledger Down key → frame, median {} max {}",
        ms(median(times.clone())),
        ms(*times.iter().max().unwrap())
    );
    let mut times = Vec::new();
    for _ in 0..50 {
        times.push(h.key_to_frame(KeyCode::PageDown));
    }
    println!(
        "  ledger PgDn → frame, median {} max {}",
        ms(median(times.clone())),
        ms(*times.iter().max().unwrap())
    );
    println!(
        "  ledger End (last page of all) {}",
        ms(h.key_to_frame(KeyCode::End))
    );
    h.key(KeyCode::Char('/'));
    // The search runs after the key's own frame (an idle task): both times are shown.
    let (mut times, mut results) = (Vec::new(), Vec::new());
    for c in "bmzc".chars().chain("保密自查".chars()) {
        let start = Instant::now();
        times.push(h.key_to_frame(KeyCode::Char(c)));
        results.push(start.elapsed());
    }
    println!(
        "  search overlay keystroke → frame, median {} max {}; → results frame, median {} max {}",
        ms(median(times.clone())),
        ms(*times.iter().max().unwrap()),
        ms(median(results.clone())),
        ms(*results.iter().max().unwrap())
    );
    println!(
        "  peak memory of this process so far {} MB",
        peak_rss_kb() / 1024
    );
}

/// Exports of the whole ledger to /dev/null (whole process): seconds and peak memory, beside
/// sqlite3 writing the same table as CSV. Memory is read by /usr/bin/time when it is there.
fn export(bin: &Path, db: &Path, runtime: &Path) {
    let timed = |program: &Path, args: &[&str]| -> String {
        let time = Path::new("/usr/bin/time");
        let mut c = if time.exists() {
            let mut c = Command::new(time);
            c.args(["-f", "%e %M"]).arg(program);
            c
        } else {
            Command::new(program)
        };
        c.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("XDG_RUNTIME_DIR", runtime)
            .args(args)
            .stdout(std::process::Stdio::null());
        let start = Instant::now();
        let out = c.output().unwrap();
        let took = start.elapsed();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{err}");
        let rss = err
            .lines()
            .last()
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<u64>().ok())
            .map(|kb| format!(", peak {} MB", kb / 1024))
            .unwrap_or_default();
        format!("{:.2} s{rss}", took.as_secs_f64())
    };
    let db_arg = db.to_str().unwrap();
    for format in ["csv", "json", "xlsx"] {
        println!(
            "  baomi export papers --format {format} > /dev/null: {}",
            timed(
                bin,
                &["--db", db_arg, "export", "papers", "--format", format]
            )
        );
    }
    if Command::new("sqlite3").arg("-version").output().is_ok() {
        println!(
            "  sqlite3 -csv db 'SELECT * FROM paper' > /dev/null: {}",
            timed(
                Path::new("sqlite3"),
                &["-csv", db_arg, "SELECT * FROM paper"]
            )
        );
    }
}

/// CSV import of 100,000 rows into a copy of the database (whole process, all or nothing), beside
/// sqlite3's own `.import` of the same file plus a trigram index over the titles, when sqlite3 is
/// on the machine.
fn import(bin: &Path, db: &Path, rows: usize) {
    let dir = tempfile_dir();
    let csv = dir.join("import.csv");
    let mut text = String::from("标题,来文单位,密级,收文日期,份数\n");
    for i in 0..100_000 {
        text.push_str(&format!(
            "关于做好第{i}项保密工作的通知,市委办公室,秘密,2026-{:02}-{:02},{}\n",
            1 + i % 10,
            1 + i % 28,
            1 + i % 3
        ));
    }
    std::fs::write(&csv, text).unwrap();
    let copy = dir.join("copy.db");
    let _ = std::fs::remove_file(&copy);
    let source = Store::open(db, OpenMode::Existing).unwrap();
    source
        .conn()
        .execute("VACUUM INTO ?1", [copy.to_str().unwrap()])
        .unwrap();
    drop(source);
    std::fs::copy(
        baomi::store::head::path(db),
        baomi::store::head::path(&copy),
    )
    .unwrap();
    let start = Instant::now();
    let out = Command::new(bin)
        .env_clear()
        .env("BAOMI_USER", "liqiang")
        .env("BAOMI_PASSWORD", "Baomi@2026-li")
        .args([
            "--db",
            copy.to_str().unwrap(),
            "--today",
            TODAY,
            "import",
            "papers",
        ])
        .arg(&csv)
        .output()
        .unwrap();
    let took = start.elapsed();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let raw = dir.join("raw.db");
    let _ = std::fs::remove_file(&raw);
    let start = Instant::now();
    let sqlite3 = Command::new("sqlite3")
        .arg(&raw)
        .args([
            ".mode csv",
            &format!(".import {} t", csv.display()),
            "CREATE VIRTUAL TABLE f USING fts5(title, tokenize='trigram');",
            "INSERT INTO f (rowid, title) SELECT rowid, 标题 FROM t;",
        ])
        .output();
    let raw_took = start.elapsed();
    match sqlite3 {
        Ok(o) if o.status.success() => println!(
            "  import 100,000 rows into {rows} (whole process) {}  (sqlite3 .import + FTS {}, {:.1}×)",
            ms(took),
            ms(raw_took),
            took.as_secs_f64() / raw_took.as_secs_f64()
        ),
        _ => println!(
            "  import 100,000 rows into {rows} (whole process) {}",
            ms(took)
        ),
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The yearly ledger set of this year as PDF (bar: 10,000 papers in the year under 3 s), whole
/// process, with its page count from the program's own report.
fn yearbook(bin: &Path, db: &Path, runtime: &Path) {
    let out = tempfile_dir().join("yearbook.pdf");
    let run = || {
        let mut c = Command::new(bin);
        c.env_clear().env("XDG_RUNTIME_DIR", runtime).args([
            "--db",
            db.to_str().unwrap(),
            "--today",
            TODAY,
            "yearbook",
            "--year",
            &TODAY[..4],
            "--force",
            "--out",
            out.to_str().unwrap(),
        ]);
        c
    };
    let said = run().output().unwrap();
    let words = String::from_utf8_lossy(&said.stderr).to_string();
    if !said.status.success() {
        println!("  baomi yearbook: {}", words.trim());
        return;
    }
    let conn = rusqlite::Connection::open(db).unwrap();
    let papers: i64 = conn
        .query_row(
            "SELECT count(*) FROM paper WHERE year = ?1",
            [&TODAY[..4]],
            |r| r.get(0),
        )
        .unwrap();
    let pages = words
        .split("共")
        .nth(1)
        .and_then(|w| w.split('页').next())
        .unwrap_or("?")
        .to_string();
    let time = process(3, run);
    println!(
        "  baomi yearbook --year {} (PDF, {papers} papers in the year, {pages} pages) {}",
        &TODAY[..4],
        ms(time)
    );
}

fn tempfile_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-dbs/import");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn main() {
    // `cargo bench` passes --bench; nothing else is read from the arguments.
    let rows: Vec<usize> = match std::env::var("BAOMI_BENCH_ROWS") {
        Ok(v) => v.split(',').filter_map(|n| n.trim().parse().ok()).collect(),
        Err(_) => vec![10_000, 100_000],
    };
    for n in rows {
        bench(n);
    }
}
