use super::*;
use crate::domain::approval::RequestState;
use crate::domain::dates::ymd;
use crate::domain::level::Period;
use crate::domain::paper::{
    CompilePlan, CopyPlan, DestroyPlan, LoanPlan, MakePlan, Origin, TakeOutPlan,
};

fn granted(state: RequestState, plan: &Plan) -> crate::domain::approval::Granted<'_> {
    crate::domain::approval::Granted {
        state,
        plan,
        decided_on: None,
        expires_on: None,
    }
}

pub(super) fn paper(level: Level) -> Paper {
    Paper {
        id: 1,
        no: "2026-收-0001".into(),
        origin: Origin::Received,
        registered_on: ymd(2026, 3, 2),
        year: 2026,
        originator: "市委办公室".into(),
        doc_no: "江委办〔2026〕3号".into(),
        title: "关于做好保密自查工作的通知".into(),
        level,
        period: level.default_period(),
        period_from: ymd(2026, 3, 2),
        scope: vec!["办公室".into(), "张三".into()],
        copies: 1,
        copy_nos: String::new(),
        return_by: None,
        keep: true,
        cipher: false,
        no_copy: false,
        distribution: vec![],
        source_id: None,
        dispatch_no: None,
        keeper: "李保密".into(),
        holder: "李保密".into(),
        location: "1号柜".into(),
        state: PaperState::InStock,
        extended: false,
        extended_until: None,
        due_on: None,
    }
}

pub(super) fn act() -> Act {
    Act {
        on: ymd(2026, 4, 1),
        ..Act::default()
    }
}

// R-PAP-6: never by ordinary post or courier; 绝密 by hand needs two escorts.
#[test]
fn r_pap_6_transfer_channels() {
    let mut a = act();
    a.channel = "快递".into();
    assert_eq!(
        check_transfer(Level::Secret, &a).unwrap_err().rule_id(),
        Some("R-PAP-6")
    );
    a.channel = "普通邮政".into();
    assert_eq!(
        check_transfer(Level::Confidential, &a)
            .unwrap_err()
            .rule_id(),
        Some("R-PAP-6")
    );
    a.channel = "机要交通".into();
    assert!(check_transfer(Level::TopSecret, &a).is_ok());
    a.channel = "专人专车".into();
    assert_eq!(
        check_transfer(Level::TopSecret, &a).unwrap_err().rule_id(),
        Some("R-PAP-6")
    );
    a.persons = vec!["张三".into(), "张三".into()];
    assert!(check_transfer(Level::TopSecret, &a).is_err());
    a.persons = vec!["张三".into(), "李四".into()];
    assert!(check_transfer(Level::TopSecret, &a).is_ok());
    a.channel = "保密员专送".into();
    a.persons.clear();
    assert!(check_transfer(Level::Secret, &a).is_ok());
    a.channel = String::new();
    assert_eq!(
        check_transfer(Level::Secret, &a).unwrap_err().rule_id(),
        Some("R-PAP-6")
    );
}

// R-PAP-7: only within scope; R-PAP-8: 绝密 in the secrecy room, with the time taken.
#[test]
fn r_pap_7_and_8_circulation() {
    let rooms = vec!["保密室".to_string()];
    let ctx = ActContext {
        reading_rooms: &rooms,
        ..Default::default()
    };
    let p = paper(Level::Secret);
    let mut a = act();
    a.person = "王五".into();
    let e = check_event(&p, EventKind::Circulate, &a, &ctx).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-PAP-7"));
    a.unit = "办公室".into();
    assert_eq!(
        check_event(&p, EventKind::Circulate, &a, &ctx),
        Ok(PaperState::Circulating)
    );
    let mut unscoped = p.clone();
    unscoped.scope.clear();
    assert_eq!(
        check_event(&unscoped, EventKind::Circulate, &a, &ctx)
            .unwrap_err()
            .rule_id(),
        Some("R-PAP-7")
    );

    let top = paper(Level::TopSecret);
    let mut a = act();
    a.person = "张三".into();
    a.place = "会议室".into();
    a.at = "09:30".into();
    assert_eq!(
        check_event(&top, EventKind::Circulate, &a, &ctx)
            .unwrap_err()
            .rule_id(),
        Some("R-PAP-8")
    );
    a.place = "保密室".into();
    a.at.clear();
    assert_eq!(
        check_event(&top, EventKind::Circulate, &a, &ctx)
            .unwrap_err()
            .rule_id(),
        Some("R-PAP-8")
    );
    a.at = "09:30".into();
    assert!(check_event(&top, EventKind::Circulate, &a, &ctx).is_ok());
}

// R-PAP-9: no loan without an approved request for that paper.
#[test]
fn r_pap_9_loan_needs_approval() {
    let p = paper(Level::Secret);
    let mut a = act();
    a.person = "张三".into();
    let none = ActContext::default();
    assert_eq!(
        check_event(&p, EventKind::Loan, &a, &none)
            .unwrap_err()
            .rule_id(),
        Some("R-PAP-9")
    );
    let plan = Plan::Loan(LoanPlan {
        paper: p.no.clone(),
        borrower: "张三".into(),
        return_by: ymd(2026, 4, 10),
        purpose: String::new(),
    });
    let pending = ActContext {
        request: Some(granted(RequestState::Pending, &plan)),
        ..Default::default()
    };
    assert_eq!(
        check_event(&p, EventKind::Loan, &a, &pending)
            .unwrap_err()
            .rule_id(),
        Some("R-PAP-9")
    );
    let approved = ActContext {
        request: Some(granted(RequestState::Approved, &plan)),
        ..Default::default()
    };
    assert_eq!(
        check_event(&p, EventKind::Loan, &a, &approved),
        Ok(PaperState::OnLoan)
    );
    a.person = "钱七".into();
    assert!(check_event(&p, EventKind::Loan, &a, &approved).is_err());
    let mut other = p.clone();
    other.no = "2026-收-0002".into();
    a.person = "张三".into();
    assert!(check_event(&other, EventKind::Loan, &a, &approved).is_err());
    // R-PAP-9, R-CLS-2: the borrower is inside the knowledge scope, and a 机密 paper has one.
    let outside = Plan::Loan(LoanPlan {
        paper: p.no.clone(),
        borrower: "赵六".into(),
        return_by: ymd(2026, 4, 10),
        purpose: String::new(),
    });
    let Plan::Loan(lp) = &outside else {
        unreachable!()
    };
    let e = check_loan_plan(&p, lp, &knower(&[], &lp.borrower, ""), ymd(2026, 4, 1)).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-PAP-9"));
    assert!(e.to_string().contains("赵六不在"), "{e}");
    let mut unscoped = p.clone();
    unscoped.scope.clear();
    let Plan::Loan(ok) = &plan else {
        unreachable!()
    };
    assert_eq!(
        check_loan_plan(
            &unscoped,
            ok,
            &knower(&[], &ok.borrower, ""),
            ymd(2026, 4, 1)
        )
        .unwrap_err()
        .rule_id(),
        Some("R-CLS-2")
    );
    // "本单位" takes in everyone.
    let mut whole = p.clone();
    whole.scope = vec!["本单位".into()];
    assert!(check_loan_plan(&whole, lp, &knower(&[], &lp.borrower, ""), ymd(2026, 4, 1)).is_ok());
}

// R-PAP-11: 绝密 take-out needs two people, a place and a purpose.
#[test]
fn r_pap_11_take_out() {
    let plan = TakeOutPlan {
        paper: "2026-收-0001".into(),
        persons: vec!["张三".into()],
        place: "市政府".into(),
        purpose: "汇报".into(),
        return_by: ymd(2026, 4, 2),
        ..TakeOutPlan::default()
    };
    let today = ymd(2026, 4, 1);
    assert_eq!(
        check_take_out_plan(&plan, Level::TopSecret, today)
            .unwrap_err()
            .rule_id(),
        Some("R-PAP-11")
    );
    assert!(check_take_out_plan(&plan, Level::Secret, today).is_ok());
    let two = TakeOutPlan {
        persons: vec!["张三".into(), "李四".into()],
        ..plan.clone()
    };
    assert!(check_take_out_plan(&two, Level::TopSecret, today).is_ok());
    let no_purpose = TakeOutPlan {
        purpose: " ".into(),
        ..plan
    };
    assert!(check_take_out_plan(&no_purpose, Level::Secret, today).is_err());
}

// R-PAP-19: 绝密 copying needs the originating authority; R-CLS-4: the marking stays.
#[test]
fn r_pap_19_and_r_cls_4_copying() {
    let top = paper(Level::TopSecret);
    let mut plan = CopyPlan {
        paper: top.no.clone(),
        copies: 2,
        purpose: "会议学习".into(),
        external_ref: String::new(),
    };
    assert_eq!(
        check_copy_plan(&top, &plan).unwrap_err().rule_id(),
        Some("R-PAP-19")
    );
    plan.external_ref = "省委办公厅 2026-12 号批复".into();
    assert!(check_copy_plan(&top, &plan).is_ok());

    let mut forbidden = paper(Level::Secret);
    forbidden.no_copy = true;
    assert_eq!(
        check_copy_plan(&forbidden, &plan).unwrap_err().rule_id(),
        Some("R-PAP-19")
    );

    let p = paper(Level::Secret);
    assert_eq!(
        check_copy_marking(&p, Some(Level::Confidential), None, None)
            .unwrap_err()
            .rule_id(),
        Some("R-CLS-4")
    );
    assert_eq!(
        check_copy_marking(&p, None, Some(Period::Years(5)), None)
            .unwrap_err()
            .rule_id(),
        Some("R-CLS-4")
    );
    assert_eq!(
        check_copy_marking(&p, None, None, Some(&["全体人员".to_string()]))
            .unwrap_err()
            .rule_id(),
        Some("R-CLS-4")
    );
    assert!(check_copy_marking(&p, Some(Level::Secret), p.period, Some(&p.scope)).is_ok());
}

// R-CLS-5: highest level and longest period of the sources.
#[test]
fn r_cls_5_compilation_marking() {
    let a = paper(Level::Confidential);
    let mut b = paper(Level::Secret);
    b.period = Some(Period::Years(5));
    let on = ymd(2026, 6, 1);
    let (level, period) = compile_mark(&[&a, &b], on).unwrap();
    assert_eq!(level, Level::Secret);
    // a: 秘密 10 years from 2026-03-02 outlasts b's 5 years.
    assert_eq!(period, Some(Period::Until(ymd(2036, 3, 2))));
    assert_eq!(
        check_compile_marking(&[&a, &b], on, Some(Level::Confidential), None)
            .unwrap_err()
            .rule_id(),
        Some("R-CLS-5")
    );
    assert_eq!(
        check_compile_marking(&[&a, &b], on, None, Some(Period::Years(1)))
            .unwrap_err()
            .rule_id(),
        Some("R-CLS-5")
    );
    assert!(
        check_compile_marking(&[&a, &b], on, Some(Level::TopSecret), Some(Period::Long)).is_ok()
    );
}

// R-PAP-21: compilation needs the originator's approval.
#[test]
fn r_pap_21_compile_needs_originator() {
    let a = paper(Level::Confidential);
    let b = paper(Level::Secret);
    let plan = CompilePlan {
        papers: vec![a.no.clone(), b.no.clone()],
        title: "2026年保密文件汇编".into(),
        scope: vec![],
        external_ref: String::new(),
    };
    assert_eq!(
        check_compile_plan(&[&a, &b], &plan).unwrap_err().rule_id(),
        Some("R-PAP-21")
    );
}

// R-PAP-23: two people, one the officer, method recorded; R-PAP-24: 绝密 inside the unit.
#[test]
fn r_pap_23_and_24_destruction() {
    let officers = vec!["李保密".to_string()];
    let top = paper(Level::TopSecret);
    let plan = Plan::Destroy(DestroyPlan {
        papers: vec![top.no.clone()],
        reason: String::new(),
    });
    let ctx = ActContext {
        request: Some(granted(RequestState::Approved, &plan)),
        officers: &officers,
        ..Default::default()
    };
    let mut a = act();
    a.persons = vec!["李保密".into()];
    a.method = "保密粉碎机".into();
    assert_eq!(
        check_event(&top, EventKind::Destroy, &a, &ctx)
            .unwrap_err()
            .rule_id(),
        Some("R-PAP-23")
    );
    a.persons = vec!["王五".into(), "赵六".into()];
    assert_eq!(
        check_event(&top, EventKind::Destroy, &a, &ctx)
            .unwrap_err()
            .rule_id(),
        Some("R-PAP-23")
    );
    a.persons = vec!["李保密".into(), "王五".into()];
    a.method = String::new();
    assert_eq!(
        check_event(&top, EventKind::Destroy, &a, &ctx)
            .unwrap_err()
            .rule_id(),
        Some("R-PAP-23")
    );
    a.method = "指定造纸厂".into();
    let e = check_event(&top, EventKind::Destroy, &a, &ctx).unwrap_err();
    assert_eq!(e.to_string(), "违反 R-PAP-24：绝密载体只能在本单位销毁");
    a.method = "保密粉碎机".into();
    assert_eq!(
        check_event(&top, EventKind::Destroy, &a, &ctx),
        Ok(PaperState::Destroyed)
    );

    let mut cipher = paper(Level::Secret);
    cipher.no = top.no.clone();
    cipher.cipher = true;
    a.method = "指定造纸厂".into();
    assert_eq!(
        check_event(&cipher, EventKind::Destroy, &a, &ctx)
            .unwrap_err()
            .rule_id(),
        Some("R-PAP-24")
    );
    let no_request = ActContext {
        officers: &officers,
        ..Default::default()
    };
    assert_eq!(
        check_event(&paper(Level::Secret), EventKind::Destroy, &a, &no_request)
            .unwrap_err()
            .rule_id(),
        Some("R-PAP-23")
    );
}

// R-PAP-17: nobody leaves while holding papers.
#[test]
fn r_pap_17_departure_blocked_while_holding() {
    let p = paper(Level::Secret);
    assert!(check_departure("张三", &[]).is_ok());
    let e = check_departure("张三", &[&p]).unwrap_err();
    assert_eq!(e.rule_id(), Some("R-PAP-17"));
    assert!(e.to_string().contains("2026-收-0001"));
}

// R-PAP-5: sending within the distribution; the envelope bears the highest level.
#[test]
fn r_pap_5_send_within_distribution() {
    let mut p = paper(Level::Secret);
    let mut a = act();
    a.unit = "市财政局".into();
    a.channel = "机要交通".into();
    assert_eq!(
        check_event(&p, EventKind::Send, &a, &ActContext::default())
            .unwrap_err()
            .rule_id(),
        Some("R-PAP-5")
    );
    p.distribution = vec!["市财政局".into(), "市审计局".into()];
    assert!(check_event(&p, EventKind::Send, &a, &ActContext::default()).is_ok());
    a.unit = "市财政局、市公安局".into();
    assert_eq!(
        check_event(&p, EventKind::Send, &a, &ActContext::default())
            .unwrap_err()
            .rule_id(),
        Some("R-PAP-5")
    );
    assert_eq!(
        envelope_level([Level::Confidential, Level::TopSecret, Level::Secret]),
        Some(Level::TopSecret)
    );
}

// R-PAP-16: returned to the originator, with the receiver's name.
#[test]
fn r_pap_16_return_to_originator() {
    let p = paper(Level::Secret);
    let mut a = act();
    assert_eq!(
        check_event(&p, EventKind::Return, &a, &ActContext::default())
            .unwrap_err()
            .rule_id(),
        Some("R-PAP-16")
    );
    a.person = "陈收".into();
    a.unit = "市公安局".into();
    assert_eq!(
        check_event(&p, EventKind::Return, &a, &ActContext::default())
            .unwrap_err()
            .rule_id(),
        Some("R-PAP-16")
    );
    a.unit = "市委办公室".into();
    assert_eq!(
        check_event(&p, EventKind::Return, &a, &ActContext::default()),
        Ok(PaperState::Returned)
    );
}

// R-PAP-14: an extension says how the originator was told.
#[test]
fn r_pap_14_extension_needs_originator_told() {
    let p = paper(Level::Secret);
    let a = act();
    assert_eq!(
        check_event(&p, EventKind::Extend, &a, &ActContext::default())
            .unwrap_err()
            .rule_id(),
        Some("R-PAP-14")
    );
}

// R-PAP-2: no more copies made than approved; R-PAP-1: not without approval.
#[test]
fn r_pap_1_and_2_making() {
    assert_eq!(
        check_make(&ActContext::default(), 1, ymd(2026, 4, 1))
            .unwrap_err()
            .rule_id(),
        Some("R-PAP-1")
    );
    let plan = Plan::Make(MakePlan {
        title: "2026年保密工作要点".into(),
        level: "机密".into(),
        period: "10年".into(),
        scope: vec!["各科室负责人".into()],
        copies: 5,
        distribution: vec![],
        purpose: String::new(),
        ..MakePlan::default()
    });
    let ctx = ActContext {
        request: Some(granted(RequestState::Approved, &plan)),
        ..Default::default()
    };
    assert!(check_make(&ctx, 5, ymd(2026, 4, 1)).is_ok());
    assert_eq!(
        check_make(&ctx, 6, ymd(2026, 4, 1)).unwrap_err().rule_id(),
        Some("R-PAP-2")
    );
}

// R-CLS-3: no make plan without a classification decision.
#[test]
fn r_cls_3_make_needs_classification() {
    let mut plan = MakePlan {
        title: "会议纪要".into(),
        level: String::new(),
        period: String::new(),
        scope: vec!["办公室".into()],
        copies: 1,
        distribution: vec![],
        purpose: String::new(),
        ..MakePlan::default()
    };
    assert_eq!(
        check_make_plan(&plan).unwrap_err().rule_id(),
        Some("R-CLS-3")
    );
    plan.level = "内部".into();
    assert_eq!(
        check_make_plan(&plan).unwrap_err().rule_id(),
        Some("R-CLS-3")
    );
    plan.level = "秘密".into();
    plan.scope.clear();
    assert_eq!(
        check_make_plan(&plan).unwrap_err().rule_id(),
        Some("R-CLS-3")
    );
    plan.scope = vec!["办公室".into()];
    assert_eq!(
        check_make_plan(&plan),
        Ok((Level::Confidential, Some(Period::Years(10))))
    );
}

// R-PAP-3: the receive register has its columns.
#[test]
fn r_pap_3_receive_columns() {
    assert_eq!(
        check_receive("", "市委办", 1, "").unwrap_err().rule_id(),
        Some("R-PAP-3")
    );
    assert_eq!(
        check_receive("通知", " ", 1, "").unwrap_err().rule_id(),
        Some("R-PAP-3")
    );
    assert!(check_receive("通知", "市委办", 0, "").is_err());
    assert!(check_receive("通知", "市委办", 2, "3").is_err());
    assert!(check_receive("通知", "市委办", 2, "3,4").is_ok());
    // 待补 is for imported history only, never for a paper received now.
    assert_eq!(
        check_received_in_full("待补").unwrap_err().rule_id(),
        Some("R-PAP-3")
    );
    assert!(check_received_in_full("市委办").is_ok());
}
