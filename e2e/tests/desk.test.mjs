// The clerk's desk in a real browser: the district bureau's clerk registers a letter that
// came three days ago with its scanned page and prints the 登记回执; the letter goes to the
// housing bureau, whose handler opens the scan from the case page, and whose head gives it
// to the handler, who finds it under 我的待办. The clerk counts and sorts the queue.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, hydrated, demoPasswords, staffPage, uniquePhone, api, smsCode, shot, shotWidths, pickPlace, sendFiling, accessible, citizenWithPetition } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// A 1×1 PNG: what a scanner's smallest page would be.
const SCAN = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

test('a clerk registers a letter with its scan, prints the receipt, and the handler opens the scan', async () => {
  const pw = await demoPasswords();
  let { context, page } = await staffPage(browser, 'district_intake', pw.district_intake);
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.getByRole('link', { name: '代为登记' }).click();
  await page.waitForURL(/\/staff\/register$/);
  await hydrated(page);
  await accessible(page, 'the registration desk');

  const arrived = new Date(Date.now() + 8 * 3600e3 - 3 * 86400e3).toISOString().slice(0, 10);
  await page.getByLabel('渠道').selectOption({ label: '来信' });
  await page.getByLabel('收到日期').fill(arrived);
  await page.getByLabel('信访人姓名').fill('钱大江');
  await page.getByLabel('手机号码').fill(uniquePhone());
  await page.getByLabel('通信地址').fill('示范市东城区新桥街道一号院3号楼');
  await page.getByLabel('类别').selectOption({ label: '物业管理' });
  await pickPlace(page, '新桥', '示范市 / 东城区 / 新桥街道 / 新桥社区');
  await page.getByLabel('标题').fill('来信反映电梯长期停运');
  await page.getByLabel('事实和理由').fill('小区3号楼电梯已停运两个月，老人上下楼困难，物业一直未修。');
  await page.getByLabel('诉求', { exact: true }).fill('请督促物业尽快修复电梯。');
  await page.getByLabel('涉及人数').fill('20');
  await page.locator('#f-attachments').setInputFiles({ name: '来信扫描件.png', mimeType: 'image/png', buffer: SCAN });
  await sendFiling(page, '确认登记并生成回执');

  await page.waitForURL(/\/staff\/register\/receipt$/);
  await page.getByRole('heading', { name: '信访事项登记回执' }).waitFor();
  const number = (await page.locator('#receipt-number').textContent()).trim();
  const code = (await page.locator('#receipt-code').textContent()).trim();
  assert.match(number, /^\d{4}-990102-\d{6}$/);
  assert.ok(code.length >= 16, code);
  // The clock runs from the day the letter came, and the receipt says so.
  await page.getByText(`自${arrived}的次日起算`).waitFor();
  // Printed: the receipt, without the page's buttons.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.getByRole('link', { name: '继续登记' }).isVisible(), false);
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 1000, 'a printable page');
  await context.close();

  // The bureau forwards it to the housing bureau.
  const { access_token: intake } = await api('/staff/sessions', { username: 'district_intake', password: pw.district_intake });
  const units = await api('/reference');
  const housing = units.units.find((u) => u.name === '东城区住房和城乡建设局').id;
  await api(`/staff/petitions/${number}/actions`, { action: 'forward', unit_id: housing }, intake, 204);

  // The handler opens the scan from the case page: a download, not a page of the portal.
  ({ context, page } = await staffPage(browser, 'handler', pw.handler));
  await page.goto(`${BASE}/staff/petitions/${number}`);
  await page.getByRole('heading', { name: '附件' }).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: '来信扫描件.png' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), '来信扫描件.png');
  const saved = await download.path();
  const { readFile } = await import('node:fs/promises');
  const bytes = await readFile(saved);
  assert.equal(bytes.subarray(1, 4).toString(), 'PNG', 'the scan, re-encoded, still a picture');
  // Or previews it in place: the picture is fetched (and its opening recorded) only
  // once asked for, not when the case page opens.
  let fetched = 0;
  page.on('request', (r) => { if (r.url().includes('/attachments/')) fetched += 1; });
  await page.reload();
  await hydrated(page);
  const picture = page.getByRole('img', { name: '附件图片：来信扫描件.png' });
  assert.equal(await picture.count(), 0);
  assert.equal(fetched, 0, 'nothing fetched before the preview is opened');
  // The image element can appear before its request is seen: wait for the request itself.
  await Promise.all([
    page.waitForRequest((r) => r.url().includes('/attachments/')),
    page.getByText('预览图片').click(),
  ]);
  await picture.waitFor();
  await page.waitForFunction(() => document.querySelector('.preview img')?.naturalWidth > 0);
  assert.equal(fetched, 1, 'fetched once, when opened');
  await context.close();

  // The housing bureau's head gives it to the handler, who finds it under 我的待办.
  ({ context, page } = await staffPage(browser, 'head', pw.head));
  await page.goto(`${BASE}/staff/petitions/${number}`);
  await hydrated(page);
  const assign = page.getByRole('region', { name: '指定承办人' });
  await assign.getByLabel(/承办人/).selectOption({ label: '东城区住建局承办人' });
  await assign.getByRole('button', { name: '指定' }).click();
  await page.getByText('指定承办人：东城区住建局承办人').waitFor();
  await context.close();

  ({ context, page } = await staffPage(browser, 'handler', pw.handler));
  await page.getByRole('link', { name: '我的待办' }).click();
  await page.getByRole('heading', { name: '我的待办' }).waitFor();
  await page.locator(`[href$="/staff/petitions/${number}"]`).waitFor();
  await context.close();
});

test('a clerk records a 回访 with 不满意 and a 复查 request for a letter writer, and the review clock starts', async () => {
  const pw = await demoPasswords();
  const login = async (username) =>
    (await api('/staff/sessions', { username, password: pw[username] })).access_token;
  const intake = await login('district_intake');
  const head = await login('district_head');
  const ref = await api('/reference');
  const filing = {
    kind: 'appeal',
    category_id: ref.categories.find((c) => c.name === '物业管理').id,
    region_id: ref.regions.find((r) => r.name === '新桥社区').id,
    title: '来信反映楼道照明损坏', facts: '单元楼道的照明灯损坏一个多月，晚上出入很不方便，物业未修。',
    request: '请督促物业修复楼道照明。', people_count: 3,
  };
  const { number } = await api('/staff/registrations', {
    channel: 'letter',
    petitioner: { real_name: '吴小河', phone: uniquePhone(), address: '示范市东城区新桥街道二号院1号楼' },
    petition: filing,
  }, intake, 201);
  const act = (body) => api(`/staff/petitions/${number}/actions`, body, head, 204);
  await act({ action: 'accept_here' });
  await act({ action: 'submit_draft', facts: '经查，楼道照明已由物业修复。', reasons: '物业已履行维修义务。', decision: 'explain', legal_basis: '《物业管理条例》' });
  await act({ action: 'approve_reply' });
  // The portal's day is Beijing time's.
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  await act({ action: 'record_delivery', delivered_on: today });

  const { context, page } = await staffPage(browser, 'district_intake', pw.district_intake);
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(`${BASE}/staff/petitions/${number}`);
  await hydrated(page);
  const form = page.getByRole('region', { name: '记录回访' });
  await form.getByLabel('信访人的评价').selectOption({ label: '不满意' });
  await form.getByLabel('评价意见（选填）').fill('电话回访：信访人说灯修好后又坏了');
  await form.getByLabel(/复查（复核）申请理由/).fill('楼道照明仍然不亮，请求复查');
  await form.getByRole('button', { name: '记录回访' }).click();
  await page.getByText('不满意（工作人员代为记录）').first().waitFor();
  await page.getByText('信访人在回访中提出申请（工作人员代为记录）').first().waitFor();
  await page.getByText('复查期限').first().waitFor();
  await context.close();
});

test('a letter writer rates the reply and asks for 复查 on the look-up page after the SMS check', async () => {
  const pw = await demoPasswords();
  const login = async (username) =>
    (await api('/staff/sessions', { username, password: pw[username] })).access_token;
  const intake = await login('district_intake');
  const head = await login('district_head');
  const ref = await api('/reference');
  const phone = uniquePhone();
  const { number, query_code } = await api('/staff/registrations', {
    channel: 'letter',
    petitioner: { real_name: '孙小雨', phone, address: '示范市东城区新桥街道三号院2号楼' },
    petition: {
      kind: 'appeal',
      category_id: ref.categories.find((c) => c.name === '物业管理').id,
      region_id: ref.regions.find((r) => r.name === '新桥社区').id,
      title: '来信反映电梯经常停运', facts: '小区5号楼电梯一个月内停运四次，老人上下楼很困难，物业修完又坏。',
      request: '请督促物业彻底修好电梯。', people_count: 20,
    },
  }, intake, 201);
  const act = (body) => api(`/staff/petitions/${number}/actions`, body, head, 204);
  await act({ action: 'accept_here' });
  await act({ action: 'submit_draft', facts: '经查，电梯已由维保单位更换主板。', reasons: '物业已履行维修义务。', decision: 'explain', legal_basis: '《特种设备安全法》' });
  await act({ action: 'approve_reply' });
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  await act({ action: 'record_delivery', delivered_on: today });

  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`${BASE}/lookup`);
  await hydrated(page);
  await page.getByLabel('信访件编号').fill(number);
  await page.getByLabel('查询码').fill(query_code);
  await page.getByRole('button', { name: '查询' }).click();
  await page.waitForURL(/\/track\//);
  // Before the texted code: no forms.
  assert.equal(await page.getByRole('button', { name: '提交评价' }).count(), 0);
  await page.getByRole('button', { name: '发送验证码到登记的手机' }).click();
  // The portal says it sent the code (a refusal, such as a spent hourly limit, shows instead).
  await page.getByText(/验证码已发送至/).waitFor();
  await page.getByLabel('短信验证码').fill(await smsCode(phone));
  await page.getByRole('button', { name: '查看详情' }).click();
  await page.getByRole('button', { name: '提交评价' }).waitFor();
  await shotWidths(page, 'track-answers');
  await page.getByLabel('不满意').check();
  await page.getByRole('button', { name: '提交评价' }).click();
  await page.getByText('信访人对答复的评价：不满意').first().waitFor();
  await page.getByLabel('申请理由').fill('电梯这周又停了两次，请求复查');
  await page.getByRole('button', { name: '申请复查' }).click();
  await page.getByText('电梯这周又停了两次').first().waitFor();
  await shot(page, 'track-review-requested-1366');
  await context.close();
  // Someone with only the number and the code sees the steps, never the petitioner's words.
  const stranger = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const look = await stranger.newPage();
  await look.goto(`${BASE}/lookup`);
  await hydrated(look);
  await look.getByLabel('信访件编号').fill(number);
  await look.getByLabel('查询码').fill(query_code);
  await look.getByRole('button', { name: '查询' }).click();
  await look.waitForURL(/\/track\//);
  await look.getByText('不满意').first().waitFor();
  const before = await look.content();
  await accessible(look, 'the look-up before the SMS check');
  assert.ok(!before.includes('电梯这周又停了两次') && !before.includes('孙小雨') && !before.includes('来信反映电梯经常停运'),
    'no words of the petitioner before the SMS check');
  await stranger.close();
  // The case is with the body above, its review clock running; an SMS confirmed it.
  const city = await login('bureau_head');
  const file = await api(`/staff/petitions/${number}`, undefined, city);
  assert.equal(file.round, 'review');
  assert.ok(file.deadlines.some((d) => d.label === '复查期限' && d.start === today));
  const inbox = await (await fetch(`${BASE}/dev/sms`)).text();
  assert.ok(inbox.includes('复查申请已收到'));
});

test('the queue says how many match and how many are 超期, and sorts by registration from its header', async () => {
  const pw = await demoPasswords();
  const { number } = await citizenWithPetition();
  const { context, page } = await staffPage(browser, 'intake', pw.intake);
  await page.setViewportSize({ width: 1366, height: 768 });
  await hydrated(page);
  const summary = page.getByRole('status').filter({ hasText: '符合条件' });
  const [, total, overdue] = (await summary.textContent()).match(/共(\d+)件符合条件（超期(\d+)件/);
  assert.ok(Number(total) >= 1, 'the new petition is counted');
  // The 期限 filter offers each state with its count.
  await page.getByRole('combobox', { name: /^期限/ }).locator('option', { hasText: `超期（${overdue}）` }).waitFor({ state: 'attached' });

  // 登记 sorts by registration, newest first: the petition just filed leads.
  await page.getByRole('link', { name: '登记', exact: true }).click();
  await page.waitForURL(/sort=newest/);
  await page.locator('th[aria-sort="descending"]').getByText('登记').waitFor();
  await summary.filter({ hasText: '按登记时间，最新的在前' }).waitFor();
  const first = page.locator('table.queue tbody tr').first();
  assert.match(await first.textContent(), new RegExp(number));
  await accessible(page, 'the queue sorted by registration');
  await shotWidths(page, 'queue-sorted');

  // Choosing 超期 lists exactly the number shown beside it, in the order chosen.
  await page.getByRole('combobox', { name: /^期限/ }).selectOption('overdue');
  await page.getByRole('button', { name: '筛选' }).click();
  await page.waitForURL(/clock=overdue/);
  assert.match(page.url(), /sort=newest/, 'the order is kept with the filter');
  await page.getByRole('status').filter({ hasText: `共${overdue}件符合条件。` }).waitFor();
  assert.equal(await page.locator('table.queue tbody tr').count(), Math.min(Number(overdue), 50));
  await context.close();
});
