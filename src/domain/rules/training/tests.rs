use super::*;
use crate::domain::dates::ymd;
use crate::domain::rules::media::tests::values;

pub(crate) fn session(on: NaiveDate, hours: u32, attendees: &str) -> Record {
    Record {
        id: 1,
        spec: &SPEC,
        no: "2026-培-001".into(),
        state: "recorded",
        level: None,
        keeper: String::new(),
        holder: String::new(),
        registered_on: on,
        checked_on: None,
        values: values(&[
            ("topic", "保密法"),
            ("hours", &hours.to_string()),
            ("attendees", attendees),
        ]),
    }
}

pub(crate) fn person(no: &str, name: &str, grade: &str) -> Record {
    Record {
        id: 2,
        spec: &person::SPEC,
        no: no.into(),
        state: "on_post",
        level: None,
        keeper: String::new(),
        holder: String::new(),
        registered_on: ymd(2026, 1, 1),
        checked_on: None,
        values: values(&[("name", name), ("dept", "办公室"), ("grade", grade)]),
    }
}

// R-TRN-1: a session has hours within a day and attendees; nobody is both present and absent.
#[test]
fn r_trn_1_session_recorded_whole() {
    let today = ymd(2026, 11, 27);
    let ok = values(&[
        ("topic", "保密法"),
        ("hours", "4"),
        ("attendees", "李四、王五"),
        ("absent", "赵六"),
    ]);
    assert!(check_add(&ok, today).is_ok());
    for bad in [
        vec![("topic", "保密法"), ("hours", "0"), ("attendees", "李四")],
        vec![("topic", "保密法"), ("hours", "25"), ("attendees", "李四")],
        vec![("topic", "保密法"), ("hours", "2"), ("attendees", "、")],
        vec![
            ("topic", "保密法"),
            ("hours", "2"),
            ("attendees", "李四,王五"),
            ("absent", "王五"),
        ],
    ] {
        assert_eq!(
            check_add(&values(&bad), today).unwrap_err().rule_id(),
            Some("R-TRN-1"),
            "{bad:?}"
        );
    }
    // Attendees as officers write them: 、 or commas.
    let s = session(today, 2, "李四,王五，赵六");
    assert_eq!(attendees(&s), ["李四", "王五", "赵六"]);
}

// R-TRN-2: the hours before a post are those of the twelve months up to the day.
#[test]
fn r_trn_2_hours_of_the_last_twelve_months() {
    let sessions = [
        session(ymd(2025, 6, 1), 8, "王五"),
        session(ymd(2026, 3, 1), 8, "王五"),
        session(ymd(2026, 11, 20), 8, "王五"),
    ];
    assert_eq!(hours_before_post("王五", &sessions, ymd(2026, 11, 27)), 16);
    assert_eq!(hours_before_post("王五", &sessions, ymd(2026, 11, 19)), 8);
    assert_eq!(hours_before_post("李四", &sessions, ymd(2026, 11, 27)), 0);
}

// R-TRN-3: 核心 16 hours a year, 重要 and 一般 8; the table counts one calendar year only.
#[test]
fn r_trn_3_year_table() {
    let people = [
        person("RY-001", "李四", "核心"),
        person("RY-002", "王五", "一般"),
    ];
    let sessions = [
        session(ymd(2025, 12, 31), 8, "李四"),
        session(ymd(2026, 12, 31), 4, "王五"),
        session(ymd(2026, 1, 1), 8, "李四、王五"),
    ];
    let t = year_table(&people, &sessions, 2026);
    assert_eq!(
        t.iter()
            .map(|h| (h.name.as_str(), h.hours, h.required, h.short_by()))
            .collect::<Vec<_>>(),
        [("李四", 8, 16, 8), ("王五", 12, 8, 0)]
    );
    // A person's page says the year's hours and the shortfall.
    assert_eq!(t[0].said(), "8（应达 16，差 8 学时）");
    assert_eq!(t[1].said(), "12（应达 8，已达到）");
    // Who was registered after the year is not in its table.
    assert!(year_table(&people, &sessions, 2025).is_empty());
    assert_eq!(shortfall_year(ymd(2026, 10, 1), 10), 2026);
    assert_eq!(shortfall_year(ymd(2026, 9, 30), 10), 2025);
}

// R-TRN-4: a travel briefing is recorded as a session of its own form.
#[test]
fn r_trn_4_travel_briefing_is_a_form() {
    let f = SPEC.field("form").unwrap();
    assert_eq!(
        f.parse(TRAVEL_BRIEFING, ymd(2026, 11, 27)).unwrap(),
        Some(TRAVEL_BRIEFING.to_string())
    );
}
