//! Carriers (载体): their kinds, the states a paper passes through, the events that move it, and the
//! state machine that derives the state from the events (R-PAP-25, R-INC-4).

use std::fmt;

use serde::{Serialize, Serializer};

use super::error::{Checked, Refusal};

/// 载体 kinds. Papers are kept now; media, computers and devices join through the same index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CarrierKind {
    Paper,
    Medium,
    Computer,
    Device,
}

impl CarrierKind {
    pub fn code(self) -> &'static str {
        match self {
            CarrierKind::Paper => "paper",
            CarrierKind::Medium => "medium",
            CarrierKind::Computer => "computer",
            CarrierKind::Device => "device",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            CarrierKind::Paper => "纸介质密件",
            CarrierKind::Medium => "移动存储介质",
            CarrierKind::Computer => "计算机",
            CarrierKind::Device => "办公自动化设备",
        }
    }
}

/// Where a paper stands. The first four are held by the unit; the next four are closed; 遗失 waits
/// to be found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PaperState {
    InStock,
    Circulating,
    OnLoan,
    TakenOut,
    Returned,
    Archived,
    HandedOver,
    Destroyed,
    Lost,
}

impl PaperState {
    pub const ALL: [PaperState; 9] = [
        PaperState::InStock,
        PaperState::Circulating,
        PaperState::OnLoan,
        PaperState::TakenOut,
        PaperState::Returned,
        PaperState::Archived,
        PaperState::HandedOver,
        PaperState::Destroyed,
        PaperState::Lost,
    ];
    pub const HELD: [PaperState; 4] = [
        PaperState::InStock,
        PaperState::Circulating,
        PaperState::OnLoan,
        PaperState::TakenOut,
    ];

    pub fn name(self) -> &'static str {
        match self {
            PaperState::InStock => "在册",
            PaperState::Circulating => "传阅中",
            PaperState::OnLoan => "借出",
            PaperState::TakenOut => "携带外出",
            PaperState::Returned => "已清退",
            PaperState::Archived => "已归档",
            PaperState::HandedOver => "已移交",
            PaperState::Destroyed => "已销毁",
            PaperState::Lost => "遗失",
        }
    }

    /// The code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            PaperState::InStock => "in_stock",
            PaperState::Circulating => "circulating",
            PaperState::OnLoan => "on_loan",
            PaperState::TakenOut => "taken_out",
            PaperState::Returned => "returned",
            PaperState::Archived => "archived",
            PaperState::HandedOver => "handed_over",
            PaperState::Destroyed => "destroyed",
            PaperState::Lost => "lost",
        }
    }

    pub fn from_code(code: &str) -> Option<PaperState> {
        PaperState::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Reads the Chinese name or the code.
    pub fn parse(s: &str) -> Option<PaperState> {
        let s = s.trim();
        PaperState::ALL
            .into_iter()
            .find(|st| st.name() == s || st.code() == s)
    }

    /// Returned, archived, handed over or destroyed: accepts no event (R-PAP-25) and is never due.
    pub fn is_closed(self) -> bool {
        matches!(
            self,
            PaperState::Returned
                | PaperState::Archived
                | PaperState::HandedOver
                | PaperState::Destroyed
        )
    }

    /// Still the unit's responsibility: counted, checked and cleared.
    pub fn is_held(self) -> bool {
        PaperState::HELD.contains(&self)
    }

    /// Out of the cabinet with a person.
    pub fn is_out(self) -> bool {
        matches!(
            self,
            PaperState::Circulating | PaperState::OnLoan | PaperState::TakenOut
        )
    }
}

impl fmt::Display for PaperState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for PaperState {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// What can happen to a paper, in the document's order of procedures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventKind {
    Make,
    Receive,
    Send,
    Transfer,
    Circulate,
    CirculateBack,
    Loan,
    LoanBack,
    TakeOut,
    TakeBack,
    Count,
    Check,
    Return,
    Archive,
    Extend,
    HandOver,
    Copy,
    Compile,
    Review,
    Destroy,
    Lost,
    Found,
    /// R-CLS-2: the knowledge scope set or changed by the leader's instruction (批示).
    Scope,
    /// 发放: a secrecy notebook registered in a person's hands (R-PAP-26).
    Issue,
    /// 交回: a notebook handed in to the secrecy room when used up (R-PAP-26).
    HandIn,
    /// 会议分发: issued to a classified meeting's attendees at its venue (R-MTG-1).
    MeetingIssue,
    /// 会议收回: collected at the meeting's end (R-MTG-1).
    MeetingCollect,
}

impl EventKind {
    pub const ALL: [EventKind; 27] = [
        EventKind::Make,
        EventKind::Receive,
        EventKind::Send,
        EventKind::Transfer,
        EventKind::Circulate,
        EventKind::CirculateBack,
        EventKind::Loan,
        EventKind::LoanBack,
        EventKind::TakeOut,
        EventKind::TakeBack,
        EventKind::Count,
        EventKind::Check,
        EventKind::Return,
        EventKind::Archive,
        EventKind::Extend,
        EventKind::HandOver,
        EventKind::Copy,
        EventKind::Compile,
        EventKind::Review,
        EventKind::Destroy,
        EventKind::Lost,
        EventKind::Found,
        EventKind::Scope,
        EventKind::Issue,
        EventKind::HandIn,
        EventKind::MeetingIssue,
        EventKind::MeetingCollect,
    ];

    pub fn name(self) -> &'static str {
        match self {
            EventKind::Make => "制作",
            EventKind::Receive => "收文",
            EventKind::Send => "发文",
            EventKind::Transfer => "传递",
            EventKind::Circulate => "传阅",
            EventKind::CirculateBack => "传阅交回",
            EventKind::Loan => "借阅",
            EventKind::LoanBack => "归还",
            EventKind::TakeOut => "携带外出",
            EventKind::TakeBack => "带回",
            EventKind::Count => "清点",
            EventKind::Check => "核查",
            EventKind::Return => "清退",
            EventKind::Archive => "归档",
            EventKind::Extend => "延长使用",
            EventKind::HandOver => "移交",
            EventKind::Copy => "复印",
            EventKind::Compile => "汇编",
            EventKind::Review => "解密审查",
            EventKind::Destroy => "销毁",
            EventKind::Lost => "遗失",
            EventKind::Found => "找回",
            EventKind::Scope => "确定知悉范围",
            EventKind::Issue => "发放",
            EventKind::HandIn => "交回",
            EventKind::MeetingIssue => "会议分发",
            EventKind::MeetingCollect => "会议收回",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            EventKind::Make => "make",
            EventKind::Receive => "receive",
            EventKind::Send => "send",
            EventKind::Transfer => "transfer",
            EventKind::Circulate => "circulate",
            EventKind::CirculateBack => "circulate_back",
            EventKind::Loan => "loan",
            EventKind::LoanBack => "loan_back",
            EventKind::TakeOut => "take_out",
            EventKind::TakeBack => "take_back",
            EventKind::Count => "count",
            EventKind::Check => "check",
            EventKind::Return => "return",
            EventKind::Archive => "archive",
            EventKind::Extend => "extend",
            EventKind::HandOver => "hand_over",
            EventKind::Copy => "copy",
            EventKind::Compile => "compile",
            EventKind::Review => "review",
            EventKind::Destroy => "destroy",
            EventKind::Lost => "lost",
            EventKind::Found => "found",
            EventKind::Scope => "scope",
            EventKind::Issue => "issue",
            EventKind::HandIn => "hand_in",
            EventKind::MeetingIssue => "meeting_issue",
            EventKind::MeetingCollect => "meeting_collect",
        }
    }

    pub fn from_code(code: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Events that register a new paper; they come first and only once.
    pub fn is_origin(self) -> bool {
        matches!(
            self,
            EventKind::Make | EventKind::Receive | EventKind::Issue
        )
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The state machine. `state` is `None` before the paper exists. Returns the state after `event`,
/// or the rule that forbids it.
pub fn next_state(state: Option<PaperState>, event: EventKind) -> Checked<PaperState> {
    use EventKind as E;
    use PaperState as S;
    let Some(state) = state else {
        return match event {
            // A copy or a compilation is a carrier of its own from its first event (R-PAP-20).
            E::Make | E::Receive | E::Copy | E::Compile => Ok(S::InStock),
            // R-PAP-26: a notebook starts in the hands of the person it is issued to.
            E::Issue => Ok(S::OnLoan),
            other => Err(Refusal::rule(
                "R-PAP-3",
                format!("密件须先登记（收文或制作）才能{}", other.name()),
            )),
        };
    };
    if event.is_origin() {
        return Err(Refusal::rule("R-PAP-4", "该密件已登记，不能重复登记"));
    }
    // R-PAP-25: a closed paper accepts nothing.
    if state.is_closed() {
        return Err(Refusal::rule(
            "R-PAP-25",
            format!("该密件{}，不能再{}", state.name(), event.name()),
        ));
    }
    // R-INC-4: a lost paper can only be found.
    if state == S::Lost {
        return if event == E::Found {
            Ok(S::InStock)
        } else {
            Err(Refusal::rule(
                "R-INC-4",
                format!("该密件已报遗失，只能办理找回，不能{}", event.name()),
            ))
        };
    }
    match event {
        // Records that do not move the paper: allowed wherever it is held.
        E::Count | E::Check | E::Extend | E::Review | E::Scope => Ok(state),
        E::Lost => Ok(S::Lost),
        E::Found => Err(Refusal::rule("R-INC-4", "该密件未报遗失，无需找回")),
        E::CirculateBack => back(state, S::Circulating, "R-PAP-7", "该密件不在传阅中"),
        E::LoanBack => back(state, S::OnLoan, "R-PAP-9", "该密件未借出"),
        E::TakeBack => back(state, S::TakenOut, "R-PAP-11", "该密件未携带外出"),
        E::HandIn => back(state, S::OnLoan, "R-PAP-26", "该笔记本不在领用人手中"),
        // R-MTG-1: a paper at a meeting is with its attendees, out of the cabinet like one read.
        E::MeetingCollect => back(state, S::Circulating, "R-MTG-1", "该密件未分发到会议"),
        // R-PAP-7: always back to the officer between readers, never reader to reader.
        E::Circulate if state == S::Circulating => Err(Refusal::rule(
            "R-PAP-7",
            "传阅须直传：上一位阅读人交回保密员后才能传给下一位",
        )),
        // Everything else starts from the cabinet.
        _ if state != S::InStock => Err(Refusal::rule(
            "R-PAP-10",
            format!(
                "该密件当前{}，须先收回保密柜才能{}",
                state.name(),
                event.name()
            ),
        )),
        E::Circulate | E::MeetingIssue => Ok(S::Circulating),
        E::Loan => Ok(S::OnLoan),
        E::TakeOut => Ok(S::TakenOut),
        E::Return => Ok(S::Returned),
        E::Archive => Ok(S::Archived),
        E::HandOver => Ok(S::HandedOver),
        E::Destroy => Ok(S::Destroyed),
        E::Send | E::Transfer | E::Copy | E::Compile => Ok(S::InStock),
        E::Make | E::Receive | E::Issue => Err(Refusal::rule("R-PAP-4", "该密件已登记")),
    }
}

fn back(
    state: PaperState,
    expected: PaperState,
    rule: &'static str,
    msg: &str,
) -> Checked<PaperState> {
    if state == expected {
        Ok(PaperState::InStock)
    } else {
        Err(Refusal::rule(
            rule,
            format!("{msg}（当前{}）", state.name()),
        ))
    }
}

/// Derives the state from the whole history, as the store caches it.
pub fn derive_state(events: impl IntoIterator<Item = EventKind>) -> Checked<PaperState> {
    let mut state = None;
    for e in events {
        state = Some(next_state(state, e)?);
    }
    state.ok_or_else(|| Refusal::rule("R-PAP-3", "没有登记记录"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use EventKind as E;
    use PaperState as S;

    #[test]
    fn a_paper_from_receipt_to_destruction() {
        let s = derive_state([
            E::Receive,
            E::Circulate,
            E::CirculateBack,
            E::Loan,
            E::LoanBack,
            E::TakeOut,
            E::TakeBack,
            E::Count,
            E::Check,
            E::Copy,
            E::Extend,
            E::Destroy,
        ]);
        assert_eq!(s, Ok(S::Destroyed));
    }

    // R-PAP-25: no event after return, hand-over, archive or destruction.
    #[test]
    fn r_pap_25_closed_papers_accept_nothing() {
        for closed in [S::Returned, S::Archived, S::HandedOver, S::Destroyed] {
            for e in EventKind::ALL {
                let r = next_state(Some(closed), e);
                let id = r.unwrap_err().rule_id();
                assert!(
                    id == Some("R-PAP-25") || id == Some("R-PAP-4"),
                    "{closed:?} {e:?}"
                );
            }
        }
        let e = next_state(Some(S::Destroyed), E::Loan).unwrap_err();
        assert_eq!(e.rule_id(), Some("R-PAP-25"));
        assert!(e.to_string().contains("已销毁"));
    }

    // R-INC-4: a lost paper accepts only 找回.
    #[test]
    fn r_inc_4_lost_paper_only_found() {
        for e in EventKind::ALL {
            let r = next_state(Some(S::Lost), e);
            if e == E::Found {
                assert_eq!(r, Ok(S::InStock));
            } else {
                assert!(r.is_err(), "{e:?}");
            }
        }
        assert_eq!(
            next_state(Some(S::Lost), E::Loan).unwrap_err().rule_id(),
            Some("R-INC-4")
        );
    }

    // R-PAP-7: circulation goes back to the officer between readers.
    #[test]
    fn r_pap_7_no_reader_to_reader() {
        let e = next_state(Some(S::Circulating), E::Circulate).unwrap_err();
        assert_eq!(e.rule_id(), Some("R-PAP-7"));
        assert_eq!(
            next_state(Some(S::Circulating), E::CirculateBack),
            Ok(S::InStock)
        );
    }

    #[test]
    fn every_transition_from_every_state() {
        // The full table: (state, event) → Ok(next) or a refusal naming a rule.
        for s in PaperState::ALL {
            for e in EventKind::ALL {
                match next_state(Some(s), e) {
                    Ok(n) => {
                        assert!(!s.is_closed());
                        match e {
                            E::Count | E::Check | E::Extend | E::Review | E::Scope => {
                                assert_eq!(n, s)
                            }
                            E::Lost => assert_eq!(n, S::Lost),
                            E::CirculateBack
                            | E::LoanBack
                            | E::TakeBack
                            | E::Found
                            | E::HandIn
                            | E::MeetingCollect => {
                                assert_eq!(n, S::InStock)
                            }
                            _ => assert_eq!(s, S::InStock, "{e:?} from {s:?}"),
                        }
                    }
                    Err(r) => assert!(r.rule_id().is_some(), "{s:?} {e:?}"),
                }
            }
        }
        assert_eq!(
            next_state(None, E::Loan).unwrap_err().rule_id(),
            Some("R-PAP-3")
        );
        assert_eq!(next_state(None, E::Receive), Ok(S::InStock));
        assert_eq!(
            next_state(Some(S::OnLoan), E::TakeOut)
                .unwrap_err()
                .rule_id(),
            Some("R-PAP-10")
        );
        assert_eq!(
            next_state(Some(S::InStock), E::LoanBack)
                .unwrap_err()
                .rule_id(),
            Some("R-PAP-9")
        );
        assert_eq!(
            next_state(Some(S::InStock), E::TakeBack)
                .unwrap_err()
                .rule_id(),
            Some("R-PAP-11")
        );
    }

    #[test]
    fn codes_round_trip() {
        for s in PaperState::ALL {
            assert_eq!(PaperState::from_code(s.code()), Some(s));
            assert_eq!(PaperState::parse(s.name()), Some(s));
        }
        for e in EventKind::ALL {
            assert_eq!(EventKind::from_code(e.code()), Some(e));
        }
    }
}
