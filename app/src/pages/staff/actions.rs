//! The case page's action forms: one per action this staff member may take now.

use leptos::prelude::*;
use shared::petition::{
    CommandKind, Decision, NotAcceptReason, PetitionKind, StaffPetitionView, UnitOption,
};

use crate::api::StaffAct;

pub mod confirm;
mod done;
mod form;
mod step;
pub use done::said;
pub use form::ActionFields;
use step::{Step, number_field, text_area, text_area_optional, unit_select};

/// The order of the forms on the case page: routing first, then the receiving unit's
/// answer, the reply, the clock, and the rest. Every command appears once (a test checks).
const PAGE: [CommandKind; 26] = [
    CommandKind::Forward,
    CommandKind::AcceptHere,
    CommandKind::Assign,
    CommandKind::NotAccept,
    CommandKind::ReceiveAccept,
    CommandKind::AssignHandler,
    CommandKind::Object,
    CommandKind::UpholdObjection,
    CommandKind::DismissObjection,
    CommandKind::SubmitDraft,
    CommandKind::ApproveReply,
    CommandKind::ReturnDraft,
    CommandKind::RecordDelivery,
    CommandKind::FollowUp,
    CommandKind::Extend,
    CommandKind::RecordHearing,
    CommandKind::Supervise,
    CommandKind::MarkGroup,
    CommandKind::LinkRepeat,
    CommandKind::SetAccused,
    CommandKind::NoAccusedUnit,
    CommandKind::AddNote,
    CommandKind::AddCoHandler,
    CommandKind::CoOpinion,
    CommandKind::AnswerSupervision,
    CommandKind::Recuse,
];

/// The forms for every action this staff member may take now.
#[component]
pub fn ActionForms(
    case: StaffPetitionView,
    units: Vec<UnitOption>,
    action: ServerAction<StaffAct>,
) -> impl IntoView {
    let n = case.number.to_string();
    let v = case.version;
    let may = |kind: CommandKind| case.allowed.contains(&kind);
    // The one next step the case's state calls for stands out; the rest are secondary.
    let primary = if case.accused_pending && may(CommandKind::SetAccused) {
        Some(CommandKind::SetAccused)
    } else {
        PAGE.into_iter().find(|k| may(*k) && moves_case(*k))
    };
    provide_context(step::Primary(primary));
    let mut forms = Vec::new();
    // An accusation is routed only once the unit it is against is settled (art. 30): the
    // triage asks that first, and the routing forms appear after it.
    if case.accused_pending && may(CommandKind::SetAccused) {
        let u = units.clone();
        forms.push(view! {
            <section class="step urgent" aria-label="确认被检举控告单位">
                <h3>"第一步：确认被检举控告单位"</h3>
                <p class="hint">"检举控告事项须先确认被检举控告的单位，才能受理、转送或交办；该单位及其下属单位看不到本件的任何内容（《信访工作条例》第三十条）。"</p>
                <p class="hint">{format!("信访人填写的被反映人或单位：{}", case.respondent.clone().unwrap_or_else(|| "（未填写）".into()))}</p>
                <Step action number=n.clone() version=v kind=CommandKind::SetAccused title="被检举控告单位" button="确认该单位">
                    {unit_select(&u, None, "被检举控告单位", "f-accused-unit")}
                </Step>
                <Step action number=n.clone() version=v kind=CommandKind::NoAccusedUnit title="没有被检举控告的单位" button="确认没有被检举控告的单位">
                    <p class="hint">"被反映人是个人、企业或其他非公职单位时选择此项。"</p>
                </Step>
            </section>
        }.into_any());
    }
    for kind in PAGE {
        // 回避 is open to anyone who can see the case; the others only when allowed.
        if kind == CommandKind::Recuse || may(kind) {
            forms.extend(form(kind, &case, &units, action));
        }
    }
    forms.collect_view()
}

/// Whether `kind` takes the case along its statutory path (as a note, a supervision or
/// stepping aside do not), so that it can be the page's primary step.
fn moves_case(kind: CommandKind) -> bool {
    !matches!(
        kind,
        CommandKind::AddNote
            | CommandKind::Recuse
            | CommandKind::Supervise
            | CommandKind::MarkGroup
            | CommandKind::LinkRepeat
            | CommandKind::AddCoHandler
            | CommandKind::Extend
            | CommandKind::RecordHearing
            | CommandKind::AnswerSupervision
    )
}

/// The forms of `kind` on this case, in the page's words; the match makes every command
/// have its form (or say why it has none here).
fn form(
    kind: CommandKind,
    case: &StaffPetitionView,
    units: &[UnitOption],
    action: ServerAction<StaffAct>,
) -> Vec<AnyView> {
    let n = case.number.to_string();
    let v = case.version;
    let proposed = case.proposed_unit.as_ref().map(|(id, _)| id.0);
    let suggestion = case.kind == PetitionKind::Suggestion;
    let mut forms = Vec::new();
    match kind {
        CommandKind::Forward => {
            let u = units.to_vec();
            forms.push(view! {
                <Step action number=n.clone() version=v kind=CommandKind::Forward title="转送" button="转送">
                    {unit_select(&u, proposed, "承办单位（已按属地和职能预选建议单位）", "f-forward-unit")}
                </Step>
            }.into_any());
        }
        CommandKind::AcceptHere => {
            forms.push(view! { <Step action number=n.clone() version=v kind=CommandKind::AcceptHere title="受理并自办" button="受理" /> }.into_any());
        }
        CommandKind::Assign => {
            let u = units.to_vec();
            forms.push(
                view! {
                    <Step action number=n.clone() version=v kind=CommandKind::Assign title="交办" button="交办">
                        {unit_select(&u, proposed, "承办单位", "f-assign-unit")}
                        <div class="field">
                            <label for="f-assign-due">"交办期限（须报告办理结果）"</label>
                            <input id="f-assign-due" name="due" type="date" required=true />
                        </div>
                    </Step>
                }
                .into_any(),
            );
        }
        CommandKind::NotAccept => {
            let refusals = NotAcceptReason::ALL
                .iter()
                .map(|r| view! { <option value=r.code()>{format!("{}（{}）", r.label(), r.basis())}</option> })
                .collect_view();
            forms.push(view! {
                <Step action number=n.clone() version=v kind=CommandKind::NotAccept title="不予受理" button="出具不予受理告知">
                    <div class="field">
                        <label for="f-refuse">"理由和依据"</label>
                        <select id="f-refuse" name="reason" required=true>{refusals}</select>
                    </div>
                    {text_area("f-refuse-text", "text", "告知信访人的引导意见")}
                </Step>
            }.into_any());
        }
        CommandKind::ReceiveAccept => {
            forms.push(view! { <Step action number=n.clone() version=v kind=CommandKind::ReceiveAccept title="签收受理" button="签收受理" /> }.into_any());
        }
        CommandKind::Object => {
            forms.push(view! {
                <Step action number=n.clone() version=v kind=CommandKind::Object title="提出异议（5个工作日内）" button="提出异议">
                    {text_area("f-object", "text", "异议理由")}
                </Step>
            }.into_any());
        }
        CommandKind::UpholdObjection => {
            let u = units.to_vec();
            forms.push(view! {
                <Step action number=n.clone() version=v kind=CommandKind::UpholdObjection title="同意异议并改转送" button="改转送">
                    {unit_select(&u, None, "指定承办单位", "f-uphold-unit")}
                </Step>
            }.into_any());
        }
        CommandKind::DismissObjection => {
            forms.push(view! {
                <Step action number=n.clone() version=v kind=CommandKind::DismissObjection title="不同意异议" button="退回原单位办理">
                    {text_area("f-dismiss", "text", "理由")}
                </Step>
            }.into_any());
        }
        CommandKind::SubmitDraft => {
            let decisions = Decision::for_kind(case.kind)
                .iter()
                .map(|d| view! { <option value=d.code()>{d.label()}</option> })
                .collect_view();
            forms.push(view! {
                <Step action number=n.clone() version=v kind=CommandKind::SubmitDraft title="起草信访处理意见书" button="提交负责人审批">
                    {text_area("f-facts", "facts", "查明事实")}
                    {text_area("f-reasons", "reasons", "理由")}
                    <div class="field">
                        <label for="f-decision">{if suggestion { "采纳情况" } else { "处理意见" }}</label>
                        <select id="f-decision" name="decision" required=true>{decisions}</select>
                    </div>
                    {text_area("f-basis", "legal_basis", "依据")}
                </Step>
            }.into_any());
        }
        CommandKind::ApproveReply => {
            forms.push(view! { <Step action number=n.clone() version=v kind=CommandKind::ApproveReply title="审批答复" button="批准并发布答复" /> }.into_any());
        }
        CommandKind::RecordDelivery => {
            forms.push(view! {
                <Step action number=n.clone() version=v kind=CommandKind::RecordDelivery title="登记送达" button="登记送达">
                    <p class="meta">"书面答复送达信访人之日起，信访人可在30日内申请复查（复核）。"</p>
                    <div class="field">
                        <label for="f-delivered">"送达日期"</label>
                        <input id="f-delivered" name="due" type="date" required=true />
                    </div>
                </Step>
            }.into_any());
        }
        CommandKind::ReturnDraft => {
            forms.push(view! {
                <Step action number=n.clone() version=v kind=CommandKind::ReturnDraft title="退回修改" button="退回">
                    {text_area("f-return", "text", "修改意见")}
                </Step>
            }.into_any());
        }
        CommandKind::Extend => {
            forms.push(view! {
                <Step action number=n.clone() version=v kind=CommandKind::Extend title="延长办理期限（限一次，不超过30日）" button="批准延期">
                    {number_field("f-extend-days", "延长天数", 30)}
                    {text_area("f-extend", "text", "延期理由（将告知信访人）")}
                </Step>
            }.into_any());
        }
        CommandKind::RecordHearing => {
            forms.push(view! {
                <Step action number=n.clone() version=v kind=CommandKind::RecordHearing title="登记听证" button="登记">
                    {number_field("f-hearing-days", "听证天数（不计入期限）", 90)}
                    {text_area("f-hearing", "text", "听证情况")}
                </Step>
            }.into_any());
        }
        CommandKind::Supervise => {
            forms.push(view! {
                <Step action number=n.clone() version=v kind=CommandKind::Supervise title="督办" button="发出督办单">
                    {text_area("f-supervise", "text", "督办意见")}
                </Step>
            }.into_any());
        }
        CommandKind::MarkGroup => {
            if !case.group_matter {
                forms.push(view! { <Step action number=n.clone() version=v kind=CommandKind::MarkGroup title="标记为集体访" button="标记" /> }.into_any());
            }
        }
        CommandKind::LinkRepeat => {
            forms.push(view! {
                <Step action number=n.clone() version=v kind=CommandKind::LinkRepeat title="关联重复件" button="关联">
                    <div class="field">
                        <label for="f-repeat">"较早的信访件编号"</label>
                        <input id="f-repeat" name="text" required=true />
                    </div>
                </Step>
            }.into_any());
        }
        CommandKind::SetAccused => {
            if !case.accused_pending {
                let title = if case.accused_unit.is_some() || case.accused_none {
                    "更正被反映单位（负责人；保密：该单位不得接触本件）"
                } else {
                    "被反映单位（保密：该单位不得接触本件）"
                };
                let u = units.to_vec();
                forms.push(view! {
                    <Step action number=n.clone() version=v kind=CommandKind::SetAccused title=title button="记录">
                        {unit_select(&u, None, "被反映单位", "f-accused-unit")}
                    </Step>
                }.into_any());
            }
        }
        CommandKind::NoAccusedUnit => {
            if !case.accused_pending {
                forms.push(view! {
                    <Step action number=n.clone() version=v kind=CommandKind::NoAccusedUnit title="更正为没有被检举控告的单位（负责人）" button="更正" />
                }.into_any());
            }
        }
        CommandKind::AddNote => {
            forms.push(view! {
                <Step action number=n.clone() version=v kind=CommandKind::AddNote title="内部备注（不向信访人公开）" button="添加备注">
                    {text_area("f-note", "text", "备注")}
                </Step>
            }.into_any());
        }
        CommandKind::AddCoHandler => {
            let u = units.to_vec();
            forms.push(view! {
                <Step action number=n.clone() version=v kind=CommandKind::AddCoHandler title="商请协办" button="商请协办">
                    {unit_select(&u, None, "协办单位", "f-co-unit")}
                    <div class="field">
                        <label for="f-co-due">"协办期限"</label>
                        <input id="f-co-due" name="due" type="date" required=true />
                    </div>
                </Step>
            }.into_any());
        }
        CommandKind::CoOpinion => {
            forms.push(view! {
                <Step action number=n.clone() version=v kind=CommandKind::CoOpinion title="协办意见" button="提交协办意见">
                    {text_area("f-co-opinion", "text", "本单位的协办意见")}
                </Step>
            }.into_any());
        }
        CommandKind::AnswerSupervision => {
            for notice in case.supervision.iter().filter(|s| s.answered_at.is_none()) {
                let title = format!("督办单（{}前书面答复）：{}", notice.answer_due, notice.body);
                let (id, number) = (notice.id.0, n.clone());
                forms.push(
                    view! {
                        <section class="step" aria-label="答复督办">
                            <h3>{title}</h3>
                            <ActionForm action attr:class="form">
                                <input type="hidden" name="number" value=number />
                                <input type="hidden" name="action" value="answer_supervision" />
                                <input type="hidden" name="notice_id" value=id />
                                {text_area("f-answer", "text", "书面答复")}
                                <button type="submit" class="button primary">"答复督办"</button>
                            </ActionForm>
                        </section>
                    }
                    .into_any(),
                );
            }
        }
        CommandKind::FollowUp => {
            let ratings = shared::petition::Rating::ALL
                .iter()
                .map(|r| view! { <option value=r.code()>{r.label()}</option> })
                .collect_view();
            forms.push(view! {
                <Step action number=n.clone() version=v kind=CommandKind::FollowUp title="记录回访" button="记录回访">
                    <p class="meta">"电话或上门回访信访人后，代为记录其评价；信访人要求复查（复核）的，一并记录理由，期限自即日起算。"</p>
                    <div class="field">
                        <label for="f-follow-rating">"信访人的评价"</label>
                        <select id="f-follow-rating" name="rating"><option value="">"（未评价）"</option>{ratings}</select>
                    </div>
                    {text_area_optional("f-follow-comment", "text", "评价意见（选填）")}
                    {text_area_optional("f-follow-review", "review", "复查（复核）申请理由（信访人要求时填写）")}
                </Step>
            }.into_any());
        }
        CommandKind::AssignHandler => {
            let people = case
                .assignable
                .iter()
                .map(|p| view! { <option value=p.id.0>{p.name.clone()}</option> })
                .collect_view();
            forms.push(view! {
                <Step action number=n.clone() version=v kind=CommandKind::AssignHandler title="指定承办人" button="指定">
                    <div class="field">
                        <label for="f-assignee">"承办人（列入其“我的待办”）"</label>
                        <select id="f-assignee" name="staff_id" required=true>{people}</select>
                    </div>
                </Step>
            }.into_any());
        }
        CommandKind::Recuse => {
            forms.push(view! {
                <details class="step">
                    <summary>"申请回避"</summary>
                    <Step action number=n.clone() version=v kind=CommandKind::Recuse title="回避（《信访工作条例》第二十八条）" button="回避">
                        {text_area("f-recuse", "text", "与本件的利害关系")}
                    </Step>
                </details>
            }.into_any());
        }
    }
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_places_every_command_once() {
        for kind in CommandKind::ALL {
            let places = PAGE.iter().filter(|k| *k == kind).count();
            assert_eq!(places, 1, "{}", kind.code());
        }
    }
}
