//! Quick search by every handle an officer would type, closed carriers included, at any width.

mod common;

use baomi::domain::paper::ReceiveForm;
use baomi::store::Store;
use baomi::store::papers;
use baomi::store::search::search;
use common::*;

fn add(
    s: &mut Store,
    title: &str,
    from: &str,
    doc_no: &str,
    holder: &str,
    location: &str,
) -> String {
    let f = ReceiveForm {
        title: title.into(),
        originator: from.into(),
        doc_no: doc_no.into(),
        level: "秘密".into(),
        date: "2026-11-20".into(),
        holder: holder.into(),
        location: location.into(),
        ..ReceiveForm::default()
    };
    let r = f.parse(today()).unwrap();
    s.change(&officer(), |c| papers::receive(c, &r, "{年}-收-{序号:04}"))
        .unwrap()
        .no
}

fn subjects(s: &Store, q: &str) -> Vec<String> {
    search(s.conn(), q, 50)
        .unwrap()
        .into_iter()
        .map(|h| h.subject)
        .collect()
}

fn fixture() -> (tempfile::TempDir, Store, Vec<String>) {
    let (d, mut s) = demo();
    // R-PAP-10: the cabinets the fixture's papers go into are registered first.
    for no in ["6号保密柜", "7号保密柜", "8号保密柜"] {
        s.change(&officer(), |c| {
            baomi::store::cabinets::add(
                c,
                &baomi::domain::cabinet::CabinetForm {
                    no: no.into(),
                    room: "档案室".into(),
                    certified: true,
                    ..Default::default()
                },
            )
        })
        .unwrap();
    }
    let nos = vec![
        add(
            &mut s,
            "关于开展保密自查工作的通知",
            "市保密局",
            "江保密〔2026〕31号",
            "陈静",
            "6号保密柜",
        ),
        add(
            &mut s,
            "重庆市对口支援项目进展情况",
            "重庆市发展和改革委员会",
            "渝发改〔2026〕7号",
            "杨帆",
            "6号保密柜",
        ),
        add(
            &mut s,
            "人民银行反洗钱检查通报",
            "人民银行江门市分行",
            "江银发[2026]12号",
            "杨帆",
            "7号保密柜",
        ),
        add(
            &mut s,
            "长期规划（草案）",
            "市发展和改革局",
            "江发改（2026）3号",
            "吴婷",
            "7号保密柜",
        ),
        add(
            &mut s,
            "U盘管理\"专项\"检查 AND 整改-方案 (试行)*",
            "市委网信办",
            "",
            "徐明",
            "8号保密柜",
        ),
    ];
    (d, s, nos)
}

#[test]
fn by_receipt_number_whole_prefix_and_part() {
    let (_d, s, nos) = fixture();
    assert_eq!(subjects(&s, &nos[0])[0], nos[0], "exact number first");
    let tail = &nos[0][nos[0].len() - 4..];
    assert!(
        subjects(&s, tail).contains(&nos[0]),
        "a part of the number: {tail}"
    );
    let full_width: String = nos[0]
        .chars()
        .map(|c| {
            if c.is_ascii_digit() {
                char::from_u32(c as u32 + 0xFEE0).unwrap()
            } else if c == '-' {
                '－'
            } else {
                c
            }
        })
        .collect();
    assert_eq!(subjects(&s, &full_width)[0], nos[0], "full-width digits");
}

#[test]
fn by_document_number_in_any_bracket() {
    let (_d, s, nos) = fixture();
    for q in [
        "江保密〔2026〕31号",
        "江保密[2026]31号",
        "江保密(2026)31号",
        "江保密（２０２６）３１号",
    ] {
        assert_eq!(subjects(&s, q).first(), Some(&nos[0]), "{q}");
    }
    assert_eq!(subjects(&s, "江银发〔2026〕12号").first(), Some(&nos[2]));
    assert_eq!(subjects(&s, "江发改[2026]3号").first(), Some(&nos[3]));
}

#[test]
fn by_title_words_of_two_and_more_characters() {
    let (_d, s, nos) = fixture();
    assert!(
        subjects(&s, "自查").contains(&nos[0]),
        "two characters go to LIKE"
    );
    assert!(
        subjects(&s, "保密自查").contains(&nos[0]),
        "four go to the trigram index"
    );
    assert!(subjects(&s, "洗钱").contains(&nos[2]));
    assert!(!subjects(&s, "洗").is_empty(), "one character works too");
}

#[test]
fn by_originator_holder_and_cabinet() {
    let (_d, s, nos) = fixture();
    assert!(subjects(&s, "网信办").contains(&nos[4]));
    assert!(subjects(&s, "杨帆").contains(&nos[1]) && subjects(&s, "杨帆").contains(&nos[2]));
    let cabinet = subjects(&s, "7号保密柜");
    assert!(cabinet.contains(&nos[2]) && cabinet.contains(&nos[3]));
}

#[test]
fn by_pinyin_initials_with_every_reading() {
    let (_d, s, nos) = fixture();
    assert!(subjects(&s, "bmzc").contains(&nos[0]), "bmzc → 保密自查");
    assert!(subjects(&s, "BMZC").contains(&nos[0]), "upper case too");
    assert!(subjects(&s, "cqs").contains(&nos[1]), "重庆市 by chóng");
    assert!(
        subjects(&s, "yh").contains(&nos[2]),
        "银行 by háng, two letters"
    );
    assert!(subjects(&s, "rmyh").contains(&nos[2]));
    assert!(subjects(&s, "cqgh").contains(&nos[3]), "长期 by cháng");
}

#[test]
fn closed_carriers_are_found_with_their_final_state() {
    let (_d, s, _) = fixture();
    let closed: String = s
        .conn()
        .query_row(
            "SELECT no FROM paper WHERE state = 'destroyed' LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let hits = search(s.conn(), &closed, 5).unwrap();
    assert_eq!(hits[0].subject, closed);
    assert_eq!(hits[0].state.name(), "已销毁");
}

#[test]
fn query_syntax_typed_by_a_user_is_plain_text() {
    let (_d, s, nos) = fixture();
    for q in [
        "\"",
        "*",
        "AND",
        "-",
        "(",
        "\"专项\"",
        "AND 整改",
        "整改-方案",
        "(试行)*",
        "%",
        "_",
        "\\",
        "''",
        "NEAR(",
        "title:x",
    ] {
        let r = search(s.conn(), q, 10);
        assert!(r.is_ok(), "{q}: {r:?}");
    }
    assert!(subjects(&s, "\"专项\"").contains(&nos[4]));
    assert!(subjects(&s, "整改-方案").contains(&nos[4]));
    assert!(subjects(&s, "(试行)*").contains(&nos[4]));
    assert!(subjects(&s, "没有这种标题").is_empty());
    assert!(subjects(&s, "   ").is_empty());
}

#[test]
fn renamed_titles_follow_in_the_index() {
    let (_d, s, nos) = fixture();
    s.conn()
        .execute(
            "UPDATE paper SET title = '全新标题测试' WHERE no = ?1",
            [&nos[0]],
        )
        .unwrap();
    assert!(subjects(&s, "全新标题").contains(&nos[0]));
    assert!(!subjects(&s, "保密自查").contains(&nos[0]));
}
