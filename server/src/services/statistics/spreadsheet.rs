//! The monthly 通报 as files: an Excel workbook (`.xlsx`, via rust_xlsxwriter) and CSV (UTF-8
//! with a byte-order mark, so Excel reads the Chinese), the same columns in both.

use rust_xlsxwriter::{Format, Workbook};
use shared::figures::Figure;
use shared::statistics::{BulletinRow, BulletinView, month_label};

use crate::services::workflow::queue::as_text;

/// The figures a 通报 ranks units by, after the index.
const FIGURES: [Figure; 8] = [
    Figure::OnlineShare,
    Figure::TimelyAcceptance,
    Figure::OnTimeAnswer,
    Figure::RatingShare,
    Figure::Satisfaction,
    Figure::Unrouted,
    Figure::ReviewShare,
    Figure::SupervisionAnswered,
];

fn header() -> Vec<String> {
    let mut h: Vec<String> = ["排名", "单位", "信访指数", "上月指数", "收件量", "答复件数"]
        .map(str::to_owned)
        .to_vec();
    h.extend(FIGURES.iter().map(|f| f.name().to_owned()));
    h.push("提示".to_owned());
    h
}

fn cells(r: &BulletinRow) -> Vec<String> {
    let num = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_else(|| "—".into());
    let name = if r.own {
        format!("{}（本级）", r.unit.name)
    } else {
        r.unit.name.clone()
    };
    let mut c = vec![
        num(r.rank),
        name,
        num(r.index),
        num(r.previous),
        r.tally.received.to_string(),
        r.tally.answered.to_string(),
    ];
    c.extend(FIGURES.iter().map(|f| f.of(&r.tally).percent()));
    c.push(r.flags.join("；"));
    c
}

fn title(v: &BulletinView) -> String {
    format!("{}{}信访工作通报", v.scope.name, month_label(&v.month))
}

/// The bulletin as an `.xlsx` workbook: a title row, the method, then the ranked table.
pub fn xlsx(v: &BulletinView) -> anyhow::Result<Vec<u8>> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("月度通报")?;
    let bold = Format::new().set_bold();
    sheet.write_string_with_format(0, 0, title(v), &bold)?;
    sheet.write_string(1, 0, &v.method)?;
    for (col, h) in header().iter().enumerate() {
        sheet.write_string_with_format(3, u16::try_from(col)?, h, &bold)?;
    }
    for (i, r) in v.rows.iter().enumerate() {
        let row = u32::try_from(i)? + 4;
        for (col, text) in cells(r).iter().enumerate() {
            let col = u16::try_from(col)?;
            // Counts and indexes as numbers, so the sheet can sort and sum them.
            match text.parse::<f64>() {
                Ok(n) if matches!(col, 0 | 2..=5) => sheet.write_number(row, col, n)?,
                _ => sheet.write_string(row, col, text)?,
            };
        }
    }
    sheet.set_column_width(1, 28)?;
    sheet.set_column_width(u16::try_from(header().len() - 1)?, 40)?;
    Ok(book.save_to_buffer()?)
}

/// The bulletin as CSV: its title on the first line, then the table.
pub fn csv(v: &BulletinView) -> anyhow::Result<Vec<u8>> {
    let mut out = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    out.write_record([title(v)])?;
    out.write_record(header())?;
    for r in &v.rows {
        out.write_record(cells(r).iter().map(|c| as_text(c)))?;
    }
    out.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
}
