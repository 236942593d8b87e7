//! The staff's reports as files: the monthly 通报 and the annual report, each as an Excel
//! workbook (`.xlsx`, via rust_xlsxwriter) and as CSV (UTF-8 with a byte-order mark, so
//! Excel reads the Chinese), the same tables in both.

use rust_xlsxwriter::{Format, Workbook};
use shared::figures::{Figure, Tally};
use shared::statistics::{
    ANNUAL_COUNTS, AnnualView, BulletinRow, BulletinView, CountColumn, ROUTED_COUNTS, UnitTally,
    month_label,
};

use crate::services::workflow::queue::as_text;

/// One table: a sheet of the workbook, a section of the CSV.
struct Sheet {
    name: &'static str,
    /// Lines above the table: its title (bold in the workbook), then notes.
    lines: Vec<String>,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    /// The column of names, made wide in the workbook.
    wide: u16,
}

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

/// The figures beside a unit's counts in the annual report.
const UNIT_FIGURES: [Figure; 2] = [Figure::OnTimeAnswer, Figure::Satisfaction];

fn strings(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| (*w).to_owned()).collect()
}

fn bulletin_sheet(v: &BulletinView) -> Sheet {
    let mut header = strings(&["排名", "单位", "信访指数", "上月指数", "收件量", "答复件数"]);
    header.extend(FIGURES.iter().map(|f| f.name().to_owned()));
    header.push("提示".to_owned());
    let num = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_else(|| "—".into());
    let rows = v
        .rows
        .iter()
        .map(|r: &BulletinRow| {
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
        })
        .collect();
    Sheet {
        name: "月度通报",
        lines: vec![
            format!("{}{}信访工作通报", v.scope.name, month_label(&v.month)),
            v.method.clone(),
        ],
        header,
        rows,
        wide: 1,
    }
}

/// The annual report's tables: the year's counts and figures, its months, the units
/// below, the units given the most matters, and 收件量 by field, kind and channel.
fn annual_sheets(v: &AnnualView) -> Vec<Sheet> {
    let title = format!("{}{}年信访工作情况报告", v.scope.name, v.year);
    let counts = |t: &Tally| -> Vec<String> {
        ANNUAL_COUNTS
            .iter()
            .map(|(_, count)| count(t).to_string())
            .collect()
    };
    let mut overview: Vec<Vec<String>> = ANNUAL_COUNTS
        .iter()
        .map(|(name, count)| vec![(*name).to_owned(), count(&v.tally).to_string()])
        .collect();
    overview.extend(
        Figure::ALL
            .iter()
            .map(|f| vec![f.name().to_owned(), f.of(&v.tally).percent()]),
    );
    let mut by_month = strings(&["月份"]);
    by_month.extend(ANNUAL_COUNTS.iter().map(|(name, _)| (*name).to_owned()));
    // A unit's counts, then its 按期办结率 and 满意率.
    let unit_header = |first: &[&str], columns: &[CountColumn]| {
        let mut h = strings(first);
        h.extend(columns.iter().map(|(name, _)| (*name).to_owned()));
        h.extend(UNIT_FIGURES.iter().map(|f| f.name().to_owned()));
        h
    };
    let unit_cells = |u: &UnitTally, columns: &[CountColumn]| {
        let mut c: Vec<String> = columns
            .iter()
            .map(|(_, count)| count(&u.tally).to_string())
            .collect();
        c.extend(UNIT_FIGURES.iter().map(|f| f.of(&u.tally).percent()));
        c
    };
    let mut shares = Vec::new();
    for (by, list) in [
        ("问题类别", &v.categories),
        ("信访类型", &v.kinds),
        ("信访渠道", &v.channels),
    ] {
        shares.extend(
            list.iter()
                .map(|s| vec![by.to_owned(), s.label.clone(), s.count.to_string()]),
        );
    }
    vec![
        Sheet {
            name: "概况",
            lines: vec![
                title.clone(),
                format!("统计至{}", month_label(&v.through)),
                v.summary.clone(),
            ],
            header: strings(&["指标", "数值"]),
            rows: overview,
            wide: 0,
        },
        Sheet {
            name: "各月",
            lines: vec![format!("{title}：各月")],
            header: by_month,
            rows: v
                .months
                .iter()
                .map(|m| {
                    let mut c = vec![month_label(&m.month)];
                    c.extend(counts(&m.tally));
                    c
                })
                .collect(),
            wide: 0,
        },
        Sheet {
            name: "各单位",
            lines: vec![format!("{title}：本级及下级单位")],
            header: unit_header(&["单位"], &ANNUAL_COUNTS),
            rows: v
                .units
                .iter()
                .map(|u| {
                    let mut c = vec![u.unit.name.clone()];
                    c.extend(unit_cells(u, &ANNUAL_COUNTS));
                    c
                })
                .collect(),
            wide: 0,
        },
        Sheet {
            name: "反映集中的单位",
            lines: vec![format!("{title}：交由办理事项最多的单位")],
            header: unit_header(&["排名", "单位"], &ROUTED_COUNTS),
            rows: v
                .most_routed
                .iter()
                .enumerate()
                .map(|(i, u)| {
                    let mut c = vec![(i + 1).to_string(), u.unit.name.clone()];
                    c.extend(unit_cells(u, &ROUTED_COUNTS));
                    c
                })
                .collect(),
            wide: 1,
        },
        Sheet {
            name: "分类",
            lines: vec![format!("{title}：收件量分类")],
            header: strings(&["分类方式", "项目", "收件量"]),
            rows: shares,
            wide: 1,
        },
    ]
}

/// Sheets as an `.xlsx` workbook: each with its lines, a blank row, then its table.
fn workbook(sheets: &[Sheet]) -> anyhow::Result<Vec<u8>> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    for s in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(s.name)?;
        for (i, line) in s.lines.iter().enumerate() {
            let row = u32::try_from(i)?;
            if i == 0 {
                sheet.write_string_with_format(row, 0, line, &bold)?;
            } else {
                sheet.write_string(row, 0, line)?;
            }
        }
        let top = u32::try_from(s.lines.len())? + 1;
        for (col, h) in s.header.iter().enumerate() {
            sheet.write_string_with_format(top, u16::try_from(col)?, h, &bold)?;
        }
        for (i, cells) in s.rows.iter().enumerate() {
            let row = top + 1 + u32::try_from(i)?;
            for (col, text) in cells.iter().enumerate() {
                let col = u16::try_from(col)?;
                // Counts and indexes as numbers, so the sheet can sort and sum them.
                match text.parse::<f64>() {
                    Ok(n) => sheet.write_number(row, col, n)?,
                    Err(_) => sheet.write_string(row, col, text)?,
                };
            }
        }
        sheet.set_column_width(s.wide, 28)?;
    }
    Ok(book.save_to_buffer()?)
}

/// Sheets as CSV: each its lines, then its header and rows.
fn csv_of(sheets: &[Sheet]) -> anyhow::Result<Vec<u8>> {
    let mut out = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    for s in sheets {
        for line in &s.lines {
            out.write_record([as_text(line)])?;
        }
        out.write_record(&s.header)?;
        for r in &s.rows {
            out.write_record(r.iter().map(|c| as_text(c)))?;
        }
    }
    out.into_inner().map_err(|e| anyhow::anyhow!("{e}"))
}

/// The 通报 as an `.xlsx` workbook: a title row, the method, then the ranked table.
pub fn xlsx(v: &BulletinView) -> anyhow::Result<Vec<u8>> {
    workbook(&[bulletin_sheet(v)])
}

/// The 通报 as CSV: its title and method, then the table.
pub fn csv(v: &BulletinView) -> anyhow::Result<Vec<u8>> {
    csv_of(&[bulletin_sheet(v)])
}

/// The annual report as an `.xlsx` workbook, a sheet per table.
pub fn annual_xlsx(v: &AnnualView) -> anyhow::Result<Vec<u8>> {
    workbook(&annual_sheets(v))
}

/// The annual report as CSV, its tables one after the other.
pub fn annual_csv(v: &AnnualView) -> anyhow::Result<Vec<u8>> {
    csv_of(&annual_sheets(v))
}
