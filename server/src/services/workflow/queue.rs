//! 待办队列: the petitions a staff member's unit (and the units below it) must act on,
//! by due date, with filters and keyset paging. No personal data in the rows.

use chrono::NaiveDate;
use shared::ids::StaffId;
use shared::petition::{
    ClockState, PetitionStatus, QueueCounts, QueueFilter, QueueItem, QueuePage, QueueSort,
};

use super::{access, actor::StaffActor, clocks};
use crate::db::{self, petitions::After, petitions::NO_DUE, petitions::QueueQuery};
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::time::{from_ms, today};

pub const PAGE: i64 = 50;

/// The statuses in which someone on the staff side has to act.
pub const OPEN: [PetitionStatus; 5] = [
    PetitionStatus::Submitted,
    PetitionStatus::Forwarded,
    PetitionStatus::Objected,
    PetitionStatus::Handling,
    PetitionStatus::AwaitingApproval,
];

#[tracing::instrument(skip_all, fields(staff = %staff))]
pub async fn queue(state: &AppState, staff: StaffId, filter: &QueueFilter) -> AppResult<QueuePage> {
    page(state, staff, filter, PAGE).await
}

/// The queue's first `limit` rows (a page of it, or a short list such as the 通报's
/// longest overdue); `next` when there are more.
pub async fn page(
    state: &AppState,
    staff: StaffId,
    filter: &QueueFilter,
    limit: i64,
) -> AppResult<QueuePage> {
    let actor = StaffActor::load(state, staff).await?;
    let Some(unit) = actor.unit_id.filter(|_| {
        actor.has_any(access::UNMASK_ROLES) || actor.has_any(&[shared::staff::Role::Supervisor])
    }) else {
        return Err(AppError::Forbidden("您的账户不办理信访事项。".into()));
    };
    let org = state.org.get().await?;
    let units = match filter.unit {
        None => org.subtree(unit),
        Some(asked) => vec![org.at_or_below(asked, unit)?],
    };
    // Accusations against the actor's unit or a unit above it never appear (art. 30).
    let shielded = org.ancestors(unit);
    let statuses: Vec<PetitionStatus> = match filter.status {
        Some(s) => vec![s],
        None => OPEN.to_vec(),
    };
    let today = today();
    let day = |d: NaiveDate| d.to_string();
    let soon = clocks::warning_ends(state, today);
    let (from, to) = match filter.clock {
        None => (None, None),
        Some(ClockState::Overdue) => (None, today.pred_opt().map(day)),
        Some(ClockState::DueSoon) => (Some(day(today)), Some(day(soon))),
        Some(ClockState::Running) => (
            soon.succ_opt().map(day),
            Some(day(NaiveDate::from_ymd_opt(9999, 12, 30).unwrap_or(soon))),
        ),
        Some(ClockState::Stopped) => (Some(NO_DUE.to_owned()), None),
    };
    let after = match filter.after.as_deref() {
        None => None,
        Some(c) => Some(
            parse_cursor(filter.sort, c)
                .ok_or_else(|| AppError::field("after", "翻页参数无效，请从第一页重新查看"))?,
        ),
    };
    // A place and everything under it, by the start of the division codes.
    let region_like = match filter.region_id {
        None => None,
        Some(r) => match db::reference::region_code(&state.db.pool, r).await? {
            Some((code, level)) => Some(format!("{}%", level.subtree_prefix(&code))),
            None => return Err(AppError::field("region_id", "没有这个地区")),
        },
    };
    let mut query = QueueQuery {
        units: &units,
        statuses: &statuses,
        kind: filter.kind,
        category_id: filter.category_id,
        region_like: region_like.as_deref(),
        channel: filter.channel,
        due_from: from.as_deref(),
        due_to: to.as_deref(),
        sort: filter.sort,
        after: after.as_ref().map(|(key, id)| {
            let key = match key {
                Cursor::Due(d) => After::Due(d),
                Cursor::Submitted(ms) => After::Submitted(*ms),
            };
            (key, *id)
        }),
        shielded: &shielded,
        staff_id: actor.id,
        assignee: filter.mine.then_some(actor.id),
        awaiting_delivery: filter.status.is_none(),
        limit,
    };
    let rows = db::petitions::queue(&state.db.pool, &query).await?;
    let counts = if filter.counts {
        // Every clock state of the same filter: the count beside 超期 is what choosing 超期
        // lists.
        query.due_from = None;
        query.due_to = None;
        let mut counts = QueueCounts::default();
        for (due, n) in db::petitions::counts_by_due(&state.db.pool, &query).await? {
            let clock = if due == NO_DUE {
                ClockState::Stopped
            } else if due < day(today) {
                ClockState::Overdue
            } else if due <= day(soon) {
                ClockState::DueSoon
            } else {
                ClockState::Running
            };
            counts.add(clock, u64::try_from(n).unwrap_or(0));
        }
        Some(counts)
    } else {
        None
    };
    let next = (rows.len() == usize::try_from(limit).unwrap_or(0))
        .then(|| rows.last())
        .flatten()
        .map(|r| match filter.sort {
            QueueSort::Due => format!("{}_{}", r.due_on.as_deref().unwrap_or(NO_DUE), r.id),
            QueueSort::Newest | QueueSort::Oldest => format!("{}_{}", r.submitted_at, r.id),
        });
    let items = rows
        .into_iter()
        .map(|r| QueueItem {
            number: r.number,
            kind: r.kind,
            category: r.category,
            region: r.region,
            channel: r.channel,
            status: r.status,
            status_label: if r.status == PetitionStatus::Replied
                && r.due_on.is_none()
                && r.channel != shared::petition::Channel::Online
            {
                format!("{}（待登记送达）", r.status.label())
            } else {
                r.status.label().to_owned()
            },
            round: r.round,
            due_on: r.due_on.as_deref().and_then(|d| d.parse().ok()),
            clock: clocks::clock_state(state, r.status, r.due_on.as_deref(), today),
            group_matter: r.group_matter,
            submitted_at: from_ms(r.submitted_at),
            title: r.title,
        })
        .collect();
    Ok(QueuePage {
        items,
        next,
        counts,
        unit: filter.unit.map(|u| org.name(u)),
    })
}

/// The most rows one export holds: a county's open matters fit many times over.
pub const EXPORT_MAX: usize = 10_000;

/// 导出: the queue as the filters give it, every page, as CSV a spreadsheet opens (UTF-8
/// with a byte-order mark). A cell a spreadsheet would read as a formula is quoted as text.
pub async fn export(
    state: &AppState,
    staff: StaffId,
    client: &str,
    filter: &QueueFilter,
) -> AppResult<Vec<u8>> {
    let mut out = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let header = [
        "信访件编号",
        "标题",
        "性质",
        "类别",
        "问题发生地",
        "渠道",
        "状态",
        "期限",
        "期限状态",
        "集体访",
        "登记时间",
    ];
    out.write_record(header).map_err(anyhow::Error::from)?;
    let mut filter = filter.clone();
    filter.counts = false;
    let mut written = 0;
    loop {
        let page = queue(state, staff, &filter).await?;
        for i in &page.items {
            let due = i.due_on.map(|d| d.to_string()).unwrap_or_default();
            let at = crate::time::shanghai_time(i.submitted_at);
            let row = [
                i.number.to_string(),
                as_text(&i.title),
                i.kind.label().to_owned(),
                as_text(&i.category),
                as_text(&i.region),
                i.channel.label().to_owned(),
                i.status_label.clone(),
                due,
                i.clock.label().to_owned(),
                if i.group_matter { "是" } else { "" }.to_owned(),
                at,
            ];
            out.write_record(&row).map_err(anyhow::Error::from)?;
            written += 1;
        }
        match page.next {
            Some(next) if written < EXPORT_MAX => filter.after = Some(next),
            _ => break,
        }
    }
    let actor = StaffActor::load(state, staff).await?;
    let mut tx = state.db.begin_write().await?;
    let entry = crate::audit::Entry {
        at: crate::time::now_ms(),
        actor: actor.audit_name(),
        role: Some(&actor.role_codes()),
        unit_id: actor.unit_id.map(|u| u.0),
        action: "queue_export",
        petition_id: None,
        detail: Some(format!("rows={written}")),
        client: Some(client),
    };
    crate::audit::record(&mut tx, &state.vault, entry).await?;
    tx.commit().await.map_err(anyhow::Error::from)?;
    Ok(out.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?)
}

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, return) is kept as
/// text with a leading apostrophe (OWASP's CSV-injection advice).
pub(crate) fn as_text(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_owned(),
    }
}

/// The sort key of a keyset cursor, as the client sent it back.
enum Cursor {
    Due(String),
    Submitted(i64),
}

/// `{key}_{id}`: a due date for the order by due date, milliseconds for the others.
fn parse_cursor(sort: QueueSort, c: &str) -> Option<(Cursor, i64)> {
    let (key, id) = c.split_once('_')?;
    let key = match sort {
        QueueSort::Due => {
            NaiveDate::parse_from_str(key, "%Y-%m-%d").ok()?;
            Cursor::Due(key.to_owned())
        }
        QueueSort::Newest | QueueSort::Oldest => Cursor::Submitted(key.parse().ok()?),
    };
    Some((key, id.parse().ok()?))
}

/// Every unit by name, for choosing where to forward or whom to designate.
pub async fn units(
    state: &AppState,
    staff: StaffId,
) -> AppResult<Vec<shared::petition::UnitOption>> {
    let actor = StaffActor::load(state, staff).await?;
    if actor.unit_id.is_none() || !actor.has_any(access::UNMASK_ROLES) {
        return Err(AppError::Forbidden("您的账户不办理信访事项。".into()));
    }
    Ok(db::units::all(&state.db.pool)
        .await?
        .into_iter()
        .filter(|u| !u.closed)
        .map(|u| shared::petition::UnitOption {
            id: u.id,
            name: u.name,
            kind: u.kind.code().to_owned(),
        })
        .collect())
}
