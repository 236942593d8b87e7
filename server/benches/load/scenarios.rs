//! The scenarios: what a citizen, a clerk or the public asks of the portal, each as a
//! request builder over the seeded data (logins, look-up grants and queue cursors are
//! taken once, before the clock starts).

use std::sync::Arc;

use anyhow::Context;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::drive::{Expect, MakeRequest};
use crate::seed::{PASSWORD, Seeded};

pub struct Scenario {
    pub name: &'static str,
    pub make: MakeRequest,
    pub expect: Expect,
}

pub struct Scenarios {
    pub client: reqwest::Client,
    base: String,
    lookups: Arc<Vec<(String, String)>>,
    /// (number, "track=<grant>") pairs for the progress page.
    grants: Arc<Vec<(String, String)>>,
    /// Citizens who file during the run.
    citizen_tokens: Arc<Vec<String>>,
    /// Other citizens, with the ten petitions of the data set each, who list theirs.
    reader_tokens: Arc<Vec<String>>,
    filing: Arc<Value>,
    staff_token: String,
    /// The county bureau's head, for the 通报.
    head_token: String,
    /// The city bureau's supervisor, for the 督查看板.
    supervisor_token: String,
    staff_cookie: String,
    /// The session cookie of a citizen who files, for the filing page itself.
    pub citizen_cookie: String,
    queue_cursors: Arc<Vec<Option<String>>>,
    staff_cases: Arc<Vec<String>>,
}

/// The `name=value` pairs of a response's cookies, as a `Cookie` header.
fn cookies_of(res: &reqwest::Response) -> String {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok()?.split(';').next().map(str::to_owned))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Signs a staff member in: their bearer token and session cookie.
async fn staff_login(
    client: &reqwest::Client,
    base: &str,
    (username, password): &(String, String),
) -> anyhow::Result<(String, String)> {
    let res = client
        .post(format!("{base}/api/v1/staff/sessions"))
        .json(&json!({ "username": username, "password": password }))
        .send()
        .await?;
    anyhow::ensure!(res.status() == StatusCode::OK, "staff login");
    let cookie = cookies_of(&res);
    let body: Value = res.json().await?;
    let token = body["access_token"].as_str().context("token")?.to_owned();
    Ok((token, cookie))
}

pub async fn prepare(base: &str, seeded: &Seeded) -> anyhow::Result<Scenarios> {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(64)
        .build()?;
    let mut tokens = Vec::new();
    let mut citizen_cookie = String::new();
    for phone in seeded.phones.iter().take(32) {
        let res = client
            .post(format!("{base}/api/v1/sessions"))
            .json(&json!({ "phone": phone, "password": PASSWORD }))
            .send()
            .await?;
        anyhow::ensure!(res.status() == StatusCode::OK, "citizen login");
        if citizen_cookie.is_empty() {
            citizen_cookie = cookies_of(&res);
        }
        let body: Value = res.json().await?;
        tokens.push(body["access_token"].as_str().context("token")?.to_owned());
    }
    let reader_tokens = tokens.split_off(16);
    let citizen_tokens = tokens;
    let mut grants = Vec::new();
    for (number, code) in seeded.lookups.iter().take(200) {
        let res = client
            .post(format!("{base}/ui/lookup"))
            .header("Accept", "text/html")
            .form(&[("number", number), ("query_code", code)])
            .send()
            .await?;
        let cookie = cookies_of(&res);
        anyhow::ensure!(
            cookie.contains("track="),
            "a look-up grant: {}",
            res.status()
        );
        grants.push((number.clone(), cookie));
    }
    let (staff_token, staff_cookie) = staff_login(&client, base, &seeded.staff).await?;
    let (head_token, _) = staff_login(&client, base, &seeded.head).await?;
    let (supervisor_token, _) = staff_login(&client, base, &seeded.supervisor).await?;
    // Up to twenty pages of the department's 办理中 queue, walked once for their cursors.
    let mut queue_cursors: Vec<Option<String>> = vec![None];
    while queue_cursors.len() < 20 {
        let mut req = client
            .get(format!("{base}/api/v1/staff/petitions"))
            .bearer_auth(&staff_token)
            .query(&[("status", "handling")]);
        if let Some(Some(after)) = queue_cursors.last() {
            req = req.query(&[("after", after)]);
        }
        let page: Value = req.send().await?.json().await?;
        anyhow::ensure!(
            page["items"].as_array().is_some_and(|i| !i.is_empty()),
            "a queue page: {page}"
        );
        match page["next"].as_str() {
            Some(next) => queue_cursors.push(Some(next.to_owned())),
            None => break,
        }
    }
    let (category_id, region_id) = seeded.filing;
    let filing = json!({
        "kind": "appeal",
        "category_id": category_id,
        "region_id": region_id,
        "title": "小区门口道路破损严重",
        "facts": "小区南门外约五十米道路坑洼不平，雨天积水，老人孩子出行困难，已持续三个月。",
        "request": "请尽快修复道路，消除安全隐患。",
        "other_procedure": "none",
        "people_count": 1,
        "publish_consent": false
    });
    Ok(Scenarios {
        client,
        base: base.to_owned(),
        lookups: Arc::new(seeded.lookups.clone()),
        grants: Arc::new(grants),
        citizen_tokens: Arc::new(citizen_tokens),
        reader_tokens: Arc::new(reader_tokens),
        filing: Arc::new(filing),
        staff_token,
        head_token,
        supervisor_token,
        staff_cookie,
        citizen_cookie,
        queue_cursors: Arc::new(queue_cursors),
        staff_cases: Arc::new(seeded.staff_cases.clone()),
    })
}

fn ok(s: StatusCode) -> bool {
    s == StatusCode::OK
}

fn no_content(s: StatusCode) -> bool {
    s == StatusCode::NO_CONTENT
}

fn created(s: StatusCode) -> bool {
    s == StatusCode::CREATED || s == StatusCode::OK
}

impl Scenarios {
    pub fn list(&self) -> Vec<Scenario> {
        let base = self.base.clone();
        let mut out = Vec::new();

        let (b, lookups) = (base.clone(), self.lookups.clone());
        out.push(Scenario {
            name: "查询 look-up, API (number + code)",
            make: Arc::new(move |c, conn, n| {
                let (number, code) = &lookups[(conn * 7919 + n as usize * 31) % lookups.len()];
                c.post(format!("{b}/api/v1/petitions/lookup"))
                    .json(&json!({ "number": number, "query_code": code }))
            }),
            expect: ok,
        });

        let (b, grants) = (base.clone(), self.grants.clone());
        out.push(Scenario {
            name: "查询 progress page, SSR (/track)",
            make: Arc::new(move |c, conn, n| {
                let (number, cookie) = &grants[(conn * 13 + n as usize) % grants.len()];
                c.get(format!("{b}/track/{number}"))
                    .header("Cookie", cookie)
            }),
            expect: ok,
        });

        let (b, tokens, filing) = (
            base.clone(),
            self.citizen_tokens.clone(),
            self.filing.clone(),
        );
        let run = uuid::Uuid::new_v4().simple().to_string();
        out.push(Scenario {
            name: "网上信访 filing, API (no attachment)",
            make: Arc::new(move |c, conn, n| {
                c.post(format!("{b}/api/v1/petitions"))
                    .bearer_auth(&tokens[conn % tokens.len()])
                    .header("Idempotency-Key", format!("{run}-{conn}-{n}"))
                    .json(&*filing)
            }),
            expect: created,
        });

        let (b, tokens) = (base.clone(), self.reader_tokens.clone());
        out.push(Scenario {
            name: "我的信访 a citizen's list, API",
            make: Arc::new(move |c, conn, _| {
                c.get(format!("{b}/api/v1/petitions"))
                    .bearer_auth(&tokens[conn % tokens.len()])
            }),
            expect: ok,
        });

        // 公开统计: anyone's page of a month, the whole jurisdiction with its units and its
        // twelve-month trend, read from the rollups; each request a month of the last year.
        let b = base.clone();
        out.push(Scenario {
            name: "公开统计 public statistics, API (a month of the year)",
            make: Arc::new(move |c, conn, n| {
                let back = (conn + n as usize) % 12;
                let month = chrono::Utc::now().date_naive() - chrono::Months::new(back as u32);
                c.get(format!("{b}/api/v1/statistics"))
                    .query(&[("month", month.format("%Y-%m").to_string())])
            }),
            expect: ok,
        });
        let b = base.clone();
        out.push(Scenario {
            name: "公开统计 public statistics page, SSR",
            make: Arc::new(move |c, _, _| c.get(format!("{b}/statistics"))),
            expect: ok,
        });

        // 统计通报: a county bureau head's 通报 and 信访指数 of the county's units, a month
        // of the year each request.
        let (b, token) = (base.clone(), self.head_token.clone());
        out.push(Scenario {
            name: "统计通报 a county head's 通报 and 信访指数, API",
            make: Arc::new(move |c, conn, n| {
                let back = (conn + n as usize) % 12;
                let month = chrono::Utc::now().date_naive() - chrono::Months::new(back as u32);
                c.get(format!("{b}/api/v1/staff/bulletin"))
                    .bearer_auth(&token)
                    .query(&[("month", month.format("%Y-%m").to_string())])
            }),
            expect: ok,
        });
        // As the head opens it: this month, with what is overdue today across the county.
        let (b, token) = (base.clone(), self.head_token.clone());
        out.push(Scenario {
            name: "统计通报 this month with the overdue list, API",
            make: Arc::new(move |c, _, _| {
                c.get(format!("{b}/api/v1/staff/bulletin"))
                    .bearer_auth(&token)
            }),
            expect: ok,
        });

        // The same head's queue with the 超期 filter: the county's overdue matters, longest
        // first, a page of fifty read unit by unit and status by status.
        let (b, token) = (base.clone(), self.head_token.clone());
        out.push(Scenario {
            name: "待办队列 a county head's 超期 list, API",
            make: Arc::new(move |c, _, _| {
                c.get(format!("{b}/api/v1/staff/petitions"))
                    .bearer_auth(&token)
                    .query(&[("clock", "overdue"), ("sort", "due")])
            }),
            expect: ok,
        });

        // 督查看板: the city supervisor's live 漏排/超期/督办 picture of every county, counted
        // from the indexes as of today.
        let (b, token) = (base.clone(), self.supervisor_token.clone());
        out.push(Scenario {
            name: "督查看板 the city supervisor's live picture, API",
            make: Arc::new(move |c, _, _| {
                c.get(format!("{b}/api/v1/staff/oversight"))
                    .bearer_auth(&token)
            }),
            expect: ok,
        });

        // 年度工作情况报告 (art. 41): the same head's year, this one or the one before:
        // twelve months of the county's rollups and of 收件量 by field, kind and channel.
        let (b, token) = (base.clone(), self.head_token.clone());
        out.push(Scenario {
            name: "年度报告 a county head's annual report, API",
            make: Arc::new(move |c, conn, n| {
                let year =
                    chrono::Datelike::year(&chrono::Utc::now()) - ((conn + n as usize) % 2) as i32;
                c.get(format!("{b}/api/v1/staff/annual"))
                    .bearer_auth(&token)
                    .query(&[("year", year.to_string())])
            }),
            expect: ok,
        });

        let (b, token, cursors) = (
            base.clone(),
            self.staff_token.clone(),
            self.queue_cursors.clone(),
        );
        out.push(Scenario {
            name: "待办队列 triage queue, API (50 rows, keyset pages)",
            make: Arc::new(move |c, conn, n| {
                let mut req = c
                    .get(format!("{b}/api/v1/staff/petitions"))
                    .bearer_auth(&token)
                    .query(&[("status", "handling")]);
                if let Some(after) = &cursors[(conn + n as usize) % cursors.len()] {
                    req = req.query(&[("after", after)]);
                }
                req
            }),
            expect: ok,
        });

        // The queue page's first screen: every open matter of the unit, counted by clock
        // state (超期, 临期, …) as the page shows them, and the first fifty.
        let (b, token) = (base.clone(), self.staff_token.clone());
        out.push(Scenario {
            name: "待办队列 queue with its counts, API (all open)",
            make: Arc::new(move |c, _, _| {
                c.get(format!("{b}/api/v1/staff/petitions"))
                    .bearer_auth(&token)
                    .query(&[("counts", "true")])
            }),
            expect: ok,
        });

        let (b, cookie, cases) = (
            base.clone(),
            self.staff_cookie.clone(),
            self.staff_cases.clone(),
        );
        out.push(Scenario {
            name: "案件详情 staff case page, SSR",
            make: Arc::new(move |c, conn, n| {
                let number = &cases[(conn * 17 + n as usize) % cases.len()];
                c.get(format!("{b}/staff/petitions/{number}"))
                    .header("Cookie", &cookie)
            }),
            expect: ok,
        });
        // A workflow step: the handler adds a 内部备注. Like every step it takes the
        // petition's share of the figures before and after, in its own transaction.
        let (b, token, cases) = (base, self.staff_token.clone(), self.staff_cases.clone());
        out.push(Scenario {
            name: "案件备注 a workflow step (a note), API",
            make: Arc::new(move |c, conn, n| {
                let number = &cases[(conn * 31 + n as usize) % cases.len()];
                c.post(format!("{b}/api/v1/staff/petitions/{number}/actions"))
                    .bearer_auth(&token)
                    .json(&json!({ "action": "add_note", "body": "已电话联系物业，约定本周内上门核实。" }))
            }),
            expect: no_content,
        });
        out
    }
}
