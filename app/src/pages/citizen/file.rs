//! 我要信访: the filing form. It posts as multipart (attachments included) and works
//! without JavaScript; with it, every field is checked as it is left and the form is
//! not sent while something is wrong.

use leptos::either::Either;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use shared::petition::{OtherProcedure, PetitionKind};
use shared::reference::{Level, ReferenceData};

use super::LoginPrompt;
use super::file_form::{check_facts, check_people, check_request, check_respondent, check_title};

use crate::api::{
    StaffRegister, SubmitPetition, form_key, load_reference, staff_register, submit_petition,
};
use crate::components::field::Field;
use crate::components::layout::Session;
use crate::components::notice::{ErrorSummary, posted_error};
use crate::error::UiError;

#[component]
pub fn FilePage() -> impl IntoView {
    let me = expect_context::<Session>().0;
    let data = Resource::new(|| (), |_| load_reference());
    let key = Resource::new(|| (), |_| form_key());
    let posted = posted_error::<SubmitPetition>();
    view! {
        <Title text="我要信访" />
        <h1>"我要信访"</h1>
        <Suspense fallback=|| view! { <p>"正在加载……"</p> }>
            {move || {
                let posted = posted.clone();
                Suspend::new(async move {
                    let signed_in = me.await.ok().flatten().is_some();
                    match (signed_in, data.await, key.await) {
                        (false, _, _) => Either::Left(view! { <LoginPrompt /> }.into_any()),
                        (true, Ok(data), Ok(key)) => Either::Right(view! { <FileForm data key posted form_for=FormFor::Filing /> }.into_any()),
                        _ => Either::Left(view! { <p class="notice error">"暂时无法加载表单，请刷新页面重试。"</p> }.into_any()),
                    }
                })
            }}
        </Suspense>
    }
}

/// Who fills the form in: a citizen filing online, or a clerk registering a letter, visit
/// or call for a petitioner (代为登记), which adds the channel, the day it arrived and the
/// petitioner's details.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum FormFor {
    Filing,
    Registration,
}

/// The form, an island. Without JavaScript it posts itself and errors come back in the
/// address (read on the server into `posted`). With it, the same multipart body goes
/// through the server function from this page, so a refusal shows beside the fields and
/// nothing typed or chosen is lost.
#[island]
pub fn FileForm(
    data: ReferenceData,
    key: String,
    posted: Option<UiError>,
    form_for: FormFor,
) -> impl IntoView {
    let submit = Action::new_local(move |data: &web_sys::FormData| {
        let data = data.clone();
        async move {
            match form_for {
                FormFor::Filing => submit_petition(data.into()).await,
                FormFor::Registration => staff_register(data.into()).await,
            }
        }
    });
    let registering = form_for == FormFor::Registration;
    let error: Signal<Option<UiError>> = Signal::derive(move || {
        submit
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| posted.clone())
    });
    let field_error = move |name: &'static str| move || error.get().and_then(|e| e.field(name));
    let blocked = RwSignal::new(false);
    let other = RwSignal::new(OtherProcedure::None);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        use leptos::wasm_bindgen::JsCast;
        let Some(form) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
        else {
            return;
        };
        ev.prevent_default();
        // Refuse to send while a visible check fails.
        let has_errors = form
            .query_selector("[aria-invalid=true]")
            .ok()
            .flatten()
            .is_some();
        blocked.set(has_errors);
        if has_errors || submit.pending().get_untracked() {
            return;
        }
        if let Ok(data) = web_sys::FormData::new_with_form(&form) {
            submit.dispatch_local(data);
        }
    };

    let categories = data.categories.clone();
    let category_options = categories
        .iter()
        .filter(|c| c.parent_id.is_none())
        .map(|parent| {
            let children: Vec<_> = categories
                .iter()
                .filter(|c| c.parent_id == Some(parent.id))
                .cloned()
                .collect();
            if children.is_empty() {
                Either::Left(
                    view! { <option value=parent.id.0.to_string()>{parent.name.clone()}</option> },
                )
            } else {
                let options = children
                    .into_iter()
                    .map(|c| view! { <option value=c.id.0.to_string()>{c.name}</option> })
                    .collect_view();
                Either::Right(view! { <optgroup label=parent.name.clone()>{options}</optgroup> })
            }
        })
        .collect_view();
    let region_options = data
        .regions
        .iter()
        .filter(|r| r.level >= Level::Township)
        .map(|r| view! { <option value=r.id.0.to_string()>{r.path.clone()}</option> })
        .collect_view();
    let accused_options = data
        .units
        .iter()
        .map(|u| view! { <option value=u.id.0.to_string()>{u.name.clone()}</option> })
        .collect_view();
    let kinds = PetitionKind::ALL
        .iter()
        .copied()
        .enumerate()
        .map(|(i, k)| {
            view! {
                <label class="choice">
                    <input type="radio" name="kind" value=k.code() checked=i == 2 required=true />
                    <span><strong>{k.label()}</strong><small>{k.hint()}</small></span>
                </label>
            }
        })
        .collect_view();
    let procedures = OtherProcedure::ALL
        .iter()
        .copied()
        .map(|p| {
            view! {
                <label class="choice">
                    <input type="radio" name="other_procedure" value=p.code() checked=p == OtherProcedure::None
                        on:change=move |_| other.set(p) />
                    <span>{p.label()}</span>
                </label>
            }
        })
        .collect_view();

    view! {
        <ErrorSummary error />
        {move || blocked.get().then(|| view! {
            <p class="notice error" role="alert">"还有内容需要修改，请查看标红的提示。"</p>
        })}
        <form method="post" action=if registering { StaffRegister::PATH } else { SubmitPetition::PATH }
            enctype="multipart/form-data" class="form" novalidate=true on:submit=on_submit>
            <input type="hidden" name="idempotency_key" value=key />
            {registering.then(|| view! { <OfflineFields error /> })}
            <fieldset>
                <legend>"信访事项的性质"</legend>
                {kinds}
                <p class="error">{field_error("kind")}</p>
            </fieldset>
            <div class="field">
                <label for="f-category">"类别"</label>
                <select id="f-category" name="category_id" required=true>
                    <option value="">"请选择"</option>
                    {category_options}
                </select>
                <p class="error">{field_error("category_id")}</p>
            </div>
            <div class="field">
                <label for="f-region">"问题发生地"</label>
                <select id="f-region" name="region_id" required=true>
                    <option value="">"请选择乡镇（街道）或村（社区）"</option>
                    {region_options}
                </select>
                <p class="hint">"按属地管理原则，由问题发生地的有权机关办理。"</p>
                <p class="error">{field_error("region_id")}</p>
            </div>
            <Field name="title" label="标题" hint="一句话概括反映的问题，4到60个字" maxlength=60
                check=check_title server_error=error />
            <Field name="facts" label="事实和理由" hint="时间、地点、经过，以及您认为不合理的原因" rows=8
                maxlength=5000 check=check_facts server_error=error />
            <Field name="request" label="诉求" hint="希望有关部门怎样处理" rows=3 maxlength=1000
                check=check_request server_error=error />
            <div class="field">
                <label for="f-accused">"被检举控告的单位"<span class="optional">"（仅检举控告填写）"</span></label>
                <select id="f-accused" name="accused_unit_id" aria-describedby="f-accused-hint">
                    <option value="">"个人或未列出的单位（在下一项填写）"</option>
                    {accused_options}
                </select>
                <p class="hint" id="f-accused-hint">"该单位及其下属单位看不到您的检举控告和您的身份，本件将交其上级机关或纪检监察机关办理。"</p>
                <p class="error">{field_error("accused_unit_id")}</p>
            </div>
            <Field name="respondent" label="被反映人或单位" hint="检举控告必须选择上面的单位或在此填写；信访人身份对其严格保密"
                required=false maxlength=100 check=check_respondent server_error=error />
            <fieldset>
                <legend>"该事项是否已进入诉讼、仲裁或行政复议程序？"</legend>
                {procedures}
                {move || other.get().guidance().map(|g| view! { <p class="notice info">{g}</p> })}
                <noscript><p class="hint">"已进入诉讼、仲裁或行政复议程序的事项，应当依照相应法定程序办理（诉访分离）。"</p></noscript>
            </fieldset>
            <Field name="people_count" label="涉及人数" hint="只有您本人的填1；5人以上反映同一事项的为集体信访" input_type="number"
                inputmode="numeric" value="1" check=check_people server_error=error />
            <div class="field">
                <label for="f-attachments">"材料附件"<span class="optional">"（选填）"</span></label>
                <input id="f-attachments" type="file" name="attachments" multiple=true
                    accept="image/jpeg,image/png,application/pdf" />
                <p class="hint">"JPG、PNG图片或PDF文件，最多9个，每个不超过10MB。图片中的拍摄位置等信息会被去除。"</p>
                <p class="error">{field_error("attachments")}</p>
            </div>
            <label class="choice">
                <input type="checkbox" name="publish_consent" value="yes" />
                <span>"同意办结后在去除个人信息的情况下公开本事项"</span>
            </label>
            <button type="submit" class="button primary" disabled=move || submit.pending().get()>
                {move || match (submit.pending().get(), registering) {
                    (true, _) => "正在提交……",
                    (false, true) => "登记并生成回执",
                    (false, false) => "提交",
                }}
            </button>
        </form>
    }
}

/// 代为登记's own fields: how and when the matter came, and the petitioner as the clerk
/// writes them down (a letter needs the address the written reply goes to).
#[component]
fn OfflineFields(error: Signal<Option<UiError>>) -> impl IntoView {
    use shared::petition::Channel;
    let field_error = move |name: &'static str| move || error.get().and_then(|e| e.field(name));
    let channels = Channel::ALL
        .iter()
        .copied()
        .filter(|c| *c != Channel::Online)
        .map(|c| view! { <option value=c.code()>{c.label()}</option> })
        .collect_view();
    // The server names the petitioner's fields `petitioner.<name>`.
    let text = |id: &'static str, name: &'static str, label: &'static str, hint: &'static str| {
        let key: &'static str = match name {
            "real_name" => "petitioner.real_name",
            "phone" => "petitioner.phone",
            "id_number" => "petitioner.id_number",
            _ => "petitioner.address",
        };
        view! {
            <div class="field">
                <label for=id>{label}</label>
                {(!hint.is_empty()).then(|| view! { <p class="hint">{hint}</p> })}
                <input id=id name=name />
                <p class="error">{field_error(key)}</p>
            </div>
        }
    };
    view! {
        <fieldset>
            <legend>"登记信息"</legend>
            <div class="field">
                <label for="f-channel">"渠道"</label>
                <select id="f-channel" name="channel" required=true>{channels}</select>
                <p class="error">{field_error("channel")}</p>
            </div>
            <div class="field">
                <label for="f-received">"收到日期"</label>
                <p class="hint">"来信以收信日、来访和电话以当日为准；受理期限自该日起算。不填为今天。"</p>
                <input id="f-received" name="received_on" type="date" />
                <p class="error">{field_error("received_on")}</p>
            </div>
            {text("f-name", "real_name", "信访人姓名", "")}
            {text("f-phone", "phone", "手机号码", "查询码和办理结果将以短信发送到此号码")}
            {text("f-id", "id_number", "身份证号码（选填）", "")}
            {text("f-address", "address", "通信地址", "来信登记必填：书面答复将寄往此地址")}
        </fieldset>
    }
}
