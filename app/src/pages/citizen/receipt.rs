//! 回执: the number and the query code, shown after filing, with what happens next; it
//! prints cleanly and copies in one tap.

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
                            <p class="print-only">"阳光信访 · 信访事项提交回执"</p>
                            <dl class="facts">
                                <dt>"信访件编号"</dt><dd class="mono big" id="receipt-number">{r.number.to_string()}</dd>
                                <dt>"查询码"</dt><dd class="mono big" id="receipt-code">{r.query_code.clone()}</dd>
                                <dt>"提交时间"</dt><dd>{local_time(r.submitted_at)}</dd>
                            </dl>
                            <p>"请打印、复制或截图保存编号和查询码。凭它们可随时在“办理查询”中查看进度；开启了短信通知的，提交成功短信中也有查询码。查询码请勿告诉他人，工作人员不会向您索要。"</p>
                        </div>
                        <ReceiptTools number=r.number.to_string() code=r.query_code.clone() />
                        {r.other_procedure_guidance.clone().map(|g| view! { <p class="notice info">{g}</p> })}
                        <h2>"接下来"</h2>
                        <WhatHappensNext />
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

/// The steps of the regulation from here, in the words a petitioner needs.
#[component]
pub fn WhatHappensNext() -> impl IntoView {
    view! {
        <ol class="steps next">
            <li>"信访工作机构在收到之日起15日内，将事项转送或交办给有权处理的机关，或告知您不予受理的理由（《信访工作条例》第二十二条）。"</li>
            <li>"有权处理的机关受理后，一般在60日内办结并出具书面答复意见（信访处理意见书）；情况复杂的可以延长，最多30日，并告知您理由（第三十四条）。"</li>
            <li>"收到答复意见后，请对办理结果作出评价。不服答复意见的，可以在收到之日起30日内请求上一级机关复查（第三十五条）。"</li>
            <li>"每一步都会以短信通知您，也可以随时凭编号和查询码在“办理查询”中查看。"</li>
        </ol>
    }
}

/// 打印 and 复制 for the receipt: shown once the page runs in the browser (without
/// JavaScript they could do nothing; the page says how to print instead).
#[island]
pub fn ReceiptTools(number: String, code: String) -> impl IntoView {
    let live = RwSignal::new(false);
    Effect::new(move |_| live.set(true));
    let said = RwSignal::new(None::<&'static str>);
    let print = move |_| {
        let _ = window().print();
    };
    let copy = move |_| {
        let text = format!("信访件编号：{number}\n查询码：{code}");
        leptos::task::spawn_local(async move {
            said.set(Some(if copy_text(&text).await {
                "已复制编号和查询码。"
            } else {
                "无法自动复制，请长按编号和查询码选择后复制。"
            }));
        });
    };
    view! {
        <noscript><p class="hint no-print">"打印：按 Ctrl+P（手机：浏览器菜单中的“打印”或“分享”）。"</p></noscript>
        <p class="actions no-print" hidden=move || !live.get()>
            <button type="button" class="button" on:click=print>"打印回执"</button>
            <button type="button" class="button" on:click=copy>"复制编号和查询码"</button>
        </p>
        <p class="hint no-print" role="status">{move || said.get()}</p>
    }
}

/// Puts `text` on the clipboard; false where the browser offers none (a page served
/// over plain http) or refuses.
async fn copy_text(text: &str) -> bool {
    #[cfg(feature = "hydrate")]
    {
        let clipboard = window().navigator().clipboard();
        if clipboard.is_undefined() {
            return false;
        }
        wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
            .await
            .is_ok()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = text;
        false
    }
}
