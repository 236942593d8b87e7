//! 首页: what 信访 is, how to file and to query, and the time limits that protect the petitioner.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <Title text="" />
        <section class="hero">
            <h1>"网上信访，数据多跑腿，群众少跑路"</h1>
            <p>"通过本平台提交建议意见、检举控告、申诉求决和咨询，随时查询受理和办理进度，并对办理结果进行评价。"</p>
            <div class="actions">
                <A href="/file" attr:class="button primary">"我要信访"</A>
                <A href="/lookup" attr:class="button">"办理查询"</A>
            </div>
        </section>
        <section>
            <h2>"怎样提交"</h2>
            <ol class="steps">
                <li><strong>"实名注册"</strong>"：填写姓名、身份证号码和手机号码。您的个人信息加密保存，依法保密。"</li>
                <li><strong>"填写事项"</strong>"：说明问题发生地、事实和理由以及您的诉求，可以上传图片或PDF材料（最多9个，每个不超过10MB）。"</li>
                <li><strong>"保存回执"</strong>"：提交后立即获得信访件编号和查询码，请抄写或打印保存，凭它们随时查询办理进度。"</li>
            </ol>
        </section>
        <section>
            <h2>"怎样查询"</h2>
            <p>"登录后在“我的信访”查看全部事项；不登录也可以在“办理查询”输入信访件编号和查询码，查看受理和办理进度。"</p>
        </section>
        <section>
            <h2>"办理时限"</h2>
            <ul class="rules">
                <li>"信访部门自收到信访事项之日起15日内转送、交办，或告知您是否受理（《信访工作条例》第二十二条、第二十三条）。"</li>
                <li>"有权处理的机关一般自受理之日起60日内办结；情况复杂的，经批准可延长不超过30日，并告知您延期理由（第三十四条）。"</li>
                <li>"对处理意见不服的，可自收到书面答复之日起30日内请求上一级机关复查；对复查意见不服的，可自收到之日起30日内请求复核（第三十五条、第三十六条）。"</li>
                <li>"已经或者依法应当通过诉讼、仲裁、行政复议等法定途径解决的事项，应当依照相应程序提出（第三十一条）。"</li>
                <li>"期间最后一日是法定节假日的，以节假日后的第一个工作日为期间的最后一日。"</li>
            </ul>
        </section>
        <section>
            <h2>"您的权利"</h2>
            <p>"任何组织和个人不得打击报复信访人（第十八条）。检举、控告材料及信访人的个人信息不得透露给被检举、控告的人员和单位（第三十条）。"</p>
        </section>
    }
}
