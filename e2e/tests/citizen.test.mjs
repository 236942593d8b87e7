// A citizen's journey in a real browser: register, log in, file a petition through the
// form, keep the receipt, and find the petition again with the number and query code.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, launch, hydrated, uniquePhone, uniqueIdNumber, smsCode, shotWidths, shot, pickPlace, sendFiling, accessible,
} from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function register(page, phone, password) {
  await page.goto(`${BASE}/register`);
  await hydrated(page);
  await accessible(page, 'the registration form');
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

/// A citizen registered through the API (the form has its own tests above).
async function registerByApi(phone, password) {
  const { registerCitizen } = await import('./browser.mjs');
  await registerCitizen({ real_name: '周敏', id_number: uniqueIdNumber(), phone, password });
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
  await accessible(page, 'the filing form');
  await shotWidths(page, 'file');
  await page.getByLabel('申诉求决').check();
  await page.getByLabel('类别').selectOption({ label: '物业管理' });
  // The picker finds the village from part of its name and shows its full path.
  await pickPlace(page, '新桥社', '示范市 / 东城区 / 新桥街道 / 新桥社区');
  await page.getByLabel('标题').fill('电梯长期故障无人维修');
  await page.getByLabel('事实和理由').fill('小区3号楼电梯自十月起多次困人，物业以资金不足为由一直未修，老人出行困难。');
  await page.getByLabel('诉求', { exact: true }).fill('请督促物业尽快维修电梯');
  await page.getByLabel('涉及人数').fill('30');
  // 核对: every answer shown as it will be sent, before anything is sent.
  await page.getByRole('button', { name: '下一步：核对内容' }).click();
  const check = page.getByRole('region', { name: '请核对您填写的内容' });
  await check.getByText('示范市 / 东城区 / 新桥街道 / 新桥社区').waitFor();
  await check.getByText('电梯长期故障无人维修').waitFor();
  await check.getByText('物业管理').waitFor();
  assert.equal(await page.getByLabel('标题').isVisible(), false, 'the form waits behind 核对');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'check-h');
  await accessible(page, 'the answers to check');
  await shotWidths(page, 'file-check');
  // 返回修改 brings the form back as it was; 确认提交 sends it.
  await check.getByRole('button', { name: '返回修改' }).click();
  assert.equal(await page.getByLabel('标题').inputValue(), '电梯长期故障无人维修');
  await sendFiling(page);

  await page.waitForURL(/\/receipt$/);
  const number = (await page.locator('#receipt-number').textContent()).trim();
  const code = (await page.locator('#receipt-code').textContent()).trim();
  assert.match(number, /^\d{4}-990102-\d{6}$/);
  assert.match(code, /^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$/);
  await page.getByText('受理告知期限').first().waitFor();
  await page.getByRole('heading', { name: '接下来' }).waitFor();
  await page.getByRole('button', { name: '复制编号和查询码' }).waitFor();
  await accessible(page, 'the receipt');
  await shotWidths(page, 'receipt');
  // Printed: the receipt and what comes next, without the site's navigation or buttons.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.getByRole('button', { name: '打印回执' }).isVisible(), false);
  assert.equal(await page.getByRole('navigation').first().isVisible(), false);
  assert.equal(await page.locator('#receipt-number').isVisible(), true);
  await page.getByText('阳光信访 · 信访事项提交回执').waitFor({ state: 'visible' });
  assert.ok((await page.pdf({ format: 'A4' })).length > 1000, 'a printable page');
  await page.emulateMedia({ media: 'screen' });

  // The draft went with the petition: the form starts empty again.
  await page.goto(`${BASE}/file`);
  await hydrated(page);
  assert.equal(await page.getByLabel('标题').inputValue(), '');
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
  await accessible(other, 'the look-up progress');
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
  // Keyboard only: type, arrow down to the place, Enter chooses it (and sends nothing).
  await page.getByLabel('问题发生地').fill('望江');
  await page.getByRole('option', { name: '示范市 / 东城区 / 望江街道', exact: true }).waitFor();
  await page.getByLabel('问题发生地').press('ArrowDown');
  await page.getByLabel('问题发生地').press('Enter');
  assert.equal(await page.getByLabel('问题发生地').inputValue(), '示范市 / 东城区 / 望江街道');
  await page.getByLabel('标题').fill('建议增设公交站台遮雨棚');
  await page.getByLabel('事实和理由').fill('江滨路公交站没有遮雨棚，雨天候车的老人和学生只能淋雨。');
  await page.getByLabel('诉求', { exact: true }).fill('建议增设遮雨棚和座椅');
  await page.getByLabel('涉及人数').fill('1');
  await page.locator('#f-attachments').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from('<svg onload=alert(1)>') });
  await sendFiling(page);
  // The refusal: the summary takes the focus, names the field and links to it.
  const summary = page.locator('#error-summary');
  const link = summary.locator('a[href="#f-attachments"]');
  await link.waitFor();
  console.log('summary link:', await link.textContent());
  assert.match(await link.textContent(), /只能上传JPG、PNG图片或PDF文件/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'error-summary');
  await accessible(page, 'a refused filing');
  assert.equal(await page.locator('#f-attachments').getAttribute('aria-invalid'), 'true');
  await link.click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-attachments');
  assert.match(page.url(), /\/file$/);
  assert.equal(await page.getByLabel('标题').inputValue(), '建议增设公交站台遮雨棚');
  assert.equal(await page.getByLabel('类别').inputValue() !== '', true);

  await page.locator('#f-attachments').setInputFiles([]);
  assert.equal(await page.locator('#f-attachments').getAttribute('aria-invalid'), 'false');
  await sendFiling(page);
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
  await accessible(page, 'a refused look-up');
  await page.close();
});

test('filing works with JavaScript switched off', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const phone = uniquePhone();
  const password = '江边的老码头-1987';
  await page.goto(`${BASE}/register`);
  // Without JavaScript the button posts the form and the page comes back, still filled.
  const id = uniqueIdNumber();
  await page.getByLabel('姓名').fill('周敏');
  await page.getByLabel('身份证号码').fill(id);
  await page.getByLabel('手机号码').fill(phone);
  await page.getByRole('button', { name: '获取验证码' }).click();
  await page.waitForURL(/\/register\?code_sent=1/);
  await page.getByText('验证码已发送').waitFor();
  assert.equal(await page.getByLabel('姓名').inputValue(), '周敏');
  assert.equal(await page.getByLabel('身份证号码').inputValue(), id);
  assert.equal(await page.getByLabel('手机号码').inputValue(), phone);
  await page.getByLabel('短信验证码').fill(await smsCode(phone));
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '注册' }).click();
  await page.waitForURL(/\/login\?registered=1/);
  await login(page, phone, password);
  await page.goto(`${BASE}/file`);
  await page.getByLabel('咨询').check();
  await page.getByLabel('类别').selectOption({ label: '社会保险' });
  // Without JavaScript the place is typed; the server settles it when it names one place.
  await page.getByLabel('问题发生地').fill('柳林村');
  await page.getByLabel('标题').fill('灵活就业人员如何缴纳医保');
  await page.getByLabel('事实和理由').fill('本人为灵活就业人员，想了解城镇职工医疗保险的缴费渠道和标准。');
  await page.getByLabel('诉求', { exact: true }).fill('请告知办理流程');
  await page.getByLabel('涉及人数').fill('1');
  await page.getByRole('button', { name: '提交' }).click();
  await page.waitForURL(/\/receipt$/);
  assert.match((await page.locator('#receipt-number').textContent()).trim(), /^\d{4}-990121-\d{6}$/);
  await context.close();
});

test('without JavaScript a refused filing comes back with everything typed and a summary that links to each field', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const phone = uniquePhone();
  const password = '江边的老码头-1987';
  await registerByApi(phone, password);
  await page.goto(`${BASE}/login`);
  await login(page, phone, password);
  await page.goto(`${BASE}/file`);
  const facts = '村里的灌溉水渠去年冬天塌了一段，春耕前一直没有人修。'.repeat(20);
  await page.getByLabel('建议意见').check();
  await page.getByLabel('问题发生地').fill('柳林');
  await page.getByLabel('标题').fill('灌溉水渠塌方无人修');
  await page.getByLabel('事实和理由').fill(facts);
  await page.getByLabel('诉求', { exact: true }).fill('请尽快修复水渠');
  // 类别 left unchosen; 柳林 names a township and a village.
  await page.getByRole('button', { name: '提交' }).click();
  await page.waitForURL(/\/file\?/);
  const summary = page.locator('#error-summary');
  await summary.locator('a[href="#f-category_id"]').getByText('请选择类别').waitFor();
  await summary.locator('a[href="#f-region_id"]').getByText('“柳林”对应多个地点').waitFor();
  assert.equal(await page.getByLabel('类别').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByLabel('问题发生地').getAttribute('aria-invalid'), 'true');
  // Nothing typed is lost, and the page says what is not kept.
  assert.equal(await page.getByLabel('事实和理由').inputValue(), facts);
  assert.equal(await page.getByLabel('标题').inputValue(), '灌溉水渠塌方无人修');
  assert.equal(await page.getByLabel('问题发生地').inputValue(), '柳林');
  assert.equal(await page.getByLabel('建议意见').isChecked(), true);
  await page.getByText('您填写的内容已保留。附件出于安全原因不会保留').waitFor();
  await shot(page, 'file-refused-nojs');
  // Fixed, it goes in.
  await page.getByLabel('类别').selectOption({ label: '城市管理' });
  await page.getByLabel('问题发生地').fill('柳林乡 柳林村');
  await page.getByRole('button', { name: '提交' }).click();
  await page.waitForURL(/\/receipt$/);
  await page.locator('#receipt-code').waitFor();
  // A later visit starts empty: the kept form went with the filing.
  await page.goto(`${BASE}/file`);
  assert.equal(await page.getByLabel('事实和理由').inputValue(), '');
  await context.close();
});

test('a draft is kept in the browser as the citizen types and comes back after a reload', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const phone = uniquePhone();
  const password = '江边的老码头-1987';
  await registerByApi(phone, password);
  await page.goto(`${BASE}/login`);
  await hydrated(page);
  await login(page, phone, password);
  await page.goto(`${BASE}/file`);
  await hydrated(page);
  await page.getByLabel('标题').fill('路灯不亮');
  await page.getByLabel('事实和理由').fill('幸福路的路灯已经坏了三个星期，晚上行人看不清路。');
  await page.reload();
  await hydrated(page);
  await page.getByText('已恢复您上次在本浏览器中未提交的草稿').waitFor();
  assert.equal(await page.getByLabel('标题').inputValue(), '路灯不亮');
  assert.equal(await page.getByLabel('事实和理由').inputValue(), '幸福路的路灯已经坏了三个星期，晚上行人看不清路。');
  await context.close();
});
