// Stored XSS, in a real browser: script payloads (wfuzz's XSS list and classics) in a
// petition's title, facts, request and respondent, an attachment's file name, a staff note
// and a reply are shown on every page that shows them, to the citizen, the public look-up
// and the staff, with alert/confirm/prompt hooked before any script runs: nothing fires,
// and the payloads are there as plain text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { BASE, launch, loginCitizen, hydrated, uniquePhone, uniqueIdNumber, demoPasswords, api, registerCitizen } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const TITLE = '<img src=x onerror=alert(1)>';
const REQUEST = '<script>alert("req")</script>';
const RESPONDENT = '"><svg onload=alert(2)>';
const FILE_NAME = '"><img src=x onerror=alert(3)>.png';
const NOTE = '<iframe src="javascript:alert(4)"></iframe>';
const REPLY = '<a href="javascript:alert(5)">点此查看</a><details open ontoggle=alert(6)>';
// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

async function payloads() {
  const dir = process.env.PORTAL_CORPORA;
  assert.ok(dir, 'PORTAL_CORPORA names the corpora folder (bash .ci/corpora), as e2e/run sets it');
  return (await readFile(`${dir}/XSS.txt`, 'latin1')).split('\n').filter((l) => l.trim());
}

/// A page whose alert, confirm and prompt only count, installed before any script.
async function watchedPage() {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  await context.addInitScript(() => {
    window.__fired = [];
    for (const name of ['alert', 'confirm', 'prompt', 'print']) {
      window[name] = (message) => { window.__fired.push(`${name}: ${message}`); };
    }
  });
  const page = await context.newPage();
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  return { context, page, dialogs };
}

async function assertInert(page, dialogs, what) {
  await hydrated(page);
  await page.waitForTimeout(500);
  const fired = await page.evaluate(() => window.__fired);
  assert.deepEqual([...fired, ...dialogs], [], `${what}: a payload ran`);
}

test('script payloads stored everywhere render as text and never run', async () => {
  const xss = await payloads();
  const phone = uniquePhone();
  const password = '山脚下的小溪-1992';
  await registerCitizen({ real_name: '周敏', id_number: uniqueIdNumber(), phone, password });
  const { access_token } = await api('/sessions', { phone, password });
  const ref = await api('/reference');
  const petition = {
    kind: 'appeal',
    category_id: ref.categories.find((c) => c.name === '物业管理').id,
    region_id: ref.regions.find((r) => r.name === '新桥社区').id,
    title: TITLE, facts: xss.join('\n').slice(0, 4000), request: REQUEST, respondent: RESPONDENT, people_count: 1,
  };
  const form = new FormData();
  form.append('petition', JSON.stringify(petition));
  form.append('attachments', new Blob([PNG], { type: 'image/png' }), FILE_NAME);
  const res = await fetch(`${BASE}/api/v1/petitions`, {
    method: 'POST', headers: { authorization: `Bearer ${access_token}` }, body: form,
  });
  assert.equal(res.status, 201, await res.clone().text());
  const { number, query_code } = await res.json();

  // The bureau forwards it; the housing bureau accepts, notes and answers with payloads.
  const pw = await demoPasswords();
  const staff = async (username) => (await api('/staff/sessions', { username, password: pw[username] })).access_token;
  const intake = await staff('intake');
  const handler = await staff('handler');
  const head = await staff('head');
  const act = (token, body) => api(`/staff/petitions/${number}/actions`, body, token, 204);
  const unit = (await api(`/staff/petitions/${number}`, undefined, intake)).proposed_unit[0];
  await act(intake, { action: 'forward', unit_id: unit });
  await act(handler, { action: 'receive_accept' });
  await act(handler, { action: 'add_note', body: NOTE });
  await act(handler, { action: 'submit_draft', facts: REPLY, reasons: REQUEST, decision: 'support', legal_basis: TITLE });
  await act(head, { action: 'approve_reply' });

  // The citizen's pages.
  let { context, page, dialogs } = await watchedPage();
  await loginCitizen(page, phone, password);
  await assertInert(page, dialogs, '我的信访');
  await page.getByText(TITLE).first().waitFor();
  await page.goto(`${BASE}/my/petitions/${number}`);
  await assertInert(page, dialogs, 'the petition page');
  const main = await page.locator('main').textContent();
  assert.ok(main.includes(TITLE) && main.includes(REQUEST), 'the payloads are shown as text');
  await page.getByText(REPLY).first().waitFor();
  await page.goto(`${BASE}/my/account`);
  await assertInert(page, dialogs, 'the account page');
  await context.close();

  // The public look-up, without an account.
  ({ context, page, dialogs } = await watchedPage());
  await page.goto(`${BASE}/lookup`);
  await hydrated(page);
  await page.getByLabel('信访件编号').fill(number);
  await page.getByLabel('查询码').fill(query_code);
  await page.getByRole('button', { name: '查询' }).click();
  await page.waitForURL(new RegExp(`/track/${number}$`));
  await assertInert(page, dialogs, 'the progress page');
  await context.close();

  // The staff's queue and case pages.
  for (const username of ['handler', 'head']) {
    ({ context, page, dialogs } = await watchedPage());
    await page.goto(`${BASE}/staff/login`);
    await hydrated(page);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码', { exact: true }).fill(pw[username]);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(/\/staff$/);
    await assertInert(page, dialogs, `${username}'s queue`);
    await page.goto(`${BASE}/staff/petitions/${number}`);
    await assertInert(page, dialogs, `${username}'s case page`);
    await page.getByText(NOTE).first().waitFor();
    await page.getByText(TITLE).first().waitFor();
    await context.close();
  }
});
