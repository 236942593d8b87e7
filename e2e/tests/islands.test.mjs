// The parts of pages that run in the browser (islands), in a real browser: every page
// with one wakes without a script error, and what the server answers only once (a
// petitioner's full identity after a reason, an authenticator secret, a new account's
// initial password) appears on the page that asked for it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, launch, loginCitizen, hydrated, demoPasswords, citizenWithPetition, staffPage, totp, shot, accessible,
} from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/// Every script error and warning the page reports from now on (a hydration mismatch,
/// a missing island function, a panic).
function problems(page) {
  const seen = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') seen.push(m.text()); });
  page.on('pageerror', (e) => seen.push(String(e)));
  return seen;
}

/// Opens `path`, waits for the islands to wake, and checks that nothing went wrong.
async function wakes(page, seen, path) {
  await page.goto(`${BASE}${path}`);
  await hydrated(page);
  assert.deepEqual(seen, [], `${path}: script errors`);
  return page.locator('leptos-island').count();
}

test('every page with an island wakes without a script error', async () => {
  const { phone, password, number } = await citizenWithPetition();
  const pw = await demoPasswords();

  const context = await browser.newContext();
  const page = await context.newPage();
  const seen = problems(page);
  for (const path of ['/register', '/login', '/lookup', '/staff/login']) {
    assert.equal(await wakes(page, seen, path), 1, `${path}: its form is an island`);
  }
  // Pages without one are plain HTML; the bundle still loads and finds nothing to do.
  assert.equal(await wakes(page, seen, '/'), 0);
  await loginCitizen(page, phone, password);
  assert.equal(await wakes(page, seen, '/file'), 1);
  assert.equal(await wakes(page, seen, '/my/account'), 1);
  assert.equal(await wakes(page, seen, `/my/petitions/${number}`), 0);
  await context.close();

  const staff = await staffPage(browser, 'intake', pw.intake);
  const staffSeen = problems(staff.page);
  assert.equal(await wakes(staff.page, staffSeen, `/staff/petitions/${number}`), 1);
  assert.equal(await wakes(staff.page, staffSeen, '/staff/account'), 1);
  await staff.context.close();
});

test('a clerk sees the full identity only after giving a reason, on the case page itself', async () => {
  const { idNumber, number } = await citizenWithPetition();
  const pw = await demoPasswords();
  const { context, page } = await staffPage(browser, 'intake', pw.intake);
  const seen = problems(page);
  await page.goto(`${BASE}/staff/petitions/${number}`);
  await hydrated(page);
  const who = page.getByRole('region', { name: '信访人' });
  const shownId = () => who.locator('dt:has-text("身份证号码") + dd').textContent();
  assert.notEqual(await shownId(), idNumber);
  assert.match(await shownId(), /\*/);

  await who.getByText('查看完整身份信息').click();
  await who.getByLabel('查看理由').fill('核实身份以便电话回访');
  await who.getByRole('button', { name: '查看' }).click();
  await who.getByText(idNumber).waitFor();
  // Shown in place, not carried in the address.
  assert.ok(!page.url().includes(idNumber));
  assert.match(page.url(), new RegExp(`/staff/petitions/${number}$`));
  assert.deepEqual(seen, []);
  await context.close();
});

test('an administrator binds an authenticator, creates an account and sees its password once, and sets the 信访指数 weights', async () => {
  const pw = await demoPasswords();
  const { context, page } = await staffPage(browser, 'admin', pw.admin);
  const seen = problems(page);
  // An administrator must bind the second factor before the administration page opens.
  await page.goto(`${BASE}/admin`);
  await page.getByText('须先绑定动态口令').first().waitFor();
  await page.goto(`${BASE}/staff/account`);
  await hydrated(page);
  await page.getByRole('button', { name: '生成密钥' }).click();
  // The app scans a QR code drawn on the server; the secret is there to type by hand.
  await page.getByRole('img', { name: '动态口令绑定二维码' }).waitFor();
  await accessible(page, 'binding an authenticator');
  await shot(page, 'totp-setup');
  const secret = (await page.locator('#totp-secret').textContent()).trim();
  assert.match(secret, /^[A-Z2-7]{32}$/);
  assert.ok(!page.url().includes(secret));
  await page.getByLabel('应用中显示的6位数字').fill(totp(secret));
  await page.getByRole('button', { name: '确认绑定' }).click();
  await page.waitForURL(/\/staff\?bound=1$/);
  await page.getByText('动态口令已绑定').waitFor();
  await page.goto(`${BASE}/staff/account`);
  await page.getByText('已绑定身份验证器').waitFor();

  await page.goto(`${BASE}/admin`);
  await hydrated(page);
  await accessible(page, 'the administration page');
  const username = `clerk${Date.now()}`;
  await page.locator('#n-username').fill(username);
  await page.locator('#n-display').fill('新来的登记员');
  await page.locator('#n-intake').check();
  await page.getByRole('button', { name: '创建账户' }).click();
  const receipt = page.getByRole('status').filter({ hasText: `已创建账户 ${username}` });
  await receipt.waitFor();
  const initial = (await receipt.locator('.mono').textContent()).trim();
  assert.ok(initial.length >= 12, 'an initial password is shown');
  assert.ok(!page.url().includes(initial));
  // Shown once: a fresh look at the page lists the account but not its password.
  await page.reload();
  await page.getByText(`（${username}）`).waitFor();
  assert.equal(await page.getByText(initial).count(), 0);
  assert.deepEqual(seen, []);

  // 信访指数权重, another form the server renders alone: the weights saved are in force at
  // once, and the page says whose they are.
  const weights = page.getByRole('region', { name: '信访指数权重' });
  assert.match(await weights.textContent(), /取自配置文件/);
  await weights.getByLabel('及时受理率').fill('40');
  await weights.getByLabel('参评率').fill('0');
  await weights.getByRole('button', { name: '保存权重' }).click();
  await page.getByText('现行权重由系统管理员在本页设定').waitFor();
  const method = await page.getByRole('region', { name: '信访指数权重' }).textContent();
  assert.match(method, /及时受理率×40/);
  assert.doesNotMatch(method, /参评率×/, 'a weight of 0 leaves the figure out');
  if (process.env.PORTAL_SHOTS) {
    // The section alone, at a phone's width and a laptop's: the whole page is very long.
    for (const width of [390, 1366]) {
      await page.setViewportSize({ width, height: 900 });
      await page.getByRole('region', { name: '信访指数权重' })
        .screenshot({ path: `${process.env.PORTAL_SHOTS}/admin-weights-${width}.png` });
    }
    await page.setViewportSize({ width: 360, height: 740 });
  }

  // Left as found, through a form the server renders alone (it posts, and the page comes
  // back): the administrator resets their own second factor, so the other test files
  // can sign in with the password alone. A reset ends that person's sessions, so the page
  // asks them to sign in again.
  const own = page.locator('li.card').filter({ hasText: '（admin）' });
  await own.getByText('调整单位和角色').click();
  await own.getByRole('button', { name: '重置动态口令' }).click();
  await page.getByText('请先登录').first().waitFor();
  await context.close();

  // Its owner signs in with it, and must replace it before working: afterwards the
  // administrator's copy no longer opens the account.
  const clerk = await staffPage(browser, username, initial);
  await clerk.page.getByText('须先修改密码才能办理').waitFor();
  await clerk.page.goto(`${BASE}/staff/account`);
  await hydrated(clerk.page);
  await clerk.page.getByLabel('当前密码').fill(initial);
  await clerk.page.getByLabel('新密码').fill('只有我知道的口令-江南春');
  await clerk.page.getByRole('button', { name: '修改密码' }).click();
  await clerk.page.getByText('密码已修改，所有登录已退出').waitFor();
  await clerk.context.close();
  const res = await fetch(`${BASE}/api/v1/staff/sessions`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: initial }),
  });
  assert.equal(res.status, 401);
});
