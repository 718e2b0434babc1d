//! Receipt (收文, R-PAP-3, R-PAP-4): a received paper checked, numbered and registered with its
//! receipt event, one at a time or, for an import, staged in bulk.

use super::*;

/// R-PAP-3, R-PAP-4: registers a received paper and issues its receipt number.
pub fn receive(c: &mut Change<'_>, r: &Receipt, format: &str) -> Result<Paper> {
    officer(c, "收文登记")?;
    rules::check_received_in_full(&r.originator)?;
    let highest = crate::store::settings::load(&c.tx)?.highest_level;
    rules::check_within_unit_level(r.level, highest)?;
    // R-PAP-10: into a registered cabinet.
    let location = crate::store::cabinets::place(c, &r.location, r.level)?;
    let r = &Receipt {
        location,
        ..r.clone()
    };
    let paper = register(c, r, format, highest)?;
    c.audit("收文", &paper.no, None, snapshot(&paper));
    Ok(paper)
}

/// The paper row and its receipt event, without an audit row of its own: an import's one audit
/// row vouches for all it registers (the caller checked the officer and read the unit's highest
/// level once).
pub(super) fn register(
    c: &mut Change<'_>,
    r: &Receipt,
    format: &str,
    highest: Level,
) -> Result<Paper> {
    let paper = received(c, r, format, highest, &|_| false)?;
    let paper = Paper {
        id: insert_into(c, None, &paper, &r.dept)?,
        ..paper
    };
    insert_event(
        c,
        paper.id,
        EventKind::Receive,
        &receipt_act(&paper),
        EventLinks::default(),
    )?;
    Ok(paper)
}

/// A received paper checked and numbered (R-PAP-4), not yet written. `staged` says whether a
/// bulk load has taken a number already without writing it yet: never issued twice either.
pub(crate) fn received(
    c: &Change<'_>,
    r: &Receipt,
    format: &str,
    highest: Level,
    staged: &dyn Fn(&str) -> bool,
) -> Result<Paper> {
    rules::check_receive(&r.title, &r.originator, r.copies, &r.copy_nos)?;
    rules::check_within_unit_level(r.level, highest)?;
    let year = chrono::Datelike::year(&r.on);
    let no = match &r.no {
        Some(n) => {
            if staged(n) || find(&c.tx, n)?.is_some() {
                return Err(
                    Refusal::rule("R-PAP-4", format!("编号 {n} 已在台帐中，不能重复使用")).into(),
                );
            }
            n.clone()
        }
        None => next_number_skipping(c, Series::Receipt, year, format, staged)?,
    };
    let keeper = if r.holder.is_empty() {
        c.handler()?.to_string()
    } else {
        r.holder.clone()
    };
    Ok(Paper {
        id: 0,
        no,
        origin: Origin::Received,
        registered_on: r.on,
        year,
        originator: r.originator.clone(),
        doc_no: r.doc_no.clone(),
        title: r.title.clone(),
        level: r.level,
        period: r.period,
        period_from: r.on,
        scope: r.scope.clone(),
        copies: r.copies,
        copy_nos: r.copy_nos.clone(),
        return_by: r.return_by,
        keep: r.keep,
        cipher: r.cipher,
        no_copy: r.no_copy,
        distribution: vec![],
        source_id: None,
        dispatch_no: None,
        keeper: keeper.clone(),
        holder: keeper,
        location: r.location.clone(),
        state: next_state(None, EventKind::Receive)?,
        extended: false,
        extended_until: None,
        due_on: None,
    })
}

/// The receipt event of a paper just registered: received by its keeper from its originator.
pub(crate) fn receipt_act(p: &Paper) -> Act {
    Act {
        on: p.registered_on,
        person: p.keeper.clone(),
        unit: p.originator.clone(),
        ..Act::default()
    }
}
