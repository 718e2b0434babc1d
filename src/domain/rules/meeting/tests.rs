//! R-MTG-1…2, by rule ID.

use super::*;
use crate::domain::carrier::PaperState;
use crate::domain::dates::ymd;
use crate::domain::paper::Origin;
use crate::domain::rules::media::tests::values;

pub(crate) fn meeting(level: Level, attendees: &str) -> Record {
    Record {
        id: 7,
        spec: &SPEC,
        no: "2026-会-001".into(),
        state: "open",
        level: Some(level),
        keeper: "李强".into(),
        holder: String::new(),
        registered_on: ymd(2026, 11, 20),
        checked_on: None,
        values: values(&[
            ("title", "全市保密工作会议"),
            ("venue", "三楼保密会议室"),
            ("attendees", attendees),
        ]),
    }
}

fn paper(level: Level, scope: &[&str]) -> Paper {
    Paper {
        id: 1,
        no: "2026-收-0001".into(),
        origin: Origin::Received,
        registered_on: ymd(2026, 3, 2),
        year: 2026,
        originator: "市委办公室".into(),
        doc_no: String::new(),
        title: "关于做好保密自查工作的通知".into(),
        level,
        period: level.default_period(),
        period_from: ymd(2026, 3, 2),
        scope: scope.iter().map(|s| s.to_string()).collect(),
        copies: 1,
        copy_nos: String::new(),
        return_by: None,
        keep: true,
        cipher: false,
        no_copy: false,
        distribution: vec![],
        source_id: None,
        dispatch_no: None,
        keeper: "李强".into(),
        holder: "李强".into(),
        location: "1号柜".into(),
        state: PaperState::InStock,
        extended: false,
        extended_until: None,
        due_on: None,
    }
}

fn cx(on: NaiveDate) -> Context<'static> {
    Context {
        today: ymd(2026, 11, 27),
        on,
        unit: "江门市某某局",
        related: None,
        filing: false,
    }
}

// R-MTG-1: a meeting is classified, and its attendees are bounded.
#[test]
fn r_mtg_1_meeting_is_classified() {
    let today = ymd(2026, 11, 27);
    let ok = values(&[("title", "会"), ("venue", "会议室"), ("level", "机密")]);
    assert!(check_add(&ok, today).is_ok());
    let internal = values(&[("title", "会"), ("venue", "会议室"), ("level", "内部")]);
    assert_eq!(
        check_add(&internal, today).unwrap_err().field_name(),
        Some("密级")
    );
    // One more people than the bound (a name said twice would be one person).
    let many = (0..=LIST_COUNT_MAX)
        .map(|n| format!("某人{n}"))
        .collect::<Vec<_>>()
        .join("、");
    let crowd = values(&[("title", "会"), ("level", "秘密"), ("attendees", &many)]);
    assert!(check_add(&crowd, today).is_err());
}

// R-MTG-1: a paper issued to a meeting is within its level, and every attendee is in scope.
#[test]
fn r_mtg_1_issue_within_level_and_scope() {
    let m = meeting(Level::Secret, "张三、王五");
    let p = paper(Level::Secret, &["张三", "王五"]);
    assert!(check_issue(&m, &p, &[]).is_ok());
    let top = paper(Level::TopSecret, &["张三", "王五"]);
    let e = check_issue(&m, &top, &[]).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-MTG-1"));
    assert!(e.to_string().contains("绝密"));
    let narrow = paper(Level::Secret, &["张三"]);
    let e = check_issue(&m, &narrow, &[]).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-MTG-1"));
    assert!(e.to_string().contains("王五"), "{e}");
    // R-CLS-2 first: a 机密 paper without a scope is seen by nobody.
    let unscoped = paper(Level::Secret, &[]);
    assert_eq!(
        check_issue(&m, &unscoped, &[]).unwrap_err().rule_id(),
        Some("R-CLS-2")
    );
    let nobody = meeting(Level::Secret, "");
    assert_eq!(
        check_issue(&nobody, &p, &[]).unwrap_err().rule_id(),
        Some("R-MTG-1")
    );
    // The whole unit in scope lets any attendee read it.
    let all = paper(Level::Confidential, &["本单位"]);
    assert!(check_issue(&m, &all, &[]).is_ok());
}

// R-MTG-1: a 绝密 paper at a meeting never leaves the venue: no loan or take-out until collected,
// and it is collected by the meeting it went to.
#[test]
fn r_mtg_1_top_secret_stays_at_the_venue() {
    let mut p = paper(Level::TopSecret, &["张三"]);
    p.state = PaperState::Circulating;
    for kind in [
        EventKind::Loan,
        EventKind::TakeOut,
        EventKind::CirculateBack,
        EventKind::Send,
        EventKind::Destroy,
    ] {
        let e = check_paper_act(&p, kind, Some("2026-会-001"), None).unwrap_err();
        assert_eq!(e.rule_id(), Some("R-MTG-1"), "{kind:?}");
        assert!(e.to_string().contains("会址"), "{e}");
    }
    for kind in [EventKind::Count, EventKind::Check, EventKind::Lost] {
        assert!(check_paper_act(&p, kind, Some("2026-会-001"), None).is_ok());
    }
    let here = Some("2026-会-001");
    assert!(check_paper_act(&p, EventKind::MeetingCollect, here, here).is_ok());
    let e = check_paper_act(&p, EventKind::MeetingCollect, here, Some("2026-会-002"));
    assert_eq!(e.unwrap_err().rule_id(), Some("R-MTG-1"));
    // A paper read in ordinary circulation is not collected by a meeting.
    let e = check_paper_act(&p, EventKind::MeetingCollect, None, here).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-MTG-1"));
    // Nothing at a meeting: the other acts are the paper rules' business.
    assert!(check_paper_act(&p, EventKind::Loan, None, None).is_ok());
}

// R-MTG-1: the clearing check names every paper still out, and refuses what did not go out.
#[test]
fn r_mtg_1_clearing_names_the_missing() {
    let out: Vec<String> = ["A-1", "A-2", "A-3"].map(String::from).to_vec();
    let (back, missing) = clearing(&out, &["A-1".into(), "A-2".into()]).unwrap();
    assert_eq!(back, vec!["A-1", "A-2"]);
    assert_eq!(missing, vec!["A-3"]);
    let (_, all) = clearing(&out, &[]).unwrap();
    assert_eq!(all.len(), 3);
    let e = clearing(&out, &["B-9".into()]).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-MTG-1"));
    assert!(e.to_string().contains("B-9"));
    assert_eq!(
        merged("A-1、A-2", &["A-2".into(), "A-3".into()]),
        "A-1、A-2、A-3"
    );
    let twice = values(&[("papers", "A-1, A-1")]);
    assert!(paper_list(&twice).is_err());
    let full = values(&[("papers", "２０２６-收-０００１")]);
    assert_eq!(paper_list(&full).unwrap(), vec!["2026-收-0001"]);
}

// R-MTG-1: a meeting cleared takes no more papers; acts are not dated before the meeting.
#[test]
fn r_mtg_1_cleared_meeting_takes_no_more() {
    let mut m = meeting(Level::Secret, "张三");
    let issue = SPEC.act("issue").unwrap();
    let v = values(&[("papers", "2026-收-0001")]);
    assert!(check_act(&m, issue, &v, &cx(ymd(2026, 11, 20))).is_ok());
    assert!(check_act(&m, issue, &v, &cx(ymd(2026, 11, 19))).is_err());
    m.state = "cleared";
    let e = check_act(&m, issue, &v, &cx(ymd(2026, 11, 21))).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-MTG-1"));
}

// R-MTG-2: the press release waits for the secretariat's review, on or before the day.
#[test]
fn r_mtg_2_press_release_after_review() {
    let m = meeting(Level::Secret, "张三");
    let release = SPEC.act("release").unwrap();
    let review = SPEC.act("press-review").unwrap();
    let media = values(&[("media", "江门日报")]);
    let e = check_act(&m, release, &media, &cx(ymd(2026, 11, 21))).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-MTG-2"));
    assert!(e.to_string().contains("「新闻稿审核」"), "{e}");
    let opinion = values(&[
        ("reviewer", "陈秘书"),
        ("office", "办公室秘书科"),
        ("opinion", "同意发布"),
    ]);
    let out = check_act(&m, review, &opinion, &cx(ymd(2026, 11, 22))).unwrap();
    let mut reviewed = m.clone();
    out.apply(&mut reviewed);
    // Released before the review's day: refused.
    let e = check_act(&reviewed, release, &media, &cx(ymd(2026, 11, 21))).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-MTG-2"));
    let done = check_act(&reviewed, release, &media, &cx(ymd(2026, 11, 22))).unwrap();
    assert_eq!(
        done.set.get("released_to").map(String::as_str),
        Some("江门日报")
    );
    reviewed
        .values
        .insert("press_opinion".into(), "不同意发布".into());
    let e = check_act(&reviewed, release, &media, &cx(ymd(2026, 11, 23))).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-MTG-2"));
}

// R-PAP-8: a 绝密 paper issued at a meeting has its time; others need none.
#[test]
fn r_pap_8_top_secret_issue_is_timed() {
    let top = paper(Level::TopSecret, &["张三"]);
    assert_eq!(check_time(&top, "").unwrap_err().rule_id(), Some("R-PAP-8"));
    assert!(check_time(&top, "09:30").is_ok());
    assert!(check_time(&paper(Level::Secret, &["张三"]), "").is_ok());
}

// R-MTG-1 (第三条): a meeting registered before its day waits as 待召开; nothing is issued or
// recorded before its day, naming the rule; on its day the papers are issued and it opens.
#[test]
fn r_mtg_1_a_meeting_registered_ahead_waits_for_its_day() {
    let today = ymd(2026, 11, 27);
    assert_eq!(first_state(today, today), Ok("open"));
    assert_eq!(first_state(ymd(2026, 12, 3), today), Ok("planned"));
    assert!(first_state(ymd(2101, 1, 1), today).is_err());
    let mut m = meeting(Level::Secret, "郭涛");
    m.state = "planned";
    m.registered_on = ymd(2026, 12, 3);
    let issue = SPEC.act("issue").unwrap();
    let v = values(&[("papers", "2026-收-0001")]);
    let e = check_act(&m, issue, &v, &cx(ymd(2026, 12, 2))).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-MTG-1"));
    assert!(e.to_string().contains("待召开"), "{e}");
    let out = check_act(&m, issue, &v, &cx(ymd(2026, 12, 3))).unwrap();
    assert_eq!(out.state, Some("open"));
}

// R-MTG-1: the collection's form names the papers still out (issued, not brought back), so the
// officer ticks them off; none out is said so.
#[test]
fn r_mtg_1_the_collection_names_the_papers_still_out() {
    let mut m = meeting(Level::Secret, "张伟");
    assert_eq!(collect_note(&m), "没有已分发未收回的会议文件");
    m.values.insert(
        ISSUED.into(),
        "2026-收-0045、2026-收-0043、2026-收-0036".into(),
    );
    m.values.insert(COLLECTED.into(), "2026-收-0043".into());
    assert_eq!(outstanding(&m), ["2026-收-0045", "2026-收-0036"]);
    assert!(
        collect_note(&m).starts_with("已分发未收回 2 件：2026-收-0045、2026-收-0036；"),
        "{}",
        collect_note(&m)
    );
}
