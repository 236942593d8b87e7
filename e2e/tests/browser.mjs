// Launching Debian's Chromium headless, quietly: no sandbox (we run as root in CI) and no
// background networking (the machine's network is closed; Chromium would flood it).
import { chromium } from 'playwright-core';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const BASE = process.env.PORTAL_URL ?? 'http://localhost:3000';

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/// Resolves once the page's islands have woken (Leptos removes nothing visible, so we
/// wait for the module to be loaded and the idle callback to have run).
export async function hydrated(page) {
  await page.waitForFunction(() => performance.getEntriesByType('resource')
    .some((e) => e.name.endsWith('/pkg/app_bg.wasm') && e.responseEnd > 0));
  await page.waitForTimeout(300);
}

export function uniquePhone() {
  return '137' + String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
}

/// A valid resident ID number (GB 11643 check digit) with a random birth date.
export function uniqueIdNumber() {
  const pad = (n, w) => String(n).padStart(w, '0');
  const body = '110101' + pad(1950 + Math.floor(Math.random() * 50), 4) + pad(1 + Math.floor(Math.random() * 12), 2)
    + pad(1 + Math.floor(Math.random() * 28), 2) + pad(Math.floor(Math.random() * 1000), 3);
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return body + '10X98765432'[sum % 11];
}

/// Saves a full-page screenshot as `<name>.png` when PORTAL_SHOTS names a folder: for a
/// person to look at (390 px and 1366 px), never committed and never compared.
export async function shot(page, name) {
  const dir = process.env.PORTAL_SHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

/// The page at a phone's width (390 px) and a laptop's (1366 px), as [`shot`] saves them;
/// the window is put back as it was.
export async function shotWidths(page, name) {
  if (!process.env.PORTAL_SHOTS) return;
  const size = page.viewportSize();
  for (const width of [390, 1366]) {
    await page.setViewportSize({ width, height: 900 });
    await shot(page, `${name}-${width}`);
  }
  await page.setViewportSize(size);
}

/// Runs axe-core's WCAG 2.1 A and AA rules over the page as it is now, and fails on any
/// serious or critical violation, naming the rule and the elements (`state` says which
/// page state was checked).
export async function accessible(page, state) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  const { violations } = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  assert.deepEqual(serious, [], `accessibility of ${state}`);
}

/// Presses Tab until the focus is on the element `selector` finds, as a keyboard user
/// moves through a page; fails if it is not reached within `max` presses.
export async function tabTo(page, selector, max = 120) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

/// Chooses 问题发生地 in the filing form's picker as a person does: types part of the
/// name, then taps the place whose full path is `path` among those offered.
export async function pickPlace(page, typed, path) {
  await page.getByLabel('问题发生地').fill(typed);
  await page.getByRole('option', { name: path, exact: true }).click();
  assert.equal(await page.getByLabel('问题发生地').inputValue(), path);
}

/// Sends the filing (or registration) form the way it goes with JavaScript: 下一步 shows
/// the answers for checking (核对), then `confirm` sends them.
export async function sendFiling(page, confirm = '确认提交') {
  await page.getByRole('button', { name: /^下一步/ }).click();
  await page.getByRole('heading', { name: '请核对您填写的内容' }).waitFor();
  await page.getByRole('button', { name: confirm }).click();
}

/// The demo staff passwords the portal printed once at its first start.
export async function demoPasswords() {
  const { readFile } = await import('node:fs/promises');
  const log = await readFile(process.env.PORTAL_LOG, 'utf8');
  return Object.fromEntries([...log.matchAll(/demo staff account: (\S+) \/ (\S+)/g)].map((m) => [m[1], m[2]]));
}

/// Calls the REST API; fails the test unless the answer has `status` (any 2xx by default).
export async function api(path, body, token, status, method) {
  const res = await fetch(`${BASE}/api/v1${path}`, {
    method: method ?? (body ? 'POST' : 'GET'),
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (status) {
    if (res.status !== status) throw new Error(`${path}: expected ${status}, got ${res.status} ${text}`);
  } else if (!res.ok) {
    throw new Error(`${path}: ${res.status} ${text}`);
  }
  return text ? JSON.parse(text) : null;
}

/// The newest verification code the demo portal's SMS inbox page shows for `phone`.
export async function smsCode(phone) {
  for (let i = 0; i < 100; i++) {
    const html = await (await fetch(`${BASE}/dev/sms`)).text();
    const item = html.split('<li').find((li) => li.includes(phone) && li.includes('验证码'));
    const code = item?.match(/验证码为(\d{6})/)?.[1];
    if (code) return code;
    await new Promise((ok) => setTimeout(ok, 200));
  }
  throw new Error(`no verification code reached ${phone}`);
}

/// Registers a citizen through the API, with the code the phone received.
export async function registerCitizen(account) {
  await api('/verification-codes', { phone: account.phone, purpose: 'register' }, undefined, 202);
  await api('/accounts', { ...account, sms_code: await smsCode(account.phone) });
}

/// Logs a citizen in through the login page and waits for 我的信访.
export async function loginCitizen(page, phone, password) {
  await page.goto(`${BASE}/login`);
  await hydrated(page);
  await page.getByLabel('手机号码').fill(phone);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/my\/petitions$/);
}

/// A citizen with a petition filed through the API (the filing form has its own test);
/// `filing` changes or adds to the petition's fields.
export async function citizenWithPetition(filing = {}) {
  const phone = uniquePhone();
  const password = '河边的柳树-2024';
  const idNumber = uniqueIdNumber();
  await registerCitizen({ real_name: '刘晓燕', id_number: idNumber, phone, password });
  const { access_token } = await api('/sessions', { phone, password });
  const ref = await api('/reference');
  const category = ref.categories.find((c) => c.name === '物业管理').id;
  const region = ref.regions.find((r) => r.name === '新桥社区').id;
  const receipt = await api('/petitions', {
    kind: 'appeal', category_id: category, region_id: region,
    title: '小区垃圾清运不及时', facts: '小区垃圾站已连续一周无人清运，气味很大，居民多次反映无果。',
    request: '请督促物业按时清运垃圾', people_count: 12, ...filing,
  }, access_token);
  return { phone, password, idNumber, number: receipt.number, token: access_token };
}

/// A signed-in staff member on the queue page, in a phone-sized window of its own.
export async function staffPage(browser, username, password) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.goto(`${BASE}/staff/login`);
  await hydrated(page);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/staff$/);
  return { context, page };
}

/// RFC 6238 (SHA-1, 30 s, 6 digits) for a base32 secret: what an authenticator app shows now.
export function totp(secret) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of secret.replace(/=+$/, '')) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1e6).padStart(6, '0');
}
