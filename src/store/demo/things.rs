//! The demo's media, computers, devices, rooms and people, with a year of history done through the
//! same store functions the officer uses (so every rule applies): people vetted and pledged, a
//! classified computer filed and one still waiting to be filed, U盘 issued, used, lent (one loan
//! overdue), the quarter's check by scanning with one medium not checked since it came, one U盘
//! lost and reported, a copier repaired, a leader's phone filed, an imported fax machine waiting
//! for its security check. A new officer sees every record screen filled.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};

use super::at;
use crate::domain::ledgers::LedgerSpec;
use crate::domain::rules::{computer, device, media, person, room};
use crate::store::records::{self, ActForm, AddForm};
use crate::store::{Result, Stamp, Store};

pub(super) struct Story<'a> {
    store: &'a mut Store,
    officer: &'a str,
    today: NaiveDate,
}

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

impl Story<'_> {
    fn day(&self, ago: i64) -> NaiveDate {
        self.today - Duration::days(ago)
    }

    /// The day `ago` days before today, as stored.
    pub(super) fn iso(&self, ago: i64) -> String {
        crate::domain::dates::iso(self.day(ago))
    }

    fn stamp(&self, ago: i64) -> Stamp {
        Stamp::new(self.officer, at(self.day(ago), 9))
    }

    /// Registers a record `ago` days before today; returns its number.
    pub(super) fn add(
        &mut self,
        spec: &'static LedgerSpec,
        ago: i64,
        values: &[(&str, &str)],
    ) -> Result<String> {
        let form = AddForm {
            values: map(values),
            no: None,
            date: None,
        };
        let stamp = self.stamp(ago);
        let r = self
            .store
            .change(&stamp, |c| records::add(c, spec, &form))?;
        Ok(r.no)
    }

    /// The number of the latest record of `spec`, one a registration or act has just made.
    pub(super) fn latest(&self, spec: &LedgerSpec) -> Result<String> {
        Ok(self.store.conn().query_row(
            "SELECT no FROM record WHERE spec = ?1 ORDER BY id DESC LIMIT 1",
            [spec.key],
            |r| r.get(0),
        )?)
    }

    /// Does `verb` on `no` `ago` days before today.
    pub(super) fn act(
        &mut self,
        spec: &'static LedgerSpec,
        no: &str,
        verb: &str,
        ago: i64,
        values: &[(&str, &str)],
    ) -> Result<()> {
        let form = ActForm {
            verb: verb.to_string(),
            values: map(values),
            on: self.day(ago),
            request: None,
        };
        let stamp = self.stamp(ago);
        self.store
            .change(&stamp, |c| records::act(c, spec, no, &form))?;
        Ok(())
    }
}

pub(super) fn things(store: &mut Store, officer: &str, today: NaiveDate) -> Result<()> {
    let mut s = Story {
        store,
        officer,
        today,
    };
    // People in classified posts, vetted and pledged before they are given anything (R-PER-2).
    let staff = [
        ("张伟", "男", "办公室", "重要", "机密", "副主任"),
        ("刘洋", "男", "业务一科", "重要", "机密", "科长"),
        ("陈静", "女", "综合科", "一般", "秘密", "科员"),
        ("王芳", "女", "财务科", "一般", "秘密", "科员"),
        ("赵磊", "男", "业务二科", "核心", "绝密", "科长"),
    ];
    for (name, sex, dept, grade, level, title) in staff {
        let no = s.add(
            &person::SPEC,
            320,
            &[
                ("name", name),
                ("sex", sex),
                ("dept", dept),
                ("grade", grade),
                ("level", level),
                ("title", title),
            ],
        )?;
        s.act(&person::SPEC, &no, "vet", 318, &[("result", "通过")])?;
        s.act(&person::SPEC, &no, "pledge", 317, &[("ref", "责任书-2025")])?;
    }
    let pc = &computer::SPEC;
    let pc1 = s.add(
        pc,
        300,
        &[
            ("class", "涉密"),
            ("level", "机密"),
            ("keeper", "张伟"),
            ("dept", "办公室"),
            ("place", "保密室"),
            ("model", "联想 开天M90"),
            ("disk_serial", "WD-WX41A2026"),
            ("os", "统信UOS 20"),
        ],
    )?;
    s.act(pc, &pc1, "file", 295, &[("ref", "江保备〔2025〕17号")])?;
    let pc2 = s.add(
        pc,
        200,
        &[
            ("class", "涉密"),
            ("level", "秘密"),
            ("keeper", "刘洋"),
            ("dept", "业务一科"),
            ("place", "业务一科"),
            ("model", "华为 擎云L410"),
            ("laptop", "是"),
        ],
    )?;
    s.act(pc, &pc2, "file", 196, &[("ref", "江保备〔2026〕4号")])?;
    // R-CMP-2: bought last week, not yet filed: 待备案 until the bureau's number comes.
    s.add(
        pc,
        5,
        &[
            ("class", "涉密"),
            ("level", "机密"),
            ("keeper", "赵磊"),
            ("dept", "业务二科"),
            ("place", "业务二科"),
            ("model", "长城 世恒TN"),
        ],
    )?;
    let pc4 = s.add(
        pc,
        280,
        &[
            ("class", "内部"),
            ("level", "内部"),
            ("keeper", "陈静"),
            ("dept", "综合科"),
        ],
    )?;
    let pc5 = s.add(
        pc,
        280,
        &[
            ("class", "互联网"),
            ("level", "非密"),
            ("keeper", "王芳"),
            ("dept", "财务科"),
        ],
    )?;
    let m = &media::SPEC;
    let medium = |kind: &'static str, level: &'static str, serial: &'static str| {
        [
            ("kind", kind),
            ("level", level),
            ("serial", serial),
            ("keeper", "李强"),
            ("dept", "办公室"),
            ("place", "保密室"),
        ]
    };
    let u1 = s.add(m, 290, &medium("U盘", "机密", "AA20250101"))?;
    let u2 = s.add(m, 290, &medium("移动硬盘", "机密", "WX2025HD07"))?;
    let u3 = s.add(m, 250, &medium("U盘", "秘密", "AA20250388"))?;
    let u4 = s.add(m, 250, &medium("光盘", "秘密", "CD-2025-12"))?;
    let u5 = s.add(m, 200, &medium("U盘", "秘密", "AA20250519"))?;
    let u6 = s.add(m, 150, &medium("U盘", "机密", "AA20250602"))?;
    let u7 = s.add(m, 150, &medium("存储卡", "秘密", "SD-88213"))?;
    s.act(m, &u1, "issue", 280, &[("to", "张伟")])?;
    s.act(
        m,
        &u1,
        "use",
        260,
        &[
            ("computer", &pc1),
            ("info_level", "机密"),
            ("content", "年度工作要点"),
        ],
    )?;
    s.act(
        m,
        &u2,
        "use",
        240,
        &[("computer", &pc1), ("info_level", "秘密")],
    )?;
    s.act(pc, &pc1, "backup", 40, &[("medium", &u2)])?;
    s.act(m, &u4, "issue", 120, &[("to", "赵磊")])?;
    s.act(
        m,
        &u3,
        "lend",
        30,
        &[
            ("to", "陈静"),
            ("return_by", &crate::domain::dates::iso(s.day(-10))),
        ],
    )?;
    // Overdue: due back three days ago.
    s.act(
        m,
        &u5,
        "lend",
        20,
        &[
            ("to", "王芳"),
            ("return_by", &crate::domain::dates::iso(s.day(3))),
        ],
    )?;
    // The quarter's check by scanning: every medium but the new memory card, which nobody has
    // checked since it came (on the due list).
    let seen: Vec<String> = [&u1, &u2, &u3, &u4, &u5, &u6]
        .iter()
        .map(|n| n.to_string())
        .collect();
    let stamp = s.stamp(15);
    let on = s.day(15);
    s.store.change(&stamp, |c| {
        records::check_all(
            c,
            m,
            &seen,
            &map(&[("findings", "标签完好，与台帐一致")]),
            on,
        )
    })?;
    let _ = u7;
    // R-MED-5: lost yesterday morning, reported to the bureau the same day.
    s.act(
        m,
        &u6,
        "lost",
        1,
        &[("time", "10:30"), ("note", "外出开会途中遗失")],
    )?;
    s.act(
        m,
        &u6,
        "report",
        1,
        &[("to", "市保密局"), ("ref", "江保报〔2026〕9号")],
    )?;
    for (no, ago) in [(&pc1, 25), (&pc2, 25), (&pc4, 26), (&pc5, 26)] {
        s.act(
            pc,
            no,
            "check",
            ago,
            &[
                ("findings", "防护软件正常，未发现违规外联"),
                ("protection", "是"),
                ("patched", "是"),
            ],
        )?;
    }
    let d = &device::SPEC;
    let copier = s.add(
        d,
        310,
        &[
            ("kind", "复印机"),
            ("level", "机密"),
            ("keeper", "李强"),
            ("dept", "办公室"),
            ("model", "震旦 AD369"),
            ("standalone", "是"),
            ("place", "保密室"),
        ],
    )?;
    s.act(
        d,
        &copier,
        "repair",
        90,
        &[("repairer", "市保密技术服务中心"), ("qualified", "是")],
    )?;
    let phone = s.add(
        d,
        300,
        &[
            ("kind", "手机"),
            ("keeper", "王建国"),
            ("dept", "办公室"),
            ("model", "华为 Mate60"),
        ],
    )?;
    s.act(
        d,
        &phone,
        "file",
        290,
        &[("place", "保密室"), ("ref", "手机备-01")],
    )?;
    let mail = s.add(
        d,
        200,
        &[
            ("kind", "电子邮箱"),
            ("keeper", "陈静"),
            ("signed_by", "陈红"),
            ("account", "bgs@jm.gov.cn"),
        ],
    )?;
    s.act(d, &mail, "password", 60, &[])?;
    let shredder = s.add(
        d,
        250,
        &[("kind", "碎纸机"), ("keeper", "李强"), ("place", "保密室")],
    )?;
    for no in [&copier, &phone, &mail, &shredder] {
        s.act(d, no, "check", 25, &[("findings", "使用正常")])?;
    }
    // R-DEV-6: an imported fax machine, waiting for its security check.
    s.add(
        d,
        3,
        &[
            ("kind", "传真机"),
            ("keeper", "李强"),
            ("dept", "办公室"),
            ("imported", "是"),
        ],
    )?;
    let r = &room::SPEC;
    let centre = s.add(
        r,
        300,
        &[
            ("name", "中心机房"),
            ("level", "机密"),
            ("zone", "核心区"),
            ("keeper", "李强"),
            ("dept", "办公室"),
        ],
    )?;
    s.act(
        r,
        &centre,
        "visit",
        45,
        &[
            ("visitor", "周工"),
            ("unit", "市保密技术服务中心"),
            ("escort", "李强"),
            ("purpose", "设备巡检"),
            ("time", "14:00"),
        ],
    )?;
    s.act(r, &centre, "check", 25, &[("findings", "门禁、监控正常")])?;
    super::people::officers_training_and_sites(&mut s)
}
