// 阳光信访 in a real browser: what anyone may read about the bureaus' work, without an
// account and without JavaScript.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, launch, shotWidths, accessible, citizenWithPetition, demoPasswords, api, staffPage,
} from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('an anonymous visitor finds how the figures are counted from the footer, without JavaScript', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${BASE}/`);
  await page.getByRole('link', { name: '统计口径' }).click();
  await page.waitForURL(/\/statistics\/method$/);
  await page.getByRole('heading', { level: 1, name: '统计口径' }).waitFor();
  // Each figure with its formula and where it comes from.
  const timely = page.getByRole('region', { name: '及时受理率' });
  assert.match(await timely.textContent(), /15日.*÷.*第二十二条/);
  const satisfaction = page.getByRole('region', { name: '满意率' });
  assert.match(await satisfaction.textContent(), /满意或基本满意的件数 ÷ 本期评价件数/);
  assert.match(await page.getByRole('region', { name: '漏排率' }).textContent(), /越低越好/);
  assert.equal(await page.getByRole('region').filter({ hasText: '÷' }).count(), 11, 'every figure');
  await context.close();

  // axe-core runs as a script: the same page, in a browser that runs them.
  const seen = await browser.newPage();
  await seen.goto(`${BASE}/statistics/method`);
  await accessible(seen, 'the counting method');
  await shotWidths(seen, 'statistics-method');
  await seen.close();
});

test('an anonymous visitor reads the month\'s public statistics, and a new petition is counted at once', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 800 } });
  const page = await context.newPage();
  const received = async () => {
    const lead = await page.locator('p.lead').textContent();
    return Number(lead.match(/收件(\d+)件/)[1]);
  };
  await page.goto(`${BASE}/`);
  await page.getByRole('link', { name: '公开统计' }).click();
  await page.waitForURL(/\/statistics$/);
  await page.getByRole('heading', { level: 1, name: '公开统计' }).waitFor();
  const before = await received();
  await citizenWithPetition();
  await page.reload();
  assert.equal(await received(), before + 1, 'the filing is in this month\'s 收件量');

  // Every figure, each linked to how it is counted, with the two counts it divides.
  const figures = page.getByRole('table', { name: '主要指标' });
  assert.equal(await figures.getByRole('row').count(), 12, 'a header and eleven figures');
  const timely = figures.getByRole('row', { name: /及时受理率/ });
  assert.match(await timely.textContent(), /(\d+\.\d%|—)\s*\d+ \/ \d+/);
  assert.equal(
    await timely.getByRole('link').getAttribute('href'),
    '/statistics/method#figure-timely_acceptance',
  );
  // The chart is an image with its title, and the same numbers are in the table beside it.
  const chart = page.getByRole('img', { name: /月度收件量/ });
  await chart.waitFor();
  const trend = page.getByRole('table', { name: '月度收件量与办理情况' });
  assert.equal(await trend.getByRole('row').count(), 13, 'a header and twelve months');
  assert.equal(await page.locator('svg.chart rect').count(), 12);

  // The county's page breaks its figures down by the units below it.
  const units = page.getByRole('table', { name: /各单位/ });
  await units.getByRole('link').first().click();
  await page.waitForURL(/unit=\d+/);
  await page.getByRole('navigation', { name: '所在层级' }).waitFor();
  assert.ok((await received()) >= 0);

  // An earlier month, chosen with the form alone.
  const months = page.getByLabel('月份');
  const earlier = await months.locator('option').nth(1).getAttribute('value');
  await months.selectOption(earlier);
  await page.getByRole('button', { name: '查看' }).click();
  await page.waitForURL(new RegExp(`month=${earlier}`));
  assert.match(page.url(), /unit=\d+/, 'still the same unit');
  await context.close();

  const seen = await browser.newPage();
  await seen.goto(`${BASE}/statistics`);
  await accessible(seen, 'the public statistics');
  await shotWidths(seen, 'statistics');
  await seen.close();
});

test('a leader reads the 信访指数 on a phone, and a head downloads the month\'s 通报 as a spreadsheet', async () => {
  const pw = await demoPasswords();
  // A decision this month, so the index has something to stand on.
  const { number } = await citizenWithPetition();
  const { access_token: intake } = await api('/staff/sessions', { username: 'district_intake', password: pw.district_intake });
  const housing = (await api('/reference')).units.find((u) => u.name === '东城区住房和城乡建设局').id;
  await api(`/staff/petitions/${number}/actions`, { action: 'forward', unit_id: housing }, intake, 204);

  let { context, page } = await staffPage(browser, 'leader', pw.leader);
  await page.getByRole('link', { name: '统计通报' }).click();
  await page.waitForURL(/\/staff\/bulletin$/);
  const index = page.getByRole('region', { name: /信访指数/ });
  assert.match((await index.locator('.index-value').textContent()).trim(), /^\d{1,3}$/);
  const ranking = page.getByRole('region', { name: '排名' });
  assert.ok((await ranking.getByRole('listitem').count()) >= 1, 'the units that counted something, ranked');
  assert.match(await ranking.getByRole('listitem').first().textContent(), /第1名/);
  assert.match(await ranking.textContent(), /本月尚无计数：/, 'the others on one line');
  // What is overdue today across the city, with the way to all of it in the queue.
  const overdue = page.getByRole('region', { name: '超期未办结' });
  assert.match(await overdue.textContent(), /今天(没有超期未办结的信访事项|超期未办结的事项)/);
  const wider = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(wider <= 0, `the page fits the phone (${wider}px too wide)`);
  await accessible(page, 'the leader\'s 信访指数');
  await shotWidths(page, 'bulletin');
  await context.close();

  ({ context, page } = await staffPage(browser, 'district_head', pw.district_head));
  await page.goto(`${BASE}/staff/bulletin`);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: '下载通报（Excel）' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^bulletin-\d{4}-\d{2}\.xlsx$/);
  const { readFile } = await import('node:fs/promises');
  const bytes = await readFile(await download.path());
  assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'a zip, as every .xlsx is');
  assert.ok(bytes.includes(Buffer.from('xl/worksheets/sheet1.xml')), 'with a worksheet in it');
  await context.close();
});

test('a supervisor reads what is late or unanswered unit by unit on a phone, and opens a district', async () => {
  const pw = await demoPasswords();
  // A matter at the housing bureau with a supervision notice it has not answered.
  const { number } = await citizenWithPetition();
  const { access_token: intake } = await api('/staff/sessions', { username: 'district_intake', password: pw.district_intake });
  const { access_token: handler } = await api('/staff/sessions', { username: 'handler', password: pw.handler });
  const { access_token: supervisor } = await api('/staff/sessions', { username: 'supervisor', password: pw.supervisor });
  const housing = (await api('/reference')).units.find((u) => u.name === '东城区住房和城乡建设局').id;
  await api(`/staff/petitions/${number}/actions`, { action: 'forward', unit_id: housing }, intake, 204);
  await api(`/staff/petitions/${number}/actions`, { action: 'receive_accept' }, handler, 204);
  await api(`/staff/petitions/${number}/actions`, { action: 'supervise', body: '请三日内书面答复' }, supervisor, 204);

  const { context, page } = await staffPage(browser, 'supervisor', pw.supervisor);
  await page.getByRole('link', { name: '督查看板' }).click();
  await page.waitForURL(/\/staff\/oversight$/);
  await page.getByRole('heading', { level: 1, name: '督查看板' }).waitFor();
  const totals = page.getByRole('definition');
  assert.equal(await totals.count(), 4, '逾期未受理, 超期未办结, 临期, 督办未回复');
  // On a phone each unit's line is a card; its table semantics are the CSS's to keep.
  const lines = () => page.locator('table.oversight tbody tr');
  const district = lines().filter({ hasText: '东城区信访局' });
  // Other tests leave matters behind too: at least this one notice is counted there.
  const notices = Number(await district.locator('td[data-label="督办未回复"]').textContent());
  assert.ok(notices >= 1, `the district counts the notice to housing (${notices})`);
  const wider = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(wider <= 0, `the page fits the phone (${wider}px too wide)`);
  await accessible(page, 'the supervisor\'s 督查看板');
  await shotWidths(page, 'oversight');

  // The district opens its own picture, with the way back up.
  await district.getByRole('link', { name: '东城区信访局' }).click();
  await page.waitForURL(/\/staff\/oversight\?unit=\d+$/);
  const crumbs = page.getByRole('navigation', { name: '所在层级' });
  assert.match(await crumbs.textContent(), /示范市信访局 › 东城区信访局/);
  const row = lines().filter({ hasText: '东城区住房和城乡建设局' });
  assert.ok(Number(await row.locator('td[data-label="督办未回复"]').textContent()) >= 1);
  await context.close();
});

test('a head reports the year (条例 art. 41): the annual report on a phone, downloaded as a spreadsheet', async () => {
  const pw = await demoPasswords();
  // A matter forwarded this year, so the county has a unit given matters to handle.
  const { number } = await citizenWithPetition();
  const { access_token: intake } = await api('/staff/sessions', { username: 'district_intake', password: pw.district_intake });
  const housing = (await api('/reference')).units.find((u) => u.name === '东城区住房和城乡建设局').id;
  await api(`/staff/petitions/${number}/actions`, { action: 'forward', unit_id: housing }, intake, 204);

  const { context, page } = await staffPage(browser, 'district_head', pw.district_head);
  await page.goto(`${BASE}/staff/bulletin`);
  await page.getByRole('link', { name: /年度信访工作情况报告/ }).click();
  await page.waitForURL(/\/staff\/annual$/);
  await page.getByRole('heading', { level: 1, name: '年度信访工作情况报告' }).waitFor();
  const year = new Date().getFullYear();
  const summary = page.getByRole('region', { name: `东城区信访局 · ${year}年` });
  assert.match(await summary.textContent(), /共收到信访事项\d+件.*转送\d+件、交办\d+件/);
  const most = page.getByRole('region', { name: '交由办理事项最多的单位' });
  // Other tests give the district bureau matters too: the housing bureau is ranked, where
  // depends on them.
  assert.match(await most.locator('tbody tr').first().textContent(), /^1\D+\d+/);
  assert.match(await most.textContent(), /东城区住房和城乡建设局/);
  const wider = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(wider <= 0, `the page fits the phone (${wider}px too wide); wide tables scroll in their region`);
  await accessible(page, 'the annual report');
  await shotWidths(page, 'annual');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: '下载报告（Excel）' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), `annual-${year}.xlsx`);
  const { readFile } = await import('node:fs/promises');
  const bytes = await readFile(await download.path());
  assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'a zip, as every .xlsx is');
  assert.ok(bytes.includes(Buffer.from('xl/worksheets/sheet5.xml')), 'a sheet per table');

  // Last year, chosen from the form: nothing was counted then, and the page says so.
  await page.getByLabel('年度').selectOption(String(year - 1));
  await page.getByRole('button', { name: '查看' }).click();
  await page.waitForURL(new RegExp(`year=${year - 1}`));
  await page.getByRole('heading', { level: 2, name: `东城区信访局 · ${year - 1}年` }).waitFor();
  assert.match(await page.locator('main').textContent(), /本年度尚无交由各单位办理的事项/);
  await context.close();
});

test('an anonymous visitor finds the published cases from the footer and filters them, without JavaScript', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${BASE}/`);
  await page.getByRole('link', { name: '公开案例' }).click();
  await page.waitForURL(/\/cases$/);
  await page.getByRole('heading', { level: 1, name: '公开案例' }).waitFor();
  assert.match(await page.locator('main').textContent(), /检举控告事项一律不公开/);
  // Filter by county and adopted suggestions: a plain form, its choices kept.
  const county = page.getByLabel('地区');
  const chosen = await county.locator('option').nth(1).getAttribute('value');
  await county.selectOption(chosen);
  await page.getByLabel('只看被采纳的人民建议').check();
  await page.getByRole('button', { name: '查找' }).click();
  await page.waitForURL(new RegExp(`region_id=${chosen}`));
  assert.match(page.url(), /adopted=1/);
  assert.equal(await page.getByLabel('地区').inputValue(), chosen);
  assert.ok(await page.getByLabel('只看被采纳的人民建议').isChecked());
  await context.close();

  const seen = await browser.newPage();
  await seen.goto(`${BASE}/cases`);
  await accessible(seen, 'the published cases');
  await shotWidths(seen, 'cases');
  await seen.close();
});

test('a matter closed on 复核 is published by a clerk, and anyone reads it without a personal detail', async () => {
  const pw = await demoPasswords();
  const login = async (username) =>
    (await api('/staff/sessions', { username, password: pw[username] })).access_token;
  const neighbour = '13912345678';
  const { number, token, idNumber, phone } = await citizenWithPetition({
    publish_consent: true,
    title: '幸福小区垃圾站一周无人清运',
    facts: `我叫刘晓燕，住幸福小区3号楼2单元501室。垃圾站已连续一周无人清运，邻居电话${neighbour}也反映过。`,
  });
  const act = (who, body) => api(`/staff/petitions/${number}/actions`, body, who, 204);
  const answer = (who, facts) => act(who, {
    action: 'submit_draft', facts, reasons: '物业服务合同约定每日清运。', decision: 'support', legal_basis: '《物业管理条例》',
  });
  const disagree = async (reason) => {
    await api(`/petitions/${number}/rating`, { rating: 'not_satisfied' }, token, 204);
    await api(`/petitions/${number}/review`, { reason }, token, 204);
  };
  const housing = (await api('/reference')).units.find((u) => u.name === '东城区住房和城乡建设局').id;
  await act(await login('district_intake'), { action: 'forward', unit_id: housing });
  const handler = await login('handler');
  await act(handler, { action: 'receive_accept' });
  await answer(handler, '经查，物业更换保洁公司期间停运一周，已恢复。');
  await act(await login('head'), { action: 'approve_reply' });
  // 复查 at the district bureau above the housing bureau, then 复核 at the city's, whose
  // opinion is final and closes the matter (art. 36).
  await disagree('只恢复了两天又停了');
  const district = await login('district_head');
  await answer(district, '经复查，物业已与新保洁公司签约，每日清运。');
  await act(district, { action: 'approve_reply' });
  await disagree('还是隔天才清运');
  const city = await login('bureau_head');
  await answer(city, '经复核，街道已督促物业每日定时清运，并公布监督电话。');
  await act(city, { action: 'approve_reply' });

  // The clerk starts from the texts with the details replaced, and publishes.
  const { context, page } = await staffPage(browser, 'bureau_head', pw.bureau_head);
  await page.goto(`${BASE}/staff/petitions/${number}`);
  await page.getByRole('link', { name: '整理公开案例' }).click();
  await page.waitForURL(/\/publish$/);
  const facts = page.getByLabel('反映的问题');
  assert.doesNotMatch(await facts.inputValue(), /刘晓燕|501室|13912345678/);
  assert.match(await page.locator('main').textContent(), /系统已自动隐去：.*姓名.*电话号码/);
  await accessible(page, 'the clerk\'s 整理公开案例');
  await shotWidths(page, 'publish');
  // Without the tick nothing is published, and the page comes back with the clerk's edits.
  const edited = `${await facts.inputValue()}（小区名已核对）`;
  await facts.fill(edited);
  await page.getByRole('button', { name: '公开' }).click();
  await page.getByText('请逐句核对公开内容').first().waitFor();
  assert.equal(await page.getByLabel('反映的问题').inputValue(), edited);
  await page.getByLabel('我已逐句核对，公开内容不含个人信息').check();
  await page.getByRole('button', { name: '公开' }).click();
  await page.waitForURL(/\/cases\/\d+$/);
  const published = page.url();
  await context.close();

  // An anonymous visitor, without JavaScript, finds it in the list and reads it.
  const visitor = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 800 } });
  const look = await visitor.newPage();
  await look.goto(`${BASE}/cases`);
  await look.getByRole('link', { name: '幸福小区垃圾站一周无人清运' }).click();
  await look.waitForURL(published);
  const text = await look.locator('main').textContent();
  assert.match(text, /经复核，街道已督促物业每日定时清运/);
  assert.match(text, /小区名已核对/, 'the texts as the clerk confirmed them');
  for (const secret of ['刘晓燕', '501室', neighbour, phone, idNumber]) {
    assert.ok(!(await look.content()).includes(secret), `no ${secret} in the public page`);
  }
  await visitor.close();
  const seen = await browser.newPage();
  await seen.goto(published);
  await accessible(seen, 'a published case');
  await shotWidths(seen, 'case');
  await seen.close();
});
