//! 问题发生地 picker: type a few characters of a township's or village's name (or its
//! division code) and choose from the places found, each shown with its full path. The
//! page never carries the whole county. Without JavaScript the typed words go with the
//! form and the server settles them when they name one place.

use leptos::prelude::*;
use shared::reference::RegionView;

use crate::api::search_regions;
use crate::components::field::field_message;
use crate::error::UiError;

/// The field's name and the id of its text input (the error summary links to it).
const NAME: &str = "region_id";
const INPUT: &str = "f-region_id";

/// Used inside an island. `kept_id` and `kept_text` restore a refused form's choice.
#[component]
pub fn RegionPicker(
    #[prop(into)] server_error: Signal<Option<UiError>>,
    kept_id: Option<String>,
    kept_text: Option<String>,
) -> impl IntoView {
    let text = RwSignal::new(kept_text.clone().unwrap_or_default());
    let chosen = RwSignal::new(kept_id.clone());
    let found = RwSignal::new(Vec::<RegionView>::new());
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let asked = StoredValue::new(0_u32);
    let (local, message) = field_message(NAME, server_error);

    let choose = move |place: RegionView| {
        text.set(place.path.clone());
        chosen.set(Some(place.id.0.to_string()));
        open.set(false);
        active.set(None);
        local.set(Some(None));
    };
    let on_input = move |ev: leptos::ev::Event| {
        let typed = event_target_value(&ev);
        text.set(typed.clone());
        chosen.set(None);
        active.set(None);
        local.set(Some(None));
        asked.update_value(|n| *n += 1);
        let mine = asked.get_value();
        if typed.trim().is_empty() {
            found.set(Vec::new());
            open.set(false);
            return;
        }
        leptos::task::spawn_local(async move {
            let answer = search_regions(typed).await;
            // Only the answer to the latest words counts.
            if asked.get_value() != mine {
                return;
            }
            match answer {
                Ok(places) => {
                    found.set(places);
                    open.set(true);
                }
                Err(_) => local.set(Some(Some("暂时无法查找地点，请稍后再试".into()))),
            }
        });
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let count = found.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" if count > 0 => {
                ev.prevent_default();
                open.set(true);
                active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % count)));
            }
            "ArrowUp" if count > 0 => {
                ev.prevent_default();
                active.update(|a| *a = Some(a.map_or(count - 1, |i| (i + count - 1) % count)));
            }
            "Enter" if open.get_untracked() => {
                // Enter chooses; it never sends the form from an open list.
                ev.prevent_default();
                let pick = active.get_untracked().or((count == 1).then_some(0));
                if let Some(place) = pick.and_then(|i| found.with_untracked(|f| f.get(i).cloned()))
                {
                    choose(place);
                }
            }
            "Escape" => open.set(false),
            _ => {}
        }
    };
    let hidden = NodeRef::<leptos::html::Input>::new();
    let on_blur = move |_| {
        open.set(false);
        // The hidden input, not the signal: a restored draft fills it directly.
        let none_chosen = hidden.get_untracked().is_none_or(|h| h.value().is_empty());
        let typed = text.get_untracked();
        if none_chosen && !typed.trim().is_empty() {
            local.set(Some(Some("请从列表中选择问题发生地".into())));
        }
    };
    let options = move || {
        let places = found.get();
        if places.is_empty() {
            return view! {
                <li class="none" role="option" aria-disabled="true">
                    "没有找到，请换个写法，例如只写村（社区）名称中的两个字"
                </li>
            }
            .into_any();
        }
        places
            .into_iter()
            .enumerate()
            .map(|(i, place)| {
                let path = place.path.clone();
                view! {
                    <li id=format!("{INPUT}-opt-{i}") role="option"
                        aria-selected=move || (active.get() == Some(i)).to_string()
                        on:mousedown=move |ev| {
                            // Keeps the focus in the input, so its blur does not refuse.
                            ev.prevent_default();
                            choose(place.clone());
                        }>
                        {path}
                    </li>
                }
            })
            .collect_view()
            .into_any()
    };
    let invalid = move || if message().is_some() { "true" } else { "false" };
    view! {
        <div class="field picker">
            <label for=INPUT>"问题发生地"</label>
            <p class="hint" id=format!("{INPUT}-hint")>
                "输入乡镇（街道）或村（社区）名称中的几个字，再从列表中选择。按属地管理原则，由问题发生地的有权机关办理。"
            </p>
            <noscript><p class="hint">"请写出乡镇（街道）和村（社区）的名称，用空格隔开，例如“新桥街道 新桥社区”。"</p></noscript>
            <input id=INPUT name="region_q" type="text" role="combobox" autocomplete="off"
                aria-autocomplete="list" aria-controls=format!("{INPUT}-list")
                aria-expanded=move || open.get().to_string()
                aria-activedescendant=move || active.get().map(|i| format!("{INPUT}-opt-{i}"))
                aria-describedby=format!("{INPUT}-hint {INPUT}-err") aria-invalid=invalid
                data-answer="问题发生地" maxlength=40
                value=kept_text prop:value=move || text.get()
                on:input=on_input on:keydown=on_keydown on:blur=on_blur />
            <input type="hidden" name=NAME value=move || chosen.get().unwrap_or_default() node_ref=hidden />
            <ul id=format!("{INPUT}-list") role="listbox" class="options" aria-label="找到的地点"
                hidden=move || !open.get()>
                {options}
            </ul>
            <p class="error" id=format!("{INPUT}-err") aria-live="polite">{message}</p>
        </div>
    }
}
