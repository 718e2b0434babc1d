//! The demo's people beyond the staff `things` registers: the two officers (李强 certified, 赵敏
//! still without a certificate, R-PER-6), one newcomer waiting for vetting (R-PER-2), one who left
//! and is in the cooling-off period (R-PER-5), the year's training with one person short of hours
//! (R-TRN-3), and two key sites, the 绝密 one inspected monthly and soon due (R-KEY-3). Done
//! through the officer's own store functions, so every rule applies.

use super::things::Story;
use crate::domain::rules::{organisation, person, site, training};
use crate::store::Result;

pub(super) fn officers_training_and_sites(s: &mut Story<'_>) -> Result<()> {
    let p = &person::SPEC;
    // 李强 has been the officer since January, his appointment long reported (R-ORG-6); 赵敏
    // joined this month, her certificate and the report of her appointment still owed.
    for (name, sex, cert, ago) in [
        ("李强", "男", Some("粤保证〔2025〕0318"), 330),
        ("赵敏", "女", None, 20),
    ] {
        let no = s.add(
            p,
            ago,
            &[
                ("name", name),
                ("sex", sex),
                ("dept", "办公室"),
                ("title", "保密员"),
                ("grade", "核心"),
                ("level", "绝密"),
                ("role", "保密员"),
                ("phone", "0750-3271234"),
            ],
        )?;
        if cert.is_some() {
            let change = s.latest(&organisation::STAFF_CHANGE)?;
            s.act(
                &organisation::STAFF_CHANGE,
                &change,
                "reported",
                ago - 5,
                &[("ref", "江某保〔2026〕1号")],
            )?;
        }
        s.act(
            p,
            &no,
            "vet",
            ago - 2,
            &[("result", "通过"), ("ref", "审查表-2025-01")],
        )?;
        s.act(p, &no, "pledge", ago - 3, &[("ref", "责任书-2025")])?;
        if let Some(c) = cert {
            s.act(p, &no, "certify", 300, &[("cert_no", c)])?;
        }
    }
    // Left a classified post in the summer: 重要, one year of cooling-off.
    let left = s.add(
        p,
        320,
        &[
            ("name", "黄海"),
            ("sex", "男"),
            ("dept", "业务一科"),
            ("title", "副科长"),
            ("grade", "重要"),
            ("level", "机密"),
        ],
    )?;
    s.act(p, &left, "vet", 318, &[("result", "通过")])?;
    s.act(p, &left, "pledge", 317, &[("ref", "责任书-2025")])?;
    s.act(
        p,
        &left,
        "leave",
        130,
        &[
            ("commitment_ref", "离岗承诺-2026-02"),
            ("to", "市发展改革局"),
        ],
    )?;
    // A newcomer, registered, not yet vetted nor pledged.
    let new = s.add(
        p,
        10,
        &[
            ("name", "周洁"),
            ("sex", "女"),
            ("dept", "综合科"),
            ("title", "科员"),
            ("grade", "一般"),
            ("level", "秘密"),
        ],
    )?;
    // The year's sessions: 王芳 missed the long one and is short of her 8 hours.
    let t = &training::SPEC;
    s.add(
        t,
        120,
        &[
            ("topic", "保密法律法规与涉密载体管理"),
            ("form", "集中培训"),
            ("hours", "8"),
            ("attendees", "张伟、刘洋、陈静、赵磊、李强、赵敏"),
            ("absent", "王芳"),
            ("organiser", "办公室"),
        ],
    )?;
    s.add(
        t,
        60,
        &[
            ("topic", "计算机和移动存储介质保密管理"),
            ("form", "专题讲座"),
            ("hours", "4"),
            ("attendees", "张伟、刘洋、陈静、王芳、赵磊、李强、赵敏"),
            ("organiser", "办公室"),
        ],
    )?;
    s.add(
        t,
        35,
        &[
            ("topic", "典型泄密案例警示教育"),
            ("form", "警示教育"),
            ("hours", "4"),
            ("attendees", "赵磊、李强、赵敏"),
            ("organiser", "保密委员会办公室"),
        ],
    )?;
    s.add(
        t,
        5,
        &[
            ("topic", "新进人员保密教育"),
            ("form", "集中培训"),
            ("hours", "8"),
            ("attendees", &new),
            ("organiser", "办公室"),
        ],
    )?;
    // Key sites: the 绝密 机要室, inspected monthly, next due within the week; the 机密 保密室.
    let k = &site::SPEC;
    let yao = s.add(
        k,
        200,
        &[
            ("name", "机要室"),
            ("kind", "部位"),
            ("level", "绝密"),
            ("head", "赵磊"),
            ("dept", "办公室"),
            ("accepted_on", &s.iso(200)),
            ("closed_room", "是"),
            ("solid_walls", "是"),
            ("cabinets", "是"),
            ("monitoring", "是"),
            ("archive", "验收材料、检查记录归档于保密室"),
        ],
    )?;
    s.act(k, &yao, "staff", 30, &[("add", "赵磊")])?;
    s.act(
        k,
        &yao,
        "inspect",
        26,
        &[("findings", "门禁、监控、保密柜正常")],
    )?;
    let room = s.add(
        k,
        250,
        &[
            ("name", "保密室"),
            ("kind", "部门"),
            ("level", "机密"),
            ("head", "张伟"),
            ("dept", "办公室"),
            ("accepted_on", &s.iso(250)),
            ("closed_room", "是"),
            ("solid_walls", "是"),
            ("cabinets", "是"),
            ("monitoring", "是"),
        ],
    )?;
    s.act(k, &room, "inspect", 60, &[("findings", "密件账物相符")])?;
    s.act(k, &room, "staff", 30, &[("add", "李强")])?;
    Ok(())
}
