//! What a refused form held, put back into its fields: a browser without JavaScript
//! leaves the page to post, and comes back to it with everything typed still there.

use std::collections::HashMap;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::api::kept_form;

/// The forms whose contents survive a refusal without JavaScript.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Form {
    /// 我要信访
    Filing,
    /// 代为登记
    Registration,
    /// 实名注册 (its 获取验证码 button posts the form too)
    Register,
    /// 整理公开案例: the clerk's edited texts, not the suggestions, come back
    Publish,
}

impl Form {
    pub const ALL: [Form; 4] = [
        Form::Filing,
        Form::Registration,
        Form::Register,
        Form::Publish,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Form::Filing => "file",
            Form::Registration => "staff-register",
            Form::Register => "register",
            Form::Publish => "publish-case",
        }
    }

    pub fn from_name(name: &str) -> Option<Form> {
        Self::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// The posted fields, by name; empty when nothing was kept.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Kept(pub HashMap<String, String>);

impl Kept {
    /// The text posted for `name`, if any.
    pub fn text(&self, name: &str) -> Option<String> {
        self.0.get(name).filter(|v| !v.is_empty()).cloned()
    }

    /// Whether `name` was posted with `value` (a chosen option, radio or tick).
    pub fn is(&self, name: &str, value: &str) -> bool {
        self.0.get(name).is_some_and(|v| v == value)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// What `form` held when this browser last posted it, read only when the page came back
/// from such a post (`back` is true); a fresh visit starts empty.
pub fn kept_resource(form: Form, back: bool) -> Resource<Kept> {
    Resource::new(
        || (),
        move |_| async move {
            if !back {
                return Kept::default();
            }
            kept_form(form.name().to_owned())
                .await
                .ok()
                .flatten()
                .map(Kept)
                .unwrap_or_default()
        },
    )
}

/// Said above a form that came back: what is there again, and what must be redone
/// (`redo`: files must be chosen again and passwords typed again, never kept).
#[component]
pub fn KeptNote(kept: Kept, redo: &'static str) -> impl IntoView {
    (!kept.is_empty()).then(|| {
        view! {
            <p class="notice info" role="status">"您填写的内容已保留。" {redo}</p>
        }
    })
}
