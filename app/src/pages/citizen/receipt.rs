//! 回执: the number and the query code, shown once after filing, printable.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::api::receipt;
use crate::components::local_time;
use crate::components::timeline::DeadlineList;

#[component]
pub fn ReceiptPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| receipt());
    view! {
        <Title text="提交回执" />
        <Suspense fallback=|| view! { <p>"正在加载……"</p> }>
            {move || Suspend::new(async move {
                match data.await.ok().flatten() {
                    Some(r) => Either::Left(view! {
                        <h1>"提交成功"</h1>
                        <div class="receipt">
                            <p>"请抄写、打印或截图保存以下信息。凭编号和查询码可随时查询办理进度；开启了短信通知的，提交成功短信中也有查询码。查询码请勿告诉他人，工作人员不会向您索要。"</p>
                            <dl class="facts">
                                <dt>"信访件编号"</dt><dd class="mono big" id="receipt-number">{r.number.to_string()}</dd>
                                <dt>"查询码"</dt><dd class="mono big" id="receipt-code">{r.query_code.clone()}</dd>
                                <dt>"提交时间"</dt><dd>{local_time(r.submitted_at)}</dd>
                            </dl>
                        </div>
                        {r.other_procedure_guidance.clone().map(|g| view! { <p class="notice info">{g}</p> })}
                        <DeadlineList deadlines=vec![r.acceptance_due.clone()] />
                        <p class="actions no-print">
                            <A href=format!("/my/petitions/{}", r.number) attr:class="button primary">"查看详情、补充材料"</A>
                            <A href="/my/petitions" attr:class="button">"我的信访"</A>
                        </p>
                    }),
                    None => Either::Right(view! {
                        <h1>"回执已不再显示"</h1>
                        <p>"为保护查询码，回执只在提交后的30分钟内、在提交所用的浏览器中显示。"
                            "您可以在" <A href="/my/petitions">"我的信访"</A> "中查看全部事项。"</p>
                    }),
                }
            })}
        </Suspense>
    }
}
