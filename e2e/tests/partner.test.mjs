// Notifications and a partner system, in a real browser: a citizen files through the
// form, the demo portal's SMS inbox shows the receipt text, the case is forwarded to a
// department that works in its own case system (a local stand-in here), that system
// reports acceptance and the reply through the signed callback, and the citizen reads it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createHmac } from 'node:crypto';
import { BASE, launch, loginCitizen, hydrated, uniquePhone, uniqueIdNumber, demoPasswords, api, registerCitizen, totp, pickPlace, sendFiling } from './browser.mjs';

let browser;
let caseSystem;
const pushes = [];

before(async () => {
  browser = await launch();
  // The department's case system: keeps each pushed case and answers with its own id.
  caseSystem = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      pushes.push({ headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ external_id: `HZ-${pushes.length}` }));
    });
  });
  await new Promise((ok) => caseSystem.listen(0, '127.0.0.1', ok));
});
after(async () => {
  await browser?.close();
  caseSystem?.close();
});

/// Signs as the Standard Webhooks specification says, with the partner's `whsec_` secret.
function signed(secret, id, body, ts = Math.floor(Date.now() / 1000)) {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const sig = createHmac('sha256', key).update(`${id}.${ts}.${body}`).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': `v1,${sig}`, 'content-type': 'application/json' };
}

async function waitFor(check, what) {
  for (let i = 0; i < 100; i++) {
    const found = await check();
    if (found) return found;
    await new Promise((ok) => setTimeout(ok, 200));
  }
  assert.fail(`timed out waiting for ${what}`);
}

test('the SMS inbox shows the receipt, a partner system reports the reply, the citizen reads it', async () => {
  const pw = await demoPasswords();
  // The administrator binds a second factor, connects the case system, and marks the
  // district housing bureau as handled in it.
  const { access_token: admin } = await api('/staff/sessions', { username: 'admin', password: pw.admin });
  const { secret: totpSecret } = await api('/staff/me/totp', {}, admin);
  await api('/staff/me/totp/confirm', { code: totp(totpSecret) }, admin, 204);
  const partner = await api('/admin/partners', {
    name: '区住建局业务系统', url: `http://127.0.0.1:${caseSystem.address().port}/hz`,
  }, admin, 201);
  const units = await api('/admin/units', undefined, admin);
  const housing = units.find((u) => u.name === '东城区住房和城乡建设局').id;
  await api(`/admin/units/${housing}/partner`, { partner_id: partner.id }, admin, 204, 'PUT');

  // The citizen files through the form on a small phone.
  const phone = uniquePhone();
  const password = '河边的柳树-2024';
  await registerCitizen({ real_name: '赵丽华', id_number: uniqueIdNumber(), phone, password });
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await loginCitizen(page, phone, password);
  await page.goto(`${BASE}/file`);
  await hydrated(page);
  await page.getByLabel('申诉求决').check();
  await page.getByLabel('类别').selectOption({ label: '住房保障' });
  await pickPlace(page, '新桥', '示范市 / 东城区 / 新桥街道 / 新桥社区');
  await page.getByLabel('标题').fill('公租房漏水长期未修');
  await page.getByLabel('事实和理由').fill('所住公租房卫生间漏水半年，多次报修无人处理，楼下住户也受影响。');
  await page.getByLabel('诉求', { exact: true }).fill('请尽快安排维修');
  await page.getByLabel('涉及人数').fill('1');
  await sendFiling(page);
  await page.waitForURL(/\/receipt$/);
  const number = (await page.locator('#receipt-number').textContent()).trim();
  const code = (await page.locator('#receipt-code').textContent()).trim();

  // The development SMS inbox shows the text the phone got, with number and code.
  const inbox = await context.newPage();
  await waitFor(async () => {
    await inbox.goto(`${BASE}/dev/sms`);
    const text = await inbox.locator('main').textContent();
    return text.includes(number) && text.includes(code) && text.includes(phone);
  }, 'the receipt SMS');

  // The bureau forwards it; the case system is given the case and answers with its id.
  const { access_token: intake } = await api('/staff/sessions', { username: 'intake', password: pw.intake });
  await api(`/staff/petitions/${number}/actions`, { action: 'forward', unit_id: housing }, intake, 204);
  const push = await waitFor(() => pushes.find((p) => p.body.includes(number)), 'the pushed case');
  const pushed = JSON.parse(push.body);
  assert.equal(pushed.type, 'case.forwarded');
  assert.ok(!push.body.includes(phone) && !push.body.includes('赵丽华'), 'the case, not the petitioner');
  const expected = signed(partner.secret, push.headers['webhook-id'], push.body, push.headers['webhook-timestamp']);
  assert.equal(push.headers['webhook-signature'], expected['webhook-signature'], 'signed with the shared secret');

  // The case system reports acceptance and then the reply, signed, to the callback.
  const report = async (id, body) => {
    const json = JSON.stringify(body);
    const res = await fetch(pushed.callback_url, { method: 'POST', headers: signed(partner.secret, id, json), body: json });
    assert.equal(res.status, 200, await res.text());
  };
  await report('hz-1', { type: 'accepted', number });
  await report('hz-2', { type: 'replied', number, reply: {
    facts: '经上门查看，卫生间防水层老化导致漏水。',
    reasons: '公租房维修属产权单位责任，已安排施工队更换防水层。',
    decision: 'support', legal_basis: '《公共租赁住房管理办法》第二十六条',
  } });

  // The citizen sees it like any reply.
  await page.goto(`${BASE}/my/petitions/${number}`);
  await hydrated(page);
  await page.getByText('已答复').first().waitFor();
  await page.getByText('已安排施工队更换防水层').first().waitFor();
  await page.getByText('东城区住房和城乡建设局已受理').first().waitFor();
  await context.close();

  // Left as found: the administrator's second factor is reset, so that the other test
  // files (in any order) can sign in with the password alone and bind their own.
  const me = (await api('/admin/staff', undefined, admin)).find((s) => s.username === 'admin');
  await api(`/admin/staff/${me.id}/totp/reset`, {}, admin, 204);
});
