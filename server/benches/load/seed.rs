//! The benchmark's data set: the demo jurisdiction, citizens, staff and petitions with
//! their timelines, written in bulk (multi-row inserts in large transactions) through
//! the portal's own schema, keys and reference data.

use std::collections::HashMap;
use std::time::Instant;

use anyhow::Context;
use chrono::{Datelike, Duration, NaiveDate};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use server::config::Settings;
use server::crypto::Field;
use server::state::AppState;
use shared::person::{IdCardNumber, Password};
use shared::petition::{PetitionNumber, QueryCode};

use crate::bulk::{Val, insert_rows};

mod counties;

use counties::counties;

/// Every tenth petition belongs to one citizen, so a citizen has ten.
const PETITIONS_PER_CITIZEN: usize = 10;
/// Rows per committed transaction.
const ROWS_PER_COMMIT: usize = 50_000;
/// Every citizen of the data set has this password (hashed once, not per row).
pub const PASSWORD: &str = "Bench-Pass-2026!";

/// What the load scenarios need from the data set.
pub struct Seeded {
    /// (number, query code) of a sample of petitions, for the look-ups.
    pub lookups: Vec<(String, String)>,
    /// Phones of citizens with petitions, for logins.
    pub phones: Vec<String>,
    /// Numbers of petitions in the staff member's queue, for the case page.
    pub staff_cases: Vec<String>,
    /// A handler of the department whose queue is measured.
    pub staff: (String, String),
    /// The head of the measured county's bureau (统计通报 of the county's units).
    pub head: (String, String),
    /// A supervisor of the city's bureau, above every county (督查看板).
    pub supervisor: (String, String),
    /// (category, region) of the filings the load makes.
    pub filing: (i64, i64),
    pub petitions: usize,
    pub events: usize,
    pub seconds: f64,
}

/// The status mix of the last quarter's petitions: most in hand, some waiting.
const STATUSES: [(&str, u32); 6] = [
    ("submitted", 10),
    ("forwarded", 5),
    ("handling", 50),
    ("awaiting_approval", 5),
    ("replied", 20),
    ("closed", 10),
];
const KINDS: [&str; 4] = ["suggestion", "appeal", "inquiry", "appeal"];

pub async fn seed(settings: &Settings, petitions: usize) -> anyhow::Result<Seeded> {
    let started = Instant::now();
    let state = server::startup::build_state(settings.clone()).await?;
    if state.db.backend == server::db::Backend::Sqlite {
        // The data set is written once and thrown away if the run fails, so its writer
        // skips the per-commit fsync and keeps the growing indexes in memory; the portal
        // started on it afterwards opens its own connections with synchronous = FULL.
        sqlx::query("PRAGMA synchronous = OFF; PRAGMA cache_size = -524288")
            .execute(&state.db.writer)
            .await?;
    }
    server::seed::categories(&state).await?;
    server::seed::demo(&state).await?;
    let counties = counties(&state).await?;
    let categories: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM categories c WHERE NOT EXISTS (SELECT 1 FROM categories d WHERE d.parent_id = c.id) ORDER BY id",
    )
    .fetch_all(&state.db.pool)
    .await?;
    let hash = state
        .passwords
        .hash(&Password::parse(PASSWORD).expect("a valid password"))
        .await?;

    let citizens = petitions.div_ceil(PETITIONS_PER_CITIZEN).max(1);
    let first_citizen = next_id(&state, "citizens").await?;
    let phones = insert_citizens(&state, citizens, &hash).await?;

    let first_petition = next_id(&state, "petitions").await?;
    let measured = &counties[0];
    let department = measured.departments[0];
    let mut rng = StdRng::seed_from_u64(2026);
    let today = chrono::Utc::now().date_naive();
    // The petitioner's window to ask for a review after a reply (art. 35).
    let review_window = i64::from(settings.clocks.review_request.days);
    let mut sequences: HashMap<String, i64> = HashMap::new();
    let mut lookups = Vec::new();
    let mut staff_cases = Vec::new();
    let mut events = 0;
    let mut rows: Vec<PetitionRow> = Vec::with_capacity(ROWS_PER_COMMIT);
    for i in 0..petitions {
        let county = &counties[i % counties.len()];
        let filed = today - Duration::days(rng.random_range(0..730));
        let scope = format!("{}-{}", filed.year(), county.code);
        let seq = sequences.entry(scope).or_default();
        *seq += 1;
        let number = PetitionNumber::new(filed.year(), &county.code, *seq as u64);
        let code = QueryCode::from_random(rng.random());
        let age = (today - filed).num_days();
        let mut status = pick_status(&mut rng, age);
        // A reply opens the petitioner's window to ask for a review; one that ran out
        // was closed by the clock job long ago (办结), as on a portal in service.
        let (clock, clock_start, due) = match status {
            "submitted" => ("acceptance", filed, filed + Duration::days(15)),
            "replied" => {
                let replied = filed + Duration::days(rng.random_range(0..=age.min(60)));
                (
                    "review_request",
                    replied,
                    replied + Duration::days(review_window),
                )
            }
            // Handling petitions carry the staggered due dates a real queue has.
            _ => ("handling", filed, filed + Duration::days(60)),
        };
        if status == "replied" && due < today {
            status = "closed";
        }
        let unit = if matches!(status, "submitted") {
            county.bureau
        } else {
            county.departments[rng.random_range(0..county.departments.len())]
        };
        let id = first_petition + i as i64;
        if i % 100 == 0 {
            lookups.push((number.as_str().to_owned(), code.expose().to_owned()));
        }
        if unit == department && status == "handling" && staff_cases.len() < 1000 {
            staff_cases.push(number.as_str().to_owned());
        }
        let row = PetitionRow {
            id,
            hash: state.vault.query_code_hash(number.as_str(), code.expose()),
            number: number.as_str().to_owned(),
            citizen: first_citizen + (i % citizens) as i64,
            kind: KINDS[i % KINDS.len()],
            category: categories[rng.random_range(0..categories.len())],
            region: county.places[rng.random_range(0..county.places.len())],
            status,
            filed,
            unit,
            bureau: county.bureau,
            clock,
            clock_start,
            due,
            at: filed
                .and_hms_opt(9, 0, 0)
                .expect("a time")
                .and_utc()
                .timestamp_millis(),
        };
        events += crate::timeline::TIMELINE
            .iter()
            .filter(|t| t.4.contains(&format!("'{status}'")))
            .count();
        rows.push(row);
        if rows.len() == ROWS_PER_COMMIT {
            write_petitions(&state, &rows).await?;
            rows.clear();
        }
    }
    write_petitions(&state, &rows).await?;
    finish(&state, &sequences).await?;
    let staff = staff_of(&state, department, "bench_handler", "intake,handler").await?;
    let head = staff_of(&state, measured.bureau, "bench_head", "unit_head").await?;
    let city: i64 = sqlx::query_scalar("SELECT parent_id FROM units WHERE id = $1")
        .bind(measured.bureau)
        .fetch_one(&state.db.pool)
        .await?;
    let supervisor = staff_of(&state, city, "bench_supervisor", "supervisor").await?;
    Ok(Seeded {
        head,
        supervisor,
        lookups,
        phones: phones.into_iter().take(64).collect(),
        staff_cases,
        staff,
        filing: (categories[0], measured.places[0]),
        petitions,
        events,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// Petitions older than a quarter are answered or closed; younger ones are at every step.
fn pick_status(rng: &mut StdRng, age_days: i64) -> &'static str {
    if age_days > 90 {
        return if rng.random_ratio(85, 100) {
            "closed"
        } else {
            "replied"
        };
    }
    let total: u32 = STATUSES.iter().map(|s| s.1).sum();
    let mut n = rng.random_range(0..total);
    for (status, weight) in STATUSES {
        if n < weight {
            return status;
        }
        n -= weight;
    }
    "closed"
}

async fn next_id(state: &AppState, table: &str) -> anyhow::Result<i64> {
    let max: Option<i64> = sqlx::query_scalar(&format!("SELECT MAX(id) FROM {table}"))
        .fetch_one(&state.db.pool)
        .await?;
    Ok(max.unwrap_or(0) + 1)
}

/// Citizens with encrypted identities and blind indexes like registered ones.
async fn insert_citizens(state: &AppState, n: usize, hash: &str) -> anyhow::Result<Vec<String>> {
    let start = NaiveDate::from_ymd_opt(1950, 1, 1).expect("a date");
    let v = &state.vault;
    let mut phones = Vec::new();
    let mut batch = Vec::new();
    for i in 0..n {
        let born = start + Duration::days((i / 1000) as i64);
        let first = format!("990101{}{:03}", born.format("%Y%m%d"), i % 1000);
        let id_number = format!(
            "{first}{}",
            IdCardNumber::check_char(&first).expect("digits")
        );
        let phone = format!("150{i:08}");
        batch.push(vec![
            Val::Blob(v.encrypt(Field::RealName, "张三")),
            Val::Blob(v.encrypt(Field::IdNumber, &id_number)),
            Val::Blob(v.blind_index(Field::IdNumber, &id_number)),
            Val::Blob(v.encrypt(Field::Phone, &phone)),
            Val::Blob(v.blind_index(Field::Phone, &phone)),
            Val::Text(hash.to_owned()),
            Val::Int(0),
        ]);
        phones.push(phone);
        if batch.len() == ROWS_PER_COMMIT || i + 1 == n {
            insert_rows(
                state,
                "citizens (real_name_enc, id_number_enc, id_number_idx, phone_enc, phone_idx, password_hash, created_at)",
                &batch,
                "",
            )
            .await?;
            batch.clear();
        }
    }
    Ok(phones)
}

struct PetitionRow {
    id: i64,
    number: String,
    hash: Vec<u8>,
    citizen: i64,
    kind: &'static str,
    category: i64,
    region: i64,
    status: &'static str,
    filed: NaiveDate,
    unit: i64,
    /// The county bureau that received it (统计: counted there).
    bureau: i64,
    clock: &'static str,
    clock_start: NaiveDate,
    due: NaiveDate,
    at: i64,
}

async fn write_petitions(state: &AppState, rows: &[PetitionRow]) -> anyhow::Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let petitions: Vec<Vec<Val>> = rows
        .iter()
        .map(|p| {
            let due = p.due.to_string();
            vec![
                Val::Int(p.id),
                Val::Text(p.number.clone()),
                Val::Blob(p.hash.clone()),
                Val::Int(p.citizen),
                Val::Text(p.kind.into()),
                Val::Int(p.category),
                Val::Int(p.region),
                Val::Text(format!("关于{}小区供暖不达标的问题", p.id % 997)),
                Val::Text(p.status.into()),
                Val::Int(p.at),
                Val::Text((p.filed + Duration::days(15)).to_string()),
                Val::Int(p.at),
                Val::Int(p.unit),
                Val::Text(p.clock.into()),
                Val::Text(p.clock_start.to_string()),
                Val::Text(due),
                Val::Int(p.bureau),
                Val::Text(p.filed.to_string()),
                match crate::figures::decided(p.id, p.status, p.filed) {
                    Some((day, _)) => Val::Text(day.to_string()),
                    None => Val::NullText,
                },
                match crate::figures::decided(p.id, p.status, p.filed) {
                    Some((_, in_time)) => Val::Int(i64::from(in_time)),
                    None => Val::NullInt,
                },
                match crate::figures::decided(p.id, p.status, p.filed) {
                    Some(_) => Val::Text(crate::figures::routed_as(p.id).into()),
                    None => Val::NullText,
                },
                match crate::figures::decided(p.id, p.status, p.filed) {
                    Some(_) => Val::Int(p.unit),
                    None => Val::NullInt,
                },
            ]
        })
        .collect();
    insert_rows(
        state,
        "petitions (id, number, query_code_hash, citizen_id, kind, category_id, region_id, title, status, \
         submitted_at, acceptance_due, updated_at, unit_id, clock, clock_start, due_on, received_by, \
         received_on, decided_on, decided_in_time, decided_as, decided_to, channel, facts, request, \
         other_procedure, people_count, publish_consent, version)",
        &petitions,
        "'online', '入冬以来小区室温长期低于十六度，多次向物业和供热公司反映未果。', \
         '请督促供热单位整改，保障居民正常供暖。', 'none', 1, 0, 1",
    )
    .await?;
    let answered = rows
        .iter()
        .filter(|p| matches!(p.status, "replied" | "closed"))
        .map(|p| (p.id, p.unit, p.filed));
    crate::figures::answers(state, answered).await?;
    crate::timeline::write(state, rows[0].id).await?;
    crate::timeline::alerts(state, rows[0].id).await
}

/// The per-year sequences continue after the seeded numbers; PostgreSQL's identities too.
async fn finish(state: &AppState, sequences: &HashMap<String, i64>) -> anyhow::Result<()> {
    let mut tx = state.db.begin_write().await?;
    for (scope, last) in sequences {
        sqlx::query(
            "INSERT INTO petition_sequences (scope, last_value) VALUES ($1, $2) \
             ON CONFLICT (scope) DO UPDATE SET last_value = $2",
        )
        .bind(scope)
        .bind(last)
        .execute(&mut *tx)
        .await?;
    }
    if state.db.backend == server::db::Backend::Postgres {
        for table in ["citizens", "petitions", "petition_events"] {
            sqlx::query(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
            ))
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    // Fresh statistics, as a database that grew over years would have.
    sqlx::query("ANALYZE").execute(&state.db.pool).await?;
    Ok(())
}

/// A staff member of `unit` with `roles`, and the one-time password.
async fn staff_of(
    state: &AppState,
    unit: i64,
    username: &str,
    roles: &str,
) -> anyhow::Result<(String, String)> {
    let username = username.to_owned();
    let password = server::services::staff::create(state, Some(unit), &username, "压测人员", roles)
        .await?
        .context("a new staff account")?;
    Ok((username, password))
}
