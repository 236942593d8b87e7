//! 行政区划: loading the jurisdiction from the official division codes, by the
//! `portal import-regions` command or an administrator's upload. A re-import renames and
//! moves what changed and retires, within the imported division, the codes the list no
//! longer has: a retired region is offered to nobody, and petitions that name it keep it.

pub mod divisions;

use std::collections::HashMap;

use shared::admin::RegionImportView;
use shared::ids::{RegionId, StaffId};

use self::divisions::{Division, DivisionError};
use super::{administrator, record_in};
use crate::audit;
use crate::db;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::time::now_ms;

/// Reads the divisions of `files`, all of them or, with `within`, that division's subtree.
pub fn read(files: &[String], within: Option<&str>) -> AppResult<(Vec<Division>, Option<String>)> {
    let root = match within.map(str::trim).filter(|w| !w.is_empty()) {
        None => None,
        Some(code) => match divisions::normalize(code) {
            Ok(Some((code, level))) => Some(Division {
                code,
                name: String::new(),
                level,
            }),
            Ok(None) => {
                return Err(AppError::field(
                    "within",
                    "请填写市、县（区）或乡镇（街道）的区划代码，不能是省级",
                ));
            }
            Err(reason) => return Err(AppError::field("within", reason)),
        },
    };
    let mut all = Vec::new();
    for (i, text) in files.iter().enumerate() {
        let keep = |code: &str| root.as_ref().is_none_or(|r| divisions::within(code, r));
        let found = divisions::parse(text, keep).map_err(|e| {
            let which = if files.len() > 1 {
                format!("第{}个文件", i + 1)
            } else {
                String::new()
            };
            AppError::field(
                "file",
                match e {
                    DivisionError::Line { .. } | DivisionError::File(_) => format!("{which}{e}"),
                },
            )
        })?;
        all.extend(found);
    }
    all.sort_by(|a, b| a.code.cmp(&b.code));
    all.dedup_by(|a, b| a.code == b.code);
    if let Some(root) = &root
        && !all.iter().any(|d| d.code == root.code)
    {
        return Err(AppError::field(
            "within",
            format!("导入的数据中没有区划代码{}本身", root.code),
        ));
    }
    if all.is_empty() {
        return Err(AppError::field("file", "文件中没有可导入的区划"));
    }
    Ok((all, root.map(|r| r.code)))
}

/// What an import changed.
pub type Summary = RegionImportView;

/// Writes `found` in the caller's transaction: new codes added, changed names and parents
/// updated, and (with a root) the codes under the root that `found` lacks retired.
pub async fn apply(
    tx: &mut db::Tx,
    found: &[Division],
    root: Option<&str>,
    now: i64,
) -> AppResult<Summary> {
    let existing = db::reference::regions_in(tx).await?;
    let mut ids: HashMap<String, RegionId> =
        existing.iter().map(|r| (r.code.clone(), r.id)).collect();
    let by_code: HashMap<&str, &db::reference::RegionRow> =
        existing.iter().map(|r| (r.code.as_str(), r)).collect();
    let mut s = Summary::default();
    // Sorted by code, so a parent comes before its children.
    for d in found {
        let parent = d.parent_code().and_then(|p| ids.get(&p).copied());
        match by_code.get(d.code.as_str()) {
            None => {
                let id = db::reference::insert_region(
                    tx,
                    parent.map(|p| p.0),
                    &d.code,
                    &d.name,
                    d.level,
                )
                .await?;
                ids.insert(d.code.clone(), RegionId(id));
                s.added += 1;
            }
            Some(r)
                if r.name != d.name || r.parent_id != parent || r.level != d.level || r.retired =>
            {
                db::reference::update_region(tx, r.id, parent, &d.name, d.level).await?;
                if r.name != d.name {
                    s.renamed += 1;
                }
                if r.parent_id != parent {
                    s.moved += 1;
                }
                if r.retired {
                    s.restored += 1;
                }
            }
            Some(_) => s.unchanged += 1,
        }
    }
    if let Some(root) = root {
        let root = Division {
            code: root.to_owned(),
            name: String::new(),
            level: divisions::normalize(root)
                .ok()
                .flatten()
                .map_or(shared::reference::Level::County, |(_, l)| l),
        };
        let listed: std::collections::HashSet<&str> =
            found.iter().map(|d| d.code.as_str()).collect();
        for r in &existing {
            if !r.retired && divisions::within(&r.code, &root) && !listed.contains(r.code.as_str())
            {
                db::reference::retire_region(tx, r.id, now).await?;
                s.retired += 1;
            }
        }
    }
    Ok(s)
}

/// The most divisions one upload writes: a city's villages fit; a country's are the
/// console's (one long transaction there is the operator's choice).
const UPLOAD_MAX: usize = 100_000;

/// Who imports: an administrator (page or API), or the operator at the console.
enum Importer {
    Administrator(crate::services::workflow::StaffActor),
    Console,
}

/// An administrator's import from the page or the API.
pub async fn import(
    state: &AppState,
    staff: StaffId,
    client: &str,
    files: &[String],
    within: Option<&str>,
) -> AppResult<Summary> {
    let actor = administrator(state, staff).await?;
    run(state, Importer::Administrator(actor), client, files, within).await
}

/// The `portal import-regions` command.
pub async fn import_from_console(
    state: &AppState,
    files: &[String],
    within: Option<&str>,
) -> AppResult<Summary> {
    run(state, Importer::Console, "console", files, within).await
}

/// Reads, writes and audits an import in one transaction.
async fn run(
    state: &AppState,
    who: Importer,
    client: &str,
    files: &[String],
    within: Option<&str>,
) -> AppResult<Summary> {
    let (found, root) = read(files, within)?;
    if matches!(who, Importer::Administrator(_)) && found.len() > UPLOAD_MAX {
        return Err(AppError::field(
            "within",
            format!(
                "一次上传最多导入{UPLOAD_MAX}个区划（共{}个）：请填写本县（区）的区划代码，或在服务器上运行 portal import-regions",
                found.len()
            ),
        ));
    }
    let now = now_ms();
    let mut tx = state.db.begin_write().await?;
    let summary = apply(&mut tx, &found, root.as_deref(), now).await?;
    let detail = detail(&summary, root.as_deref());
    match who {
        Importer::Administrator(actor) => {
            record_in(&mut tx, state, &actor, client, "regions_import", detail).await?;
        }
        Importer::Console => {
            let entry = audit::Entry {
                at: now,
                actor: "console".into(),
                role: None,
                unit_id: None,
                action: "regions_import",
                petition_id: None,
                detail: Some(detail),
                client: None,
            };
            audit::record(&mut tx, &state.vault, entry).await?;
        }
    }
    tx.commit().await.map_err(anyhow::Error::from)?;
    state.org.invalidate().await;
    Ok(summary)
}

fn detail(s: &Summary, root: Option<&str>) -> String {
    format!(
        "within={} added={} renamed={} moved={} retired={} restored={}",
        root.unwrap_or("all"),
        s.added,
        s.renamed,
        s.moved,
        s.retired,
        s.restored
    )
}
