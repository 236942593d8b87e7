//! 我要信访: the filing form. It posts as multipart (attachments included) and works
//! without JavaScript; with it, every field is checked as it is left and the form is
//! not sent while something is wrong.

use leptos::either::Either;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use shared::petition::{OtherProcedure, PetitionKind};
use shared::reference::ReferenceData;

use super::LoginPrompt;
use super::file_form::{check_facts, check_people, check_request, check_respondent, check_title};

use super::file_offline::OfflineFields;
use super::file_review::{AnswersReview, Draft, answers_of};
use crate::api::{
    StaffRegister, SubmitPetition, form_key, load_reference, staff_register, submit_petition,
};
use crate::components::field::Field;
use crate::components::kept::{Form, Kept, KeptNote, kept_resource};
use crate::components::layout::Session;
use crate::components::notice::{ErrorSummary, field_id, posted_error};
use crate::components::region_picker::RegionPicker;
use crate::error::UiError;

#[component]
pub fn FilePage() -> impl IntoView {
    let me = expect_context::<Session>().0;
    let data = Resource::new(|| (), |_| load_reference());
    let key = Resource::new(|| (), |_| form_key());
    let posted = posted_error::<SubmitPetition>();
    let kept = kept_resource(Form::Filing, posted.is_some());
    view! {
        <Title text="我要信访" />
        <h1>"我要信访"</h1>
        <Suspense fallback=|| view! { <p>"正在加载……"</p> }>
            {move || {
                let posted = posted.clone();
                Suspend::new(async move {
                    let me = me.await.ok().flatten();
                    let kept = kept.await;
                    match (me, data.await, key.await) {
                        (None, _, _) => Either::Left(view! { <LoginPrompt /> }.into_any()),
                        (Some(me), Ok(data), Ok(key)) => Either::Right(view! {
                            <FileForm data=data.for_form() key posted kept form_for=FormFor::Filing draft_key=me.draft_key />
                        }.into_any()),
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

impl FormFor {
    fn form(self) -> Form {
        match self {
            FormFor::Filing => Form::Filing,
            FormFor::Registration => Form::Registration,
        }
    }
}

/// The form, an island. Without JavaScript it posts itself; a refusal comes back in the
/// address (read on the server into `posted`) with what was typed (`kept`). With it, the
/// answers are shown for checking first (核对), then the same multipart body goes through
/// the server function from this page, so a refusal shows beside the fields and nothing
/// typed or chosen is lost. What is typed is kept as a draft in this browser only.
#[island]
pub fn FileForm(
    data: ReferenceData,
    key: String,
    posted: Option<UiError>,
    kept: Kept,
    form_for: FormFor,
    /// Names this citizen's draft in the browser (see [`Draft`]); empty on a clerk's form,
    /// which keeps none.
    draft_key: String,
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
    // A select, radio group or file input is marked until it is changed after a refusal.
    let changed = RwSignal::new(Vec::<&'static str>::new());
    Effect::new(move |_| {
        error.track();
        changed.set(Vec::new());
    });
    let invalid = move |name: &'static str| {
        move || {
            let marked = error.get().is_some_and(|e| e.field(name).is_some())
                && !changed.with(|c| c.contains(&name));
            if marked { "true" } else { "false" }
        }
    };
    let touch = move |name: &'static str| move |_| changed.update(|c| c.push(name));
    let described = |name: &'static str| format!("{}-err", field_id(name));
    let blocked = RwSignal::new(false);
    let other = RwSignal::new(
        kept.text("other_procedure")
            .and_then(|c| OtherProcedure::from_code(&c))
            .unwrap_or(OtherProcedure::None),
    );
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let draft = Draft::new(form_for.form(), &draft_key, form_ref, kept.is_empty());
    // 核对: the answers as they will be sent, shown before anything is sent.
    let review = RwSignal::new(None::<Vec<(String, String)>>);
    let ready = StoredValue::new_local(None::<web_sys::FormData>);
    // A refusal brings the form back, with its summary, and the draft again.
    Effect::new(move |_| {
        if let Some(Err(_)) = submit.value().get() {
            review.set(None);
            draft.save();
        }
    });

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
        let Ok(data) = web_sys::FormData::new_with_form(&form) else {
            return;
        };
        // Something required is still missing: the server's summary names all of it at
        // once, so the form goes straight there instead of to 核对.
        let placed = data
            .get("region_id")
            .as_string()
            .is_some_and(|v| !v.is_empty());
        if !form.check_validity() || !placed {
            submit.dispatch_local(data);
            return;
        }
        ready.set_value(Some(data));
        review.set(Some(answers_of(&form)));
    };
    // The draft goes as the petition goes: a filing that succeeds leaves for the receipt
    // at once, with no moment after it to clear anything.
    let confirm = Callback::new(move |()| {
        if let Some(data) = ready.get_value()
            && !submit.pending().get_untracked()
        {
            draft.clear();
            submit.dispatch_local(data);
        }
    });
    let change = Callback::new(move |()| review.set(None));
    let live = RwSignal::new(false);
    Effect::new(move |_| live.set(true));

    let categories = data.categories.clone();
    let picked = |name: &str, value: &str| kept.is(name, value);
    let category_options = categories
        .iter()
        .filter(|c| c.parent_id.is_none())
        .map(|parent| {
            let option = |c: &shared::reference::CategoryView| {
                let id = c.id.0.to_string();
                let selected = picked("category_id", &id);
                view! { <option value=id selected=selected>{c.name.clone()}</option> }
            };
            let children: Vec<_> = categories
                .iter()
                .filter(|c| c.parent_id == Some(parent.id))
                .collect();
            if children.is_empty() {
                Either::Left(option(parent))
            } else {
                let options = children.into_iter().map(option).collect_view();
                Either::Right(view! { <optgroup label=parent.name.clone()>{options}</optgroup> })
            }
        })
        .collect_view();
    let accused_options = data
        .units
        .iter()
        .map(|u| {
            let id = u.id.0.to_string();
            let selected = picked("accused_unit_id", &id);
            view! { <option value=id selected=selected>{u.name.clone()}</option> }
        })
        .collect_view();
    let kinds = PetitionKind::ALL
        .iter()
        .copied()
        .enumerate()
        .map(|(i, k)| {
            let checked = match kept.text("kind") {
                Some(code) => code == k.code(),
                None => i == 2,
            };
            view! {
                <label class="choice">
                    <input type="radio" name="kind" value=k.code() checked=checked required=true
                        id=(i == 0).then(|| field_id("kind")) aria-invalid=invalid("kind")
                        aria-describedby=described("kind") on:change=touch("kind")
                        data-answer="信访事项的性质" data-text=k.label() />
                    <span><strong>{k.label()}</strong><small>{k.hint()}</small></span>
                </label>
            }
        })
        .collect_view();
    let procedures = OtherProcedure::ALL
        .iter()
        .copied()
        .enumerate()
        .map(|(i, p)| {
            view! {
                <label class="choice">
                    <input type="radio" name="other_procedure" value=p.code() checked=p == other.get_untracked()
                        id=(i == 0).then(|| field_id("other_procedure")) aria-invalid=invalid("other_procedure")
                        aria-describedby=described("other_procedure")
                        data-answer="是否已进入其他法定途径" data-text=p.label()
                        on:change=move |_| { other.set(p); changed.update(|c| c.push("other_procedure")); } />
                    <span>{p.label()}</span>
                </label>
            }
        })
        .collect_view();
    let text = |name: &str| kept.text(name);

    view! {
        <ErrorSummary error />
        <KeptNote kept=kept.clone() redo="附件出于安全原因不会保留，如有请重新选择。" />
        {move || blocked.get().then(|| view! {
            <p class="notice error" role="alert">"还有内容需要修改，请查看标红的提示。"</p>
        })}
        {move || review.get().map(|answers| view! {
            <AnswersReview answers registering pending=submit.pending() confirm change />
        })}
        <form method="post" action=if registering { StaffRegister::PATH } else { SubmitPetition::PATH }
            enctype="multipart/form-data" class="form" novalidate=true on:submit=on_submit
            on:input=move |_| draft.save() on:change=move |_| draft.save()
            node_ref=form_ref hidden=move || review.get().is_some()>
            <input type="hidden" name="idempotency_key" value=key />
            {registering.then(|| view! { <OfflineFields error kept=kept.clone() /> })}
            <fieldset>
                <legend>"信访事项的性质"</legend>
                {kinds}
                <p class="error" id=described("kind")>{field_error("kind")}</p>
            </fieldset>
            <div class="field">
                <label for=field_id("category_id")>"类别"</label>
                <select id=field_id("category_id") name="category_id" required=true data-answer="类别"
                    aria-invalid=invalid("category_id") aria-describedby=described("category_id")
                    on:change=touch("category_id")>
                    <option value="">"请选择"</option>
                    {category_options}
                </select>
                <p class="error" id=described("category_id")>{field_error("category_id")}</p>
            </div>
            <RegionPicker server_error=error kept_id=text("region_id") kept_text=text("region_q") />
            <Field name="title" label="标题" hint="一句话概括反映的问题，4到60个字" maxlength=60
                value=text("title") check=check_title server_error=error />
            <Field name="facts" label="事实和理由" hint="时间、地点、经过，以及您认为不合理的原因" rows=8
                maxlength=5000 value=text("facts") check=check_facts server_error=error />
            <Field name="request" label="诉求" hint="希望有关部门怎样处理" rows=3 maxlength=1000
                value=text("request") check=check_request server_error=error />
            <div class="field">
                <label for=field_id("accused_unit_id")>"被检举控告的单位"<span class="optional">"（仅检举控告填写）"</span></label>
                <select id=field_id("accused_unit_id") name="accused_unit_id" data-answer="被检举控告的单位"
                    aria-describedby=format!("f-accused-hint {}", described("accused_unit_id"))
                    aria-invalid=invalid("accused_unit_id") on:change=touch("accused_unit_id")>
                    <option value="">"个人或未列出的单位（在下一项填写）"</option>
                    {accused_options}
                </select>
                <p class="hint" id="f-accused-hint">"该单位及其下属单位看不到您的检举控告和您的身份，本件将交其上级机关或纪检监察机关办理。"</p>
                <p class="error" id=described("accused_unit_id")>{field_error("accused_unit_id")}</p>
            </div>
            <Field name="respondent" label="被反映人或单位" hint="检举控告必须选择上面的单位或在此填写；信访人身份对其严格保密"
                required=false maxlength=100 value=text("respondent") check=check_respondent server_error=error />
            <fieldset>
                <legend>"该事项是否已进入诉讼、仲裁或行政复议程序？"</legend>
                {procedures}
                {move || other.get().guidance().map(|g| view! { <p class="notice info">{g}</p> })}
                <noscript><p class="hint">"已进入诉讼、仲裁或行政复议程序的事项，应当依照相应法定程序办理（诉访分离）。"</p></noscript>
                <p class="error" id=described("other_procedure")>{field_error("other_procedure")}</p>
            </fieldset>
            <Field name="people_count" label="涉及人数" hint="只有您本人的填1；5人以上反映同一事项的为集体信访" input_type="number"
                inputmode="numeric" value=Some(text("people_count").unwrap_or_else(|| "1".into())) check=check_people server_error=error />
            <div class="field">
                <label for=field_id("attachments")>"材料附件"<span class="optional">"（选填）"</span></label>
                <input id=field_id("attachments") type="file" name="attachments" multiple=true
                    accept="image/jpeg,image/png,application/pdf" data-answer="材料附件"
                    aria-describedby=format!("f-attachments-hint {}", described("attachments"))
                    aria-invalid=invalid("attachments") on:change=touch("attachments") />
                <p class="hint" id="f-attachments-hint">"JPG、PNG图片或PDF文件，最多9个，每个不超过10MB。图片中的拍摄位置等信息会被去除。"</p>
                <p class="error" id=described("attachments")>{field_error("attachments")}</p>
            </div>
            <label class="choice">
                <input type="checkbox" name="publish_consent" value="yes" checked=kept.is("publish_consent", "yes")
                    data-answer="同意去除个人信息后公开" />
                <span>"同意办结后在去除个人信息的情况下公开本事项"</span>
            </label>
            // Said only once the page runs in the browser: without it no draft is kept.
            <p class="hint">{
                let note = draft.note();
                move || live.get().then(&note).flatten()
            }</p>
            <button type="submit" class="button primary">
                // Without JavaScript the form is sent at once; with it, checked first.
                {move || match (live.get(), registering) {
                    (true, true) => "下一步：核对登记内容",
                    (true, false) => "下一步：核对内容",
                    (false, true) => "登记并生成回执",
                    (false, false) => "提交",
                }}
            </button>
        </form>
    }
}
