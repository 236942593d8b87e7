//! The `portal` command: serve the portal, create the first administrator, verify the audit
//! trail, back the database up and restore it.

use server::config::Settings;
use server::startup::{Application, build_state};

const USAGE: &str = "usage:
  portal [serve] [--demo]        start the portal (--demo fills the demo jurisdiction and staff)
  portal create-admin USERNAME   create an administrator; the password is printed once
  portal import-regions [--within CODE] FILE...
                                 load division codes (CSV code,name,… or JSON [{code,name,children}]);
                                 --within keeps one city, county or township and retires its
                                 codes the files no longer list
  portal verify-audit            check the audit trail's chain; exits 1 if a record was changed
  portal rebuild-statistics      recompute the monthly figures (统计) from the petitions
  portal backup FILE             write a consistent copy of the database while the portal runs
  portal restore FILE            restore a backup into the configured (new, empty) database";

fn main() -> anyhow::Result<()> {
    limit_malloc_arenas();
    actix_web::rt::System::new().block_on(run())
}

/// glibc gives each thread that allocates its own arena (up to eight per core), and each
/// keeps the memory it once held: with actix's workers, the runtime's blocking threads and
/// SQLite's connection threads that is tens of megabytes of resident memory for nothing.
/// Two arenas keep the portal inside its memory budget at no measurable cost in speed.
/// A fixed mmap threshold sends every large block (argon2's 19 MiB per password check)
/// straight back to the system when freed; glibc's sliding threshold would otherwise keep
/// them in the heap after the first one. Set before any thread starts.
fn limit_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    #[expect(
        unsafe_code,
        reason = "glibc's allocator is tuned through its C interface"
    )]
    // SAFETY: mallopt only changes allocator tuning; it is called before other threads exist.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
        libc::mallopt(libc::M_MMAP_THRESHOLD, 256 * 1024);
    }
}

async fn run() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut settings = Settings::load()?;
    server::telemetry::init(&settings.log);
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] | ["serve"] => serve(settings).await,
        ["--demo"] | ["serve", "--demo"] => {
            settings.demo = true;
            serve(settings).await
        }
        ["create-admin", username] => create_admin(settings, username).await,
        ["import-regions", "--within", code, files @ ..] if !files.is_empty() => {
            import_regions(settings, Some(code), files).await
        }
        ["import-regions", files @ ..] if !files.is_empty() && !files[0].starts_with("--") => {
            import_regions(settings, None, files).await
        }
        ["verify-audit"] => verify_audit(settings).await,
        ["rebuild-statistics"] => rebuild_statistics(settings).await,
        ["backup", file] => backup(settings, file).await,
        ["restore", file] => restore(settings, file).await,
        _ => {
            eprintln!("{USAGE}");
            std::process::exit(2);
        }
    }
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    let app = Application::build(settings).await?;
    let address = format!("http://{}:{}", app.state.settings.server.host, app.port());
    tracing::info!(%address, "portal listening");
    println!("阳光信访 portal is running at {address}  (Ctrl-C to stop)");
    app.run_until_stopped().await?;
    Ok(())
}

async fn create_admin(settings: Settings, username: &str) -> anyhow::Result<()> {
    let state = build_state(settings).await?;
    match server::services::staff::create(&state, None, username, "系统管理员", "administrator")
        .await?
    {
        Some(password) => {
            println!("administrator {username} created; password (shown once): {password}");
            Ok(())
        }
        None => anyhow::bail!("a staff account named {username} already exists"),
    }
}

async fn import_regions(
    settings: Settings,
    within: Option<&str>,
    files: &[&str],
) -> anyhow::Result<()> {
    let state = build_state(settings).await?;
    let mut texts = Vec::new();
    for file in files {
        texts.push(
            std::fs::read_to_string(file)
                .map_err(|e| anyhow::anyhow!("{file}: {e} (UTF-8 text expected)"))?,
        );
    }
    match server::services::admin::regions::import_from_console(&state, &texts, within).await {
        Ok(summary) => {
            println!("{}", summary.summary());
            Ok(())
        }
        Err(server::error::AppError::Validation(fields)) => {
            for f in &fields {
                eprintln!("{}: {}", f.field, f.message);
            }
            std::process::exit(1);
        }
        Err(e) => Err(anyhow::anyhow!("{e}")),
    }
}

async fn rebuild_statistics(settings: Settings) -> anyhow::Result<()> {
    let state = build_state(settings).await?;
    let rows = server::services::statistics::rebuild::run(&state.db).await?;
    println!("统计已按全部信访事项重新计算：写入{rows}行月度汇总。");
    Ok(())
}

async fn verify_audit(settings: Settings) -> anyhow::Result<()> {
    let state = build_state(settings).await?;
    let checkpoint = state.settings.audit_checkpoint();
    let report =
        server::audit::verify_with_checkpoint(&state.db.pool, &state.vault, &checkpoint).await?;
    match report.problem {
        None => {
            println!("审计链完整：共校验{}条记录。", report.checked);
            Ok(())
        }
        Some(problem) => {
            println!(
                "审计链已被破坏：{problem}（此前{}条记录完好）。",
                report.checked
            );
            std::process::exit(1);
        }
    }
}

async fn backup(settings: Settings, file: &str) -> anyhow::Result<()> {
    let db = server::db::Db::connect(&settings.database).await?;
    let attachments = settings.data_dir.join("attachments");
    server::backup::backup(
        &db,
        &settings.database,
        &attachments,
        std::path::Path::new(file),
    )
    .await?;
    println!(
        "备份完成：{file}（附件在{file}.attachments）。备份中的个人信息和附件是加密的，恢复时需要同一把主密钥（security.master_key 或 {}），请与备份分开妥善保管。",
        settings.data_dir.join("master.key").display()
    );
    Ok(())
}

async fn restore(settings: Settings, file: &str) -> anyhow::Result<()> {
    let attachments = settings.data_dir.join("attachments");
    let summary =
        server::backup::restore(&settings.database, &attachments, std::path::Path::new(file))
            .await?;
    println!(
        "恢复完成：{}件信访事项，{}条审计记录；数据库完整性检查通过。启动前请确认主密钥与备份时相同，并运行 portal verify-audit。",
        summary.petitions, summary.audit_records
    );
    Ok(())
}
