//! Charts drawn on the server as SVG, so the statistics pages need no script: each with a
//! title and a description for screen readers, beside a table of the same numbers.

use std::fmt::Write;

/// Width and height of the drawing, in its own units (it scales to the page).
const W: u64 = 640;
const H: u64 = 260;
/// Room for the labels: above the tallest bar and under the axis.
const TOP: u64 = 30;
const BOTTOM: u64 = 36;

/// A bar chart of `points` (label, value), titled `title` and described by `desc`; `id`
/// makes the title's and description's element ids unique on the page.
pub fn bars(id: &str, title: &str, desc: &str, points: &[(String, u64)]) -> String {
    let max = points.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
    let n = u64::try_from(points.len()).unwrap_or(1).max(1);
    let slot = W / n;
    let bar = slot * 3 / 5;
    let plot = H - TOP - BOTTOM;
    let mut svg = format!(
        r#"<svg class="chart" viewBox="0 0 {W} {H}" role="img" aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc><line x1="0" y1="{y}" x2="{W}" y2="{y}" class="axis"/>"#,
        escape(title),
        escape(desc),
        y = H - BOTTOM,
    );
    for (i, (label, value)) in points.iter().enumerate() {
        let x = u64::try_from(i).unwrap_or(0) * slot + (slot - bar) / 2;
        let h = value * plot / max;
        let y = H - BOTTOM - h;
        let centre = x + bar / 2;
        let _ = write!(
            svg,
            r#"<rect x="{x}" y="{y}" width="{bar}" height="{h}" class="bar"/><text x="{centre}" y="{}" class="value">{value}</text><text x="{centre}" y="{}" class="label">{}</text>"#,
            y.saturating_sub(8),
            H - 10,
            escape(label),
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Text for SVG markup: the five characters XML reserves, replaced.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_tallest_and_text_is_escaped() {
        let svg = bars(
            "t",
            "收件量 <按月>",
            "A & B",
            &[("11月".into(), 10), ("12月".into(), 5)],
        );
        assert!(svg.contains("<title id=\"t-title\">收件量 &lt;按月&gt;</title>"));
        assert!(svg.contains("A &amp; B"));
        let plot = H - TOP - BOTTOM;
        assert!(svg.contains(&format!("height=\"{plot}\"")), "{svg}");
        assert!(svg.contains(&format!("height=\"{}\"", plot / 2)), "{svg}");
        assert_eq!(svg.matches("<rect").count(), 2);
    }

    #[test]
    fn nothing_counted_draws_flat_bars() {
        let svg = bars("t", "收件量", "无", &[("1月".into(), 0)]);
        assert!(svg.contains("height=\"0\""));
    }
}
