// A citizen's journey in a real browser: register, log in, file a petition through the
// form, keep the receipt, and find the petition again with the number and query code.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, hydrated, uniquePhone, uniqueIdNumber, smsCode, shotWidths } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function register(page, phone, password) {
  await page.goto(`${BASE}/register`);
  await hydrated(page);
  await page.getByLabel('姓名').fill('陈志远');
  await page.getByLabel('身份证号码').fill(uniqueIdNumber());
  await page.getByLabel('手机号码').fill(phone);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await page.getByText('验证码已发送').waitFor();
  await page.getByRole('button', { name: /秒后可重新获取/ }).waitFor();
  await page.getByLabel('短信验证码').fill(await smsCode(phone));
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '注册' }).click();
  await page.waitForURL(/\/login\?registered=1/);
}

async function login(page, phone, password) {
  await page.getByLabel('手机号码').fill(phone);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/my\/petitions$/);
}

test('a citizen registers, files a petition and finds it again with the number and code', async () => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const phone = uniquePhone();
  const password = '江边的老码头-1987';
  await register(page, phone, password);
  await login(page, phone, password);
  // The header follows the login, showing the name masked.
  await page.locator('.site-header .who').getByText('陈**').waitFor();

  await page.getByRole('navigation').getByRole('link', { name: '我要信访' }).click();
  await page.waitForURL(/\/file$/);
  await hydrated(page);
  await shotWidths(page, 'file');
  await page.getByLabel('申诉求决').check();
  await page.getByLabel('类别').selectOption({ label: '物业管理' });
  await page.getByLabel('问题发生地').selectOption({ label: '示范市 / 东城区 / 新桥街道 / 新桥社区' });
  await page.getByLabel('标题').fill('电梯长期故障无人维修');
  await page.getByLabel('事实和理由').fill('小区3号楼电梯自十月起多次困人，物业以资金不足为由一直未修，老人出行困难。');
  await page.getByLabel('诉求', { exact: true }).fill('请督促物业尽快维修电梯');
  await page.getByLabel('涉及人数').fill('30');
  await page.getByRole('button', { name: '提交' }).click();

  await page.waitForURL(/\/receipt$/);
  const number = (await page.locator('#receipt-number').textContent()).trim();
  const code = (await page.locator('#receipt-code').textContent()).trim();
  assert.match(number, /^\d{4}-990102-\d{6}$/);
  assert.match(code, /^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$/);
  await page.getByText('受理告知期限').first().waitFor();
  await shotWidths(page, 'receipt');

  await page.getByRole('navigation').getByRole('link', { name: '我的信访' }).click();
  await page.waitForURL(/\/my\/petitions$/);
  await page.getByText('电梯长期故障无人维修').first().waitFor();
  await context.close();

  // Someone else, in a fresh browser, with only the number and the code.
  const stranger = await browser.newContext();
  const other = await stranger.newPage();
  await other.goto(`${BASE}/lookup`);
  await hydrated(other);
  await other.getByLabel('信访件编号').fill(number);
  await other.getByLabel('查询码').fill(code.toLowerCase());
  await other.getByRole('button', { name: '查询' }).click();
  await other.waitForURL(new RegExp(`/track/${number}$`));
  await other.getByText('待受理').first().waitFor();
  await other.getByText('提交信访事项').first().waitFor();
  const html = await other.content();
  assert.ok(!html.includes('陈志远') && !html.includes('电梯长期故障'), 'no personal data or petition text');
  await stranger.close();
});

test('a refused attachment is reported beside the form and nothing typed is lost', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const phone = uniquePhone();
  const password = '江边的老码头-1987';
  await register(page, phone, password);
  await login(page, phone, password);
  await page.goto(`${BASE}/file`);
  await hydrated(page);
  await page.getByLabel('建议意见').check();
  await page.getByLabel('类别').selectOption({ label: '城市管理' });
  await page.getByLabel('问题发生地').selectOption({ label: '示范市 / 东城区 / 望江街道' });
  await page.getByLabel('标题').fill('建议增设公交站台遮雨棚');
  await page.getByLabel('事实和理由').fill('江滨路公交站没有遮雨棚，雨天候车的老人和学生只能淋雨。');
  await page.getByLabel('诉求', { exact: true }).fill('建议增设遮雨棚和座椅');
  await page.getByLabel('涉及人数').fill('1');
  await page.locator('#f-attachments').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from('<svg onload=alert(1)>') });
  await page.getByRole('button', { name: '提交' }).click();
  await page.getByText('只能上传JPG、PNG图片或PDF文件').first().waitFor();
  assert.match(page.url(), /\/file$/);
  assert.equal(await page.getByLabel('标题').inputValue(), '建议增设公交站台遮雨棚');
  assert.equal(await page.getByLabel('类别').inputValue() !== '', true);

  await page.locator('#f-attachments').setInputFiles([]);
  await page.getByRole('button', { name: '提交' }).click();
  await page.waitForURL(/\/receipt$/);
  await page.locator('#receipt-code').waitFor();
  await context.close();
});

test('a mistyped ID number is flagged as soon as the field is left', async () => {
  const page = await browser.newPage();
  await page.goto(`${BASE}/register`);
  await hydrated(page);
  await page.getByLabel('身份证号码').fill('110101199003074210');
  await page.getByLabel('手机号码').focus();
  await page.getByText('身份证号码校验位不正确，请核对').waitFor();
  assert.equal(await page.getByLabel('身份证号码').getAttribute('aria-invalid'), 'true');
  await page.close();
});

test('a wrong query code answers with one generic message', async () => {
  const page = await browser.newPage();
  await page.goto(`${BASE}/lookup`);
  await hydrated(page);
  await page.getByLabel('信访件编号').fill('2026-990102-000999');
  await page.getByLabel('查询码').fill('ABCD-EFGH-JKLM-NPQR');
  await page.getByRole('button', { name: '查询' }).click();
  await page.getByText('未找到该信访事项，请核对信访件编号和查询码。').first().waitFor();
  await page.close();
});

test('filing works with JavaScript switched off', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const phone = uniquePhone();
  const password = '江边的老码头-1987';
  await page.goto(`${BASE}/register`);
  // Without JavaScript the button posts the form and the page comes back.
  await page.getByLabel('手机号码').fill(phone);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await page.waitForURL(/\/register\?code_sent=1/);
  await page.getByText('验证码已发送').waitFor();
  await page.getByLabel('姓名').fill('周敏');
  await page.getByLabel('身份证号码').fill(uniqueIdNumber());
  await page.getByLabel('手机号码').fill(phone);
  await page.getByLabel('短信验证码').fill(await smsCode(phone));
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '注册' }).click();
  await page.waitForURL(/\/login\?registered=1/);
  await login(page, phone, password);
  await page.goto(`${BASE}/file`);
  await page.getByLabel('咨询').check();
  await page.getByLabel('类别').selectOption({ label: '社会保险' });
  await page.getByLabel('问题发生地').selectOption({ label: '示范市 / 清河县 / 柳林乡 / 柳林村' });
  await page.getByLabel('标题').fill('灵活就业人员如何缴纳医保');
  await page.getByLabel('事实和理由').fill('本人为灵活就业人员，想了解城镇职工医疗保险的缴费渠道和标准。');
  await page.getByLabel('诉求', { exact: true }).fill('请告知办理流程');
  await page.getByLabel('涉及人数').fill('1');
  await page.getByRole('button', { name: '提交' }).click();
  await page.waitForURL(/\/receipt$/);
  assert.match((await page.locator('#receipt-number').textContent()).trim(), /^\d{4}-990121-\d{6}$/);
  await context.close();
});
