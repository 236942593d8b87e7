//! Builds the application from settings: state, database, routes, middleware, and the listener.

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use actix_web::dev::Server;
use actix_web::middleware::{Compress, from_fn};
use actix_web::{App, HttpServer, web};
use anyhow::Context;
use shared::clock::Calendar;
use tracing_actix_web::TracingLogger;

use crate::auth::passwords::PasswordPolicy;
use crate::auth::tokens::TokenKeys;
use crate::config::Settings;
use crate::crypto::{Vault, load_master_key};
use crate::db::Db;
use crate::rate_limit::Limiters;
use crate::state::AppState;
use crate::storage::AttachmentStore;
use crate::telemetry::PortalRootSpan;

/// A built, bound, not yet running application.
pub struct Application {
    port: u16,
    server: Server,
    pub state: AppState,
}

/// Connects to the database, applies migrations and assembles the shared state.
pub async fn build_state(settings: Settings) -> anyhow::Result<AppState> {
    let master = load_master_key(&settings.security.master_key, &settings.data_dir)?;
    let vault = Arc::new(Vault::new(&master));
    let tokens = TokenKeys::new(
        vault.jwt_key(),
        settings.security.access_token_minutes,
        settings.security.refresh_token_days,
    );
    let db = Db::connect(&settings.database).await?;
    let attachments = AttachmentStore::new(settings.data_dir.join("attachments"), vault.clone())?;
    let passwords = tokio::task::spawn_blocking(PasswordPolicy::new)
        .await
        .context("password policy")?;
    let mut calendar = Calendar::official();
    for file in &settings.calendar_files {
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("failed to read {}", file.display()))?;
        calendar
            .load(&text)
            .with_context(|| format!("invalid calendar file {}", file.display()))?;
    }
    let (filings, writer) = crate::services::petitions::FilingQueue::new();
    let (views, view_writer) = crate::audit::views::ViewLog::new();
    let org = Arc::new(crate::services::org::OrgCache::new(db.pool.clone()));
    let state = AppState {
        db,
        vault,
        tokens: Arc::new(tokens),
        passwords: Arc::new(passwords),
        calendar: Arc::new(crate::calendar::CalendarCell::new(calendar)),
        limiters: Arc::new(Limiters::new(&settings.limits)),
        attachments,
        settings: Arc::new(settings),
        outbox_wake: Arc::default(),
        org,
        images: Arc::default(),
        views,
        filings,
    };
    tokio::spawn(crate::services::petitions::write_filings(
        state.clone(),
        writer,
    ));
    tokio::spawn(crate::audit::views::run(
        state.db.clone(),
        state.vault.clone(),
        view_writer,
    ));
    Ok(state)
}

impl Application {
    /// Builds everything and binds the listener (port 0 picks a free port, for tests).
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let address = (settings.server.host.clone(), settings.server.port);
        let state = build_state(settings).await?;
        state.calendar.reload(&state.db.pool).await?;
        crate::seed::categories(&state).await?;
        crate::services::statistics::rebuild::if_missing(&state.db).await?;
        if state.settings.demo {
            for (username, password) in crate::seed::demo(&state).await? {
                // Printed once to the operator's terminal, deliberately not through the log.
                println!("demo staff account: {username} / {password}");
            }
        }
        let listener =
            TcpListener::bind(address).context("failed to bind the listening address")?;
        let port = listener.local_addr()?.port();
        let server = run(listener, state.clone())?;
        Ok(Self {
            port,
            server,
            state,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until SIGINT/SIGTERM, then stops accepting and lets requests finish.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

fn run(listener: TcpListener, state: AppState) -> anyhow::Result<Server> {
    if !state.settings.demo
        && state.settings.notify.sms.provider == crate::config::SmsProviderKind::Inbox
    {
        tracing::warn!(
            "no SMS provider is configured (notify.sms.provider = \"inbox\"): texts, \
             registration codes among them, are kept in the database and reach nobody"
        );
    }
    tokio::spawn(housekeeping(state.clone()));
    tokio::spawn(crate::jobs::scheduler(state.clone()));
    if state.settings.notify.worker {
        tokio::spawn(crate::jobs::outbox::worker(state.clone()));
    }
    let data = web::Data::new(state);
    let ui = crate::ui::Ui::new(&data)?;
    let server = HttpServer::new(move || {
        App::new()
            // Innermost, so that a panic's 500 still gets the headers and compression.
            .wrap(from_fn(crate::panics::contain))
            .wrap(Compress::default())
            .wrap(crate::headers::defaults())
            .wrap(from_fn(crate::auth::cookies::apply_pending))
            .wrap(from_fn(crate::csrf::refuse_cross_site))
            .wrap(from_fn(crate::ui::posted::one_refusal_in_address))
            .wrap(TracingLogger::<PortalRootSpan>::new())
            .app_data(data.clone())
            .service(crate::routes::health::live)
            .service(crate::routes::health::ready)
            .configure(crate::routes::api::configure)
            .configure(|cfg| ui.configure(cfg))
    })
    .shutdown_timeout(10)
    .listen(listener)?
    .run();
    Ok(server)
}

/// Every minute: forget idle rate-limit clients, drop idempotency records and
/// verification codes older than a day (saved receipts hold query codes), pick up calendar
/// years another instance's administrator entered, and move the audit checkpoint. Safe on
/// several instances at once.
async fn housekeeping(state: AppState) {
    const KEEP_MS: i64 = 24 * 3600 * 1000;
    let mut tick = tokio::time::interval(Duration::from_secs(60));
    loop {
        tick.tick().await;
        state.limiters.shrink();
        if let Err(e) =
            crate::db::idempotency::purge(&state.db.writer, crate::time::now_ms() - KEEP_MS).await
        {
            tracing::warn!(error = %e, "failed to purge old idempotency records");
        }
        // Verification codes count towards the daily limit for a day, then go.
        if let Err(e) =
            crate::db::verification::purge(&state.db.writer, crate::time::now_ms() - KEEP_MS).await
        {
            tracing::warn!(error = %e, "failed to purge old verification codes");
        }
        if let Err(e) = state.calendar.reload(&state.db.pool).await {
            tracing::warn!(error = %e, "failed to reload the holiday calendar");
        }
        if let Err(e) = crate::audit::checkpoint::advance(&state).await {
            tracing::warn!(error = %e, "failed to write the audit checkpoint");
        }
    }
}
