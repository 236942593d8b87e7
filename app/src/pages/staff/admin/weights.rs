//! 信访指数权重: how much each figure weighs in the index of the 通报 and the leader's
//! page, set by an administrator; the method they give, as the 通报 prints it.

use leptos::prelude::*;
use shared::admin::IndexWeightsView;

use super::Forms;
use crate::api::AdminPutIndexWeights;
use crate::components::notice::{ErrorSummary, posted_error};

#[component]
pub(super) fn IndexWeights(weights: IndexWeightsView, f: Forms) -> impl IntoView {
    let error = posted_error::<AdminPutIndexWeights>();
    let fields = weights
        .weights
        .iter()
        .map(|w| {
            let code = w.figure.code();
            let id = format!("w-{code}");
            view! {
                <div class="field weight">
                    <label for=id.clone()>{w.figure.name()}</label>
                    <input id=id name=format!("weights[{code}]") type="number" inputmode="numeric"
                        min="0" max="100" step="1" value=w.weight />
                </div>
            }
        })
        .collect_view();
    let source = if weights.set_here {
        "现行权重由系统管理员在本页设定。"
    } else {
        "现行权重取自配置文件（[statistics] index_weights），在本页保存后以本页为准。"
    };
    view! {
        <section aria-labelledby="weights-h">
            <h2 id="weights-h">"信访指数权重"</h2>
            <p>"信访指数是各项指标得分的加权平均（0至100），用于月度通报的排名和领导查看的信访指数。权重填0的指标不计入；本月没有计数的指标不参与计算，其余指标按权重折算。修改后立即生效，并记入审计记录。"</p>
            <p class="meta">{source}" "{weights.method.clone()}</p>
            <ErrorSummary error />
            <ActionForm action=f.weights attr:class="form">
                <div class="weights">{fields}</div>
                <button type="submit" class="button primary">"保存权重"</button>
            </ActionForm>
        </section>
    }
}
