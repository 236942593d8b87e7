//! Several workers over one outbox: a claim that dies with its worker, two instances
//! draining together, and a lease long enough for the slowest batch.

use server::jobs::outbox::{Channels, Round, run_once};

use super::portal;
use super::stand_ins::StandIn;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_worker_killed_mid_send_leaves_the_message_to_the_next_one() {
    let sms = StandIn::start().await;
    let (app, channels) = portal(&sms, |_| {}).await;
    let citizen = app.citizen().await;
    app.file_ok(&citizen.token).await;
    // Worker "w-dead" claims everything and dies before settling; its lease runs out.
    let now = chrono::Utc::now().timestamp_millis();
    let claimed = server::db::outbox::claim(&app.state.db, "w-dead", now, now - 1, 50, &[])
        .await
        .unwrap();
    assert_eq!(claimed.len(), 2);
    let round = run_once(&app.state, &channels, "w-restarted")
        .await
        .unwrap();
    assert_eq!(round.sent, 2);
    assert_eq!(sms.keys().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_draining_together_never_send_the_same_message() {
    let sms = StandIn::start().await;
    let (app, channels) = portal(&sms, |s| s.notify.batch = 7).await;
    let citizen = app.citizen().await;
    for _ in 0..12 {
        app.file_ok(&citizen.token).await;
    }
    // A second instance: its own state and connection pool on the same database.
    let second = server::startup::build_state((*app.state.settings).clone())
        .await
        .unwrap();
    let other = Channels::from_settings(&second).unwrap();
    loop {
        let (a, b) = tokio::join!(
            run_once(&app.state, &channels, "instance-a"),
            run_once(&second, &other, "instance-b")
        );
        if a.unwrap() == Round::default() && b.unwrap() == Round::default() {
            break;
        }
    }
    let keys = sms.keys();
    let unique: std::collections::BTreeSet<_> = keys.iter().collect();
    assert_eq!(keys.len(), 12, "each SMS sent exactly once");
    assert_eq!(unique.len(), 12);
    let sent: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE status = 'sent' AND template = 'petition_filed'",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(sent, 24);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_claim_outlives_the_slowest_batch_so_no_second_instance_sends_it_again() {
    let sms = StandIn::start().await;
    let (app, _) = portal(&sms, |_| {}).await;
    let citizen = app.citizen().await;
    app.file_ok(&citizen.token).await;
    let n = &app.state.settings.notify;
    let now = chrono::Utc::now().timestamp_millis();
    let until = now + server::jobs::outbox::lease_ms(n);
    server::db::outbox::claim(&app.state.db, "w-slow", now, until, n.batch, &[])
        .await
        .unwrap();
    // The worst case of a batch: every delivery runs to its timeout, PARALLEL at a time.
    let rounds = usize::try_from(n.batch)
        .unwrap()
        .div_ceil(server::jobs::outbox::PARALLEL);
    let slowest = i64::try_from(rounds).unwrap() * i64::try_from(n.timeout_secs).unwrap() * 1000;
    let leases: Vec<i64> =
        sqlx::query_scalar("SELECT claimed_until FROM outbox WHERE claimed_by = 'w-slow'")
            .fetch_all(&app.state.db.pool)
            .await
            .unwrap();
    assert!(!leases.is_empty());
    assert!(
        leases.iter().all(|l| *l - now > slowest),
        "{leases:?} vs {slowest}"
    );
    // Another instance, when the slowest batch could just have finished, finds nothing of
    // it to claim.
    let later = now + slowest;
    let again = server::db::outbox::claim(&app.state.db, "w-other", later, later + 1, 50, &[])
        .await
        .unwrap();
    assert!(again.is_empty());
}
