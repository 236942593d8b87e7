//! The texts of every event, in Chinese: SMS and in-app bodies and e-mail subjects.

use std::collections::BTreeMap;

/// The events that notify someone.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, strum::IntoStaticStr, strum::EnumString, strum::VariantArray,
)]
#[strum(serialize_all = "snake_case")]
pub enum Event {
    /// 提交成功: number and query code.
    PetitionFiled,
    /// 已受理
    Accepted,
    /// 不予受理
    NotAccepted,
    /// 已转送/交办
    Forwarded,
    /// 延期
    Extended,
    /// 已答复
    Replied,
    /// To staff: a petition was forwarded or assigned to the unit.
    Assigned,
    /// To staff: a supervision notice.
    Supervised,
    /// To staff: 临期.
    DeadlineWarning,
    /// To staff: 超期 (the holding unit and the one above).
    Overdue,
    /// To the petitioner: their 复查/复核 request was received, with who answers by when.
    ReviewRequested,
    /// To the petitioner: the window to ask for a review closes soon.
    ReviewClosing,
    /// To the petitioner: a reply is waiting for their rating (评价提醒).
    RatingReminder,
    /// 短信验证码: to a phone that is not necessarily anyone's yet.
    VerificationCode,
    /// To administrators: a year's holiday arrangement is not (fully) loaded, and due dates
    /// in it are counted with weekends only.
    CalendarMissing,
    /// To a partner system: the case, pushed when it is forwarded to a unit that works there.
    #[strum(serialize = "case_pushed")]
    CaseToPartner,
}

/// Parameters that are secrets (a query code, a verification code): sent once, never kept.
const SECRETS: &[&str] = &["code"];

/// `p` with every secret left out, for what the server keeps after sending.
pub fn redacted(p: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    let mut kept = p.clone();
    for key in SECRETS {
        if let Some(v) = kept.get_mut(*key) {
            *v = "（已隐去，请查看短信或提交回执）".to_owned();
        }
    }
    kept
}

shared::codes!(Event);

impl Event {
    /// The event's name on the administration pages (消息投递).
    pub fn label(self) -> &'static str {
        match self {
            Self::PetitionFiled => "提交成功",
            Self::Accepted => "受理告知",
            Self::NotAccepted => "不予受理告知",
            Self::Forwarded => "转送告知",
            Self::Extended => "延期告知",
            Self::Replied => "答复通知",
            Self::Assigned => "新事项通知",
            Self::Supervised => "督办通知",
            Self::DeadlineWarning => "临期提醒",
            Self::Overdue => "超期提醒",
            Self::ReviewRequested => "复查申请确认",
            Self::ReviewClosing => "复查期限提醒",
            Self::RatingReminder => "评价提醒",
            Self::VerificationCode => "验证码",
            Self::CalendarMissing => "节假日安排未载入",
            Self::CaseToPartner => "推送对接系统",
        }
    }

    /// The name of a stored message's template (an event's code), or the code itself.
    pub fn label_of(template: &str) -> String {
        Self::from_code(template).map_or_else(|| template.to_owned(), |e| e.label().to_owned())
    }

    /// The event type partner systems subscribe to (`petition.filed`, ...), for the events
    /// that concern a petition's progress.
    pub fn webhook_type(self) -> String {
        match self {
            Self::PetitionFiled => "petition.filed".into(),
            other => format!("petition.{}", other.code()),
        }
    }

    /// The types a subscription may name.
    pub fn webhook_types() -> Vec<String> {
        [
            Self::PetitionFiled,
            Self::Accepted,
            Self::NotAccepted,
            Self::Forwarded,
            Self::Extended,
            Self::Replied,
        ]
        .into_iter()
        .map(Self::webhook_type)
        .collect()
    }

    /// The title (in-app, e-mail subject) and the body (SMS, in-app, e-mail) with `p` filled in.
    /// The message's title and text with `p` filled in.
    pub fn render(self, p: &BTreeMap<String, String>) -> (String, String) {
        let v = |k: &str| p.get(k).cloned().unwrap_or_default();
        let n = v("number");
        match self {
            Self::PetitionFiled => (
                "信访事项已提交".into(),
                format!(
                    "您的信访事项已提交，编号{n}，查询码{}，请妥善保管。我们将在{}前告知是否受理。",
                    v("code"),
                    v("due")
                ),
            ),
            Self::Accepted => (
                "信访事项已受理".into(),
                format!(
                    "您的信访事项{n}已由{}受理，将在{}前作出书面答复。",
                    v("unit"),
                    v("due")
                ),
            ),
            Self::NotAccepted if p.contains_key("offline") => (
                "不予受理告知".into(),
                format!(
                    "您的信访事项{n}不予受理，书面告知及引导意见将送达您，也可凭编号和查询码在阳光信访“办理查询”查看。"
                ),
            ),
            Self::NotAccepted => (
                "不予受理告知".into(),
                format!("您的信访事项{n}不予受理，书面告知及引导意见请登录阳光信访查看。"),
            ),
            Self::Forwarded => (
                "信访事项已转送".into(),
                format!("您的信访事项{n}已转送{}办理。", v("unit")),
            ),
            Self::Extended => (
                "办理期限延长".into(),
                format!(
                    "您的信访事项{n}办理期限延长{}日至{}，理由：{}",
                    v("days"),
                    v("due"),
                    v("reason")
                ),
            ),
            // Without an account: the written reply comes by post; the rating and a review
            // request are taken at the follow-up (回访), or online once they register with
            // the same ID number and phone.
            Self::Replied if p.contains_key("offline") => (
                "信访事项已答复".into(),
                format!(
                    "您的信访事项{n}已作出书面答复，将送达您。对答复的评价和复查申请，可在阳光信访“办理查询”输入编号和查询码，经本手机验证码验证后提交，也可在工作人员回访时告知。"
                ),
            ),
            Self::Replied => (
                "信访事项已答复".into(),
                format!("您的信访事项{n}已作出书面答复，请登录阳光信访查看并评价。"),
            ),
            Self::Assigned => (
                "新的信访事项".into(),
                format!(
                    "信访事项{n}已转至本单位，请及时签收；不属本单位职责的，请在5个工作日内提出异议。"
                ),
            ),
            Self::Supervised => (
                "督办通知".into(),
                format!("上级机关对信访事项{n}发出督办单，请按期书面答复。"),
            ),
            Self::DeadlineWarning => (
                "临期提醒".into(),
                format!("信访事项{n}的期限将于{}届满，请抓紧办理。", v("due")),
            ),
            Self::Overdue => (
                "超期提醒".into(),
                format!(
                    "信访事项{n}已超过{}的期限，请立即办理；已提请上级督办。",
                    v("due")
                ),
            ),
            Self::ReviewRequested => (
                format!("{}申请已收到", v("round")),
                format!(
                    "您对信访事项{n}的{}申请已收到，由{}办理，将在{}前作出{}意见。",
                    v("round"),
                    v("unit"),
                    v("due"),
                    v("round")
                ),
            ),
            Self::ReviewClosing if p.contains_key("offline") => (
                "复查申请期限即将届满".into(),
                format!(
                    "您的信访事项{n}如对答复不服，可在{}前申请复查（复核）：在阳光信访“办理查询”输入编号和查询码，经本手机验证码验证后提交，逾期不再受理。",
                    v("due")
                ),
            ),
            Self::ReviewClosing => (
                "复查申请期限即将届满".into(),
                format!(
                    "您的信访事项{n}如对答复不服，可在{}前申请复查（复核），逾期不再受理。",
                    v("due")
                ),
            ),
            Self::RatingReminder if p.contains_key("offline") => (
                "请评价办理结果".into(),
                format!(
                    "您的信访事项{n}已答复，请在{}前对办理结果作出评价：在阳光信访“办理查询”输入编号和查询码，经本手机验证码验证后提交。",
                    v("due")
                ),
            ),
            Self::RatingReminder => (
                "请评价办理结果".into(),
                format!(
                    "您的信访事项{n}已答复，请在{}前登录阳光信访对办理结果作出评价。",
                    v("due")
                ),
            ),
            Self::VerificationCode => (
                "验证码".into(),
                format!(
                    "您的验证码为{}，{}分钟内有效。如非本人操作，请忽略本短信，切勿告诉他人。",
                    v("code"),
                    v("minutes")
                ),
            ),
            Self::CalendarMissing => (
                format!("{}年节假日安排尚未载入", v("year")),
                format!(
                    "{}年的节假日安排尚未完整载入（尚缺：{}），落入该年度的期限暂按周末计算，载入后将重新计算。国务院办公厅公布安排后，请在“系统管理—节假日安排”中录入。",
                    v("year"),
                    v("missing")
                ),
            ),
            Self::CaseToPartner => ("信访事项推送".into(), format!("信访事项{n}已推送。")),
        }
    }
}
