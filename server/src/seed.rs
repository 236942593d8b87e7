//! Initial data: the default category tree (on every start, if empty), and the demo
//! jurisdiction with demo staff accounts (only when the demo switch is on).

use anyhow::Context;
use shared::reference::Level;

use crate::db::{self, reference::Table};
use crate::state::AppState;

/// The category tree of the domain brief; administrators edit it later.
const CATEGORIES: &[(&str, &[&str])] = &[
    (
        "城乡建设",
        &["住房保障", "物业管理", "征收拆迁", "城市管理"],
    ),
    ("劳动社保", &["拖欠工资", "社会保险", "劳动关系"]),
    ("国土资源", &["土地征收", "宅基地", "矿产资源"]),
    ("民政救助", &["最低生活保障", "临时救助", "养老服务"]),
    ("市场监管", &["消费维权", "无照经营", "食品安全", "欺诈"]),
    ("环境扰民", &["油烟", "噪音", "污染"]),
    ("涉法涉诉", &[]),
    ("其他", &[]),
];

/// A fictional city (code prefix 99 is unused by real regions) with one district and
/// one county, their townships and villages.
const REGIONS: &[(&str, &str, Level, Option<&str>)] = &[
    ("990100", "示范市", Level::City, None),
    ("990102", "东城区", Level::County, Some("990100")),
    ("990121", "清河县", Level::County, Some("990100")),
    ("990102001", "新桥街道", Level::Township, Some("990102")),
    ("990102002", "望江街道", Level::Township, Some("990102")),
    ("990121100", "清河镇", Level::Township, Some("990121")),
    ("990121101", "柳林乡", Level::Township, Some("990121")),
    (
        "990102001001",
        "新桥社区",
        Level::Village,
        Some("990102001"),
    ),
    (
        "990102001002",
        "枫林社区",
        Level::Village,
        Some("990102001"),
    ),
    (
        "990102002001",
        "江滨社区",
        Level::Village,
        Some("990102002"),
    ),
    ("990121100201", "南湾村", Level::Village, Some("990121100")),
    ("990121101201", "柳林村", Level::Village, Some("990121101")),
];

/// Each department with the top-level categories it has power over (谁主管、谁负责) and
/// the names people write for it.
const DEPARTMENTS: &[(&str, &[&str], &[&str])] = &[
    (
        "住房和城乡建设局",
        &["城乡建设"],
        &["住建局", "住建委", "建设局"],
    ),
    ("人力资源和社会保障局", &["劳动社保"], &["人社局", "劳动局"]),
    (
        "自然资源和规划局",
        &["国土资源"],
        &["自然资源局", "国土局", "规划局"],
    ),
    ("民政局", &["民政救助"], &[]),
    (
        "市场监督管理局",
        &["市场监管"],
        &["市场监管局", "市监局", "工商局"],
    ),
    ("城市管理局", &["环境扰民"], &["城管局", "城管"]),
];

/// 纪检监察机关 of each city and county: accusations against officials and public bodies
/// go there (art. 22). Its name after the place's, and the names people write for it.
const DISCIPLINE: (&str, &[&str]) = ("纪委监委", &["纪委", "监委", "纪检委"]);

/// Demo staff: username, display name, roles, the unit's name.
const STAFF: &[(&str, &str, &str, &str)] = &[
    ("admin", "系统管理员", "administrator", "示范市信访局"),
    ("intake", "市信访局登记员", "intake", "示范市信访局"),
    ("supervisor", "市信访局督办员", "supervisor", "示范市信访局"),
    (
        "handler",
        "东城区住建局承办人",
        "handler",
        "东城区住房和城乡建设局",
    ),
    (
        "head",
        "东城区住建局负责人",
        "unit_head",
        "东城区住房和城乡建设局",
    ),
    (
        "bureau_head",
        "市信访局负责人",
        "unit_head,intake",
        "示范市信访局",
    ),
    (
        "district_intake",
        "东城区信访局登记员",
        "intake",
        "东城区信访局",
    ),
    (
        "district_head",
        "东城区信访局负责人",
        "unit_head",
        "东城区信访局",
    ),
    ("leader", "市领导", "leader", "示范市信访局"),
    ("auditor", "审计员", "auditor", "示范市信访局"),
];

/// Seeds the category tree if the table is empty.
pub async fn categories(state: &AppState) -> anyhow::Result<()> {
    if db::reference::count(&state.db.pool, Table::Categories).await? > 0 {
        return Ok(());
    }
    let mut tx = state.db.begin_write().await?;
    for (i, (parent, children)) in CATEGORIES.iter().enumerate() {
        let pid = db::reference::insert_category(&mut tx, None, parent, i64::try_from(i)?).await?;
        for (j, child) in children.iter().enumerate() {
            db::reference::insert_category(&mut tx, Some(pid), child, i64::try_from(j)?).await?;
        }
    }
    tx.commit().await.context("failed to seed categories")?;
    Ok(())
}

/// Fills the demo jurisdiction and creates demo staff, once. Returns the generated
/// staff passwords so the caller can print them; they are never logged.
pub async fn demo(state: &AppState) -> anyhow::Result<Vec<(String, String)>> {
    if db::reference::count(&state.db.pool, Table::Regions).await? > 0 {
        return Ok(Vec::new());
    }
    let mut tx = state.db.begin_write().await?;
    let mut region_ids = std::collections::HashMap::new();
    let mut unit_ids = std::collections::HashMap::new();
    for (code, name, level, parent) in REGIONS {
        let parent_id = parent.map(|p| region_ids[p]);
        let id = db::reference::insert_region(&mut tx, parent_id, code, name, *level).await?;
        region_ids.insert(*code, id);
        // The petition bureau of each city, county and township; villages have a committee.
        let parent_unit = parent.and_then(|p| unit_ids.get(p).copied());
        let (bureau, kind) = match level {
            Level::City | Level::County => (format!("{name}信访局"), "bureau"),
            Level::Township => (format!("{name}信访办"), "bureau"),
            Level::Village => (format!("{name}居(村)民委员会"), "committee"),
        };
        let unit =
            db::reference::insert_unit(&mut tx, parent_unit, id, &bureau, kind, *level).await?;
        unit_ids.insert(*code, unit);
        if kind == "bureau" {
            db::units::set_short_names(&mut tx, unit, &["信访局", "信访办"]).await?;
        }
        if matches!(level, Level::City | Level::County) {
            let prefix = if *level == Level::City {
                "示范市"
            } else {
                name
            };
            for (dept, competences, short) in DEPARTMENTS {
                let dept_id = db::reference::insert_unit(
                    &mut tx,
                    Some(unit),
                    id,
                    &format!("{prefix}{dept}"),
                    "department",
                    *level,
                )
                .await?;
                db::units::set_short_names(&mut tx, dept_id, short).await?;
                for category in *competences {
                    if let Some(c) = db::reference::top_category_id(&mut tx, category).await? {
                        db::units::add_competence(&mut tx, dept_id, c).await?;
                    }
                }
            }
            let (discipline, short) = DISCIPLINE;
            let body = db::reference::insert_unit(
                &mut tx,
                Some(unit),
                id,
                &format!("{prefix}{discipline}"),
                "discipline",
                *level,
            )
            .await?;
            db::units::set_short_names(&mut tx, body, short).await?;
        }
    }
    tx.commit()
        .await
        .context("failed to seed the demo jurisdiction")?;

    let mut created = Vec::new();
    for (username, display, roles, unit) in STAFF {
        let unit_id = db::reference::unit_id_by_name(&state.db.pool, unit).await?;
        if let Some(password) =
            crate::services::staff::create(state, unit_id, username, display, roles).await?
        {
            created.push(((*username).to_owned(), password));
        }
    }
    state.org.invalidate().await;
    Ok(created)
}
