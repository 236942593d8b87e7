//! 代为登记's own part of the filing form: the channel, the day the matter arrived, and
//! the petitioner as the clerk writes them down.

use leptos::prelude::*;

use crate::components::kept::Kept;
use crate::components::notice::field_id;
use crate::error::UiError;

/// 代为登记's own fields: how and when the matter came, and the petitioner as the clerk
/// writes them down (a letter needs the address the written reply goes to).
#[component]
pub fn OfflineFields(error: Signal<Option<UiError>>, kept: Kept) -> impl IntoView {
    use shared::petition::Channel;
    let field_error = move |name: &'static str| move || error.get().and_then(|e| e.field(name));
    let channels = Channel::ALL
        .iter()
        .copied()
        .filter(|c| *c != Channel::Online)
        .map(|c| view! { <option value=c.code() selected=kept.is("channel", c.code())>{c.label()}</option> })
        .collect_view();
    // The server names the petitioner's fields `petitioner.<name>`.
    let text = |name: &'static str, label: &'static str, hint: &'static str| {
        let key = format!("petitioner.{name}");
        let id = field_id(&key);
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                {(!hint.is_empty()).then(|| view! { <p class="hint">{hint}</p> })}
                <input id=id.clone() name=name value=kept.text(name) data-answer=label
                    aria-describedby=format!("{id}-err")
                    aria-invalid=move || if error.get().is_some_and(|e| e.field(&key).is_some()) { "true" } else { "false" } />
                <p class="error" id=format!("{id}-err")>{field_error(match name {
                    "real_name" => "petitioner.real_name",
                    "phone" => "petitioner.phone",
                    "id_number" => "petitioner.id_number",
                    _ => "petitioner.address",
                })}</p>
            </div>
        }
    };
    view! {
        <fieldset>
            <legend>"登记信息"</legend>
            <div class="field">
                <label for="f-channel">"渠道"</label>
                <select id="f-channel" name="channel" required=true data-answer="渠道">{channels}</select>
                <p class="error">{field_error("channel")}</p>
            </div>
            <div class="field">
                <label for="f-received_on">"收到日期"</label>
                <p class="hint">"来信以收信日、来访和电话以当日为准；受理期限自该日起算。不填为今天。"</p>
                <input id="f-received_on" name="received_on" type="date" value=kept.text("received_on") data-answer="收到日期" />
                <p class="error">{field_error("received_on")}</p>
            </div>
            {text("real_name", "信访人姓名", "")}
            {text("phone", "手机号码", "查询码和办理结果将以短信发送到此号码")}
            {text("id_number", "身份证号码（选填）", "")}
            {text("address", "通信地址", "来信登记必填：书面答复将寄往此地址")}
        </fieldset>
    }
}
