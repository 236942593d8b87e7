//! 统计口径: how every published figure is counted, printed from the definitions the portal computes with, for anyone, without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use shared::figures::Figure;

#[component]
pub fn MethodPage() -> impl IntoView {
    let rows = Figure::ALL
        .iter()
        .map(|f| {
            let id = format!("figure-{}", f.code());
            let labelled = id.clone();
            view! {
                <section class="card figure-def" aria-labelledby=labelled>
                    <h2 id=id>{f.name()}</h2>
                    <p class="formula">{f.formula()}</p>
                    <p class="basis">{format!("依据：{}", f.source())}
                        {(!f.higher_is_better()).then_some("。此项越低越好。")}</p>
                </section>
            }
        })
        .collect_view();
    view! {
        <Title text="统计口径" />
        <h1>"统计口径"</h1>
        <p>"本平台统计信访工作指标的口径如下。公开的统计和工作人员看到的统计由系统按同一套定义计算，本页即由这套定义生成。"</p>
        <ul>
            <li>"统计期间以自然月为单位，按北京时间计；季度、年度为各月之和。"</li>
            <li>"每件信访事项只在首次收到它的单位计入收件量；答复、评价、复查复核计入作出答复的单位。"</li>
            <li>"比率由两个计数相除，保留一位小数；分母为零时不计算，显示为“—”，而不是0%。"</li>
            <li>"年度工作情况报告（第四十一条）中，转送、交办计入作出首次受理决定的单位；“交由办理”计入受理该事项或被转送、交办该事项的单位，即“反映集中的单位”排名所依据的件数；采纳或部分采纳的人民建议计入作出答复的单位，每件只计一次。"</li>
            <li>"期限按《信访工作条例》规定的日数计算，遇法定节假日和调休顺延。"</li>
            <li>"检举控告事项计入收到和办理它的单位，从不按被检举控告单位统计；针对某一单位的检举控告数量只向其上级机关和纪检监察机关显示（《信访工作条例》第三十条、第四十六条）。"</li>
        </ul>
        {rows}
    }
}
