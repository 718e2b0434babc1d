//! Generated media, computers and devices beside the generated papers (`demo --rows N`), in
//! proportion (per 100 papers: 7 media, 3 computers, 1 device), so that the benchmarks search and
//! list them too. Written straight into the table like `bulk`, with one audit row; the search index
//! is built once at the end.

use chrono::{Duration, NaiveDate};
use rusqlite::params;

use super::Rng;
use super::words::{DEPTS, PEOPLE};
use crate::domain::dates;
use crate::domain::level::Level;
use crate::domain::rules::{computer, device, media};
use crate::store::{Result, Stamp, Store, json, search};

/// Adds records in proportion to `papers` generated papers.
pub fn bulk_records(
    store: &mut Store,
    today: NaiveDate,
    papers: usize,
    stamp: &Stamp,
) -> Result<()> {
    let (n_media, n_computers, n_devices) = (papers * 7 / 100, papers * 3 / 100, papers / 100);
    if n_media + n_computers + n_devices == 0 {
        return Ok(());
    }
    store.change(stamp, |c| {
        // The index is built once at the end.
        let triggers = search::suspend_index(c, &search::RECORDS)?;
        let mut rng = Rng(0x7ec0_2026 ^ papers as u64);
        // Record rows change with their acts, so the audit log vouches for each one by its own
        // digest (store::cover): no run for the whole load as for papers.
        {
            let mut insert = c.tx.prepare(
                "INSERT INTO record (spec, no, level, state, keeper, holder, dept, registered_on,
                     checked_on, data, text)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?;
            let mut add = |spec: &str,
                           no: String,
                           level: Option<Level>,
                           state: &str,
                           holder: &str,
                           values: serde_json::Value,
                           rng: &mut Rng|
             -> Result<()> {
                let keeper = rng.pick(&PEOPLE).to_string();
                let dept = rng.pick(&DEPTS).to_string();
                let day = today - Duration::days(30 + rng.below(2000) as i64);
                let checked = today - Duration::days(rng.below(80) as i64);
                let mut values = values;
                values["keeper"] = keeper.clone().into();
                values["dept"] = dept.clone().into();
                if let Some(l) = level {
                    values["level"] = l.name().into();
                }
                // The search text the daily insert would write (records::search_text), so that
                // searching the generated records is searching real ones.
                let ledger = crate::domain::ledgers::spec::find(spec)
                    .ok_or(crate::store::StoreError::Internal("演示数据的台帐不存在"))?;
                let record = crate::domain::ledgers::Record {
                    id: 0,
                    spec: ledger,
                    no: no.clone(),
                    state: ledger.state(state).map_or(ledger.states[0].key, |s| s.key),
                    level,
                    keeper: keeper.clone(),
                    holder: holder.to_string(),
                    registered_on: day,
                    checked_on: Some(checked),
                    values: values
                        .as_object()
                        .map(|o| {
                            o.iter()
                                .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                                .collect()
                        })
                        .unwrap_or_default(),
                };
                let text = crate::store::records::search_text(&record);
                insert.execute(params![
                    spec,
                    no,
                    level.map(Level::code),
                    state,
                    keeper,
                    holder,
                    dept,
                    dates::iso(day),
                    dates::iso(checked),
                    values.to_string(),
                    text,
                ])?;
                Ok(())
            };
            let levels = [Level::Secret, Level::Confidential, Level::Confidential, Level::Internal];
            for i in 0..n_media {
                let level = levels[rng.below(levels.len())];
                let kind = media::KINDS[rng.below(4)];
                let issued = rng.chance(60);
                let holder = if issued { rng.pick(&PEOPLE) } else { "" };
                let values = serde_json::json!({
                    "kind": kind, "serial": format!("SN{:08X}", rng.next() as u32),
                    "model": rng.pick(&["金士顿 DT50", "闪迪 CZ73", "西数 My Passport", "希捷 睿品"]),
                });
                let state = if issued { "issued" } else { "in_stock" };
                add(media::SPEC.key, format!("U-G{:06}", i + 1), Some(level), state, holder, values, &mut rng)?;
            }
            for i in 0..n_computers {
                let (class, level) = match rng.below(10) {
                    0..=5 => ("涉密", if rng.chance(30) { Level::Secret } else { Level::Confidential }),
                    6..=8 => ("内部", Level::Internal),
                    _ => ("互联网", Level::Public),
                };
                let mut values = serde_json::json!({
                    "class": class, "disk_serial": format!("WD-{:08X}", rng.next() as u32),
                    "model": rng.pick(&["联想 启天M437", "华为 擎云W515", "长城 世恒"]),
                    "place": format!("{}室", 201 + rng.below(300)),
                });
                if class == "涉密" {
                    values["filed_ref"] = format!("江保备{}", i + 1).into();
                    values["filed_on"] = dates::iso(today - Duration::days(200)).into();
                    values["backup_on"] = dates::iso(today - Duration::days(rng.below(40) as i64)).into();
                }
                add(computer::SPEC.key, format!("PC-G{:06}", i + 1), Some(level), "in_use", "", values, &mut rng)?;
            }
            for i in 0..n_devices {
                let kind = device::KINDS[rng.below(7)];
                let values = serde_json::json!({"kind": kind, "standalone": "是"});
                add(device::SPEC.key, format!("SB-G{:06}", i + 1), None, "in_use", "", values, &mut rng)?;
            }
        }
        search::resume_index(c, &search::RECORDS, &triggers, None)?;
        // The papers' load analysed these tables while they were empty: statistics that make the
        // planner scan them.
        c.tx.execute_batch("PRAGMA analysis_limit = 2000; ANALYZE record; ANALYZE record_event;")?;
        c.audit(
            "生成演示数据",
            "record",
            None,
            json(serde_json::json!({"media": n_media, "computers": n_computers, "devices": n_devices})),
        );
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use crate::domain::dates::ymd;
    use crate::store::records::{Filter, for_each, search_text};
    use crate::store::{OpenMode, Store};

    // The generated records carry the search text the daily insert writes, so that the bench
    // searches what an officer's records would hold (and an upgrade finds nothing to rewrite).
    #[test]
    fn generated_records_have_the_daily_search_text() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(&dir.path().join("baomi.db"), OpenMode::Create).unwrap();
        crate::store::demo::build(&mut s, ymd(2026, 11, 27), None, 300).unwrap();
        let mut seen = 0;
        for spec in crate::domain::ledgers::spec::all() {
            for_each(s.conn(), spec, &Filter::default(), |r| {
                let stored: String =
                    s.conn()
                        .query_row("SELECT text FROM record WHERE id = ?1", [r.id], |row| {
                            row.get(0)
                        })?;
                assert_eq!(stored, search_text(&r), "{}", r.no);
                seen += 1;
                Ok(true)
            })
            .unwrap();
        }
        assert!(seen >= 30, "{seen} records");
    }
}
