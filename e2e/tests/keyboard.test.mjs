// Keyboard only, as a person who cannot use a mouse works: a citizen files a petition
// (the place found by typing, the answers checked, then sent) and the district bureau's
// clerk forwards it, confirming the step, without a single click.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, launch, hydrated, demoPasswords, uniquePhone, uniqueIdNumber, registerCitizen, tabTo,
} from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/// Moves a focused select down its options until the chosen one reads `label`.
async function arrowTo(page, label) {
  const chosen = () => page.evaluate(() => document.activeElement.selectedOptions?.[0]?.textContent);
  if ((await chosen()) !== label) await page.keyboard.press('Home');
  for (let i = 0; i < 60; i++) {
    if ((await chosen()) === label) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no option ${label}`);
}

test('a citizen files a petition and a clerk forwards it with the keyboard alone', async () => {
  const phone = uniquePhone();
  const password = '河边的柳树-2024';
  await registerCitizen({ real_name: '冯小路', id_number: uniqueIdNumber(), phone, password });
  const citizen = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  let page = await citizen.newPage();
  await page.goto(`${BASE}/login`);
  await hydrated(page);
  await tabTo(page, '#f-phone');
  await page.keyboard.type(phone);
  await tabTo(page, '#f-password');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/my\/petitions$/);

  await page.goto(`${BASE}/file`);
  await hydrated(page);
  await tabTo(page, '#f-category_id');
  await arrowTo(page, '物业管理');
  await tabTo(page, '#f-region_id');
  await page.keyboard.type('新桥社');
  await page.getByRole('option', { name: '示范市 / 东城区 / 新桥街道 / 新桥社区', exact: true }).waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await tabTo(page, '#f-title');
  await page.keyboard.type('楼顶水箱漏水');
  await page.keyboard.press('Tab');
  await page.keyboard.type('楼顶水箱漏水已经一个月，顶楼住户家中墙面发霉，物业一直没有处理。');
  await page.keyboard.press('Tab');
  await page.keyboard.type('请督促物业修好水箱');
  await tabTo(page, 'form.form button[type=submit]');
  await page.keyboard.press('Enter');
  // 核对 takes the focus; Tab reaches 确认提交.
  await page.getByRole('heading', { name: '请核对您填写的内容' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'check-h');
  await tabTo(page, '.check-answers .button.primary');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/receipt$/);
  const number = (await page.locator('#receipt-number').textContent()).trim();
  await citizen.close();

  // The district bureau's clerk: log in, open the case from the queue, forward it.
  const pw = await demoPasswords();
  const desk = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  page = await desk.newPage();
  await page.goto(`${BASE}/staff/login`);
  await hydrated(page);
  await tabTo(page, '#f-username');
  await page.keyboard.type('district_intake');
  await tabTo(page, '#f-password');
  await page.keyboard.type(pw.district_intake);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/staff$/);
  await tabTo(page, `a[href$="/staff/petitions/${number}"]`, 400);
  await page.keyboard.press('Enter');
  await page.waitForURL(new RegExp(`/staff/petitions/${number}$`));
  await hydrated(page);
  await tabTo(page, '#f-forward-unit', 200);
  await arrowTo(page, '东城区住房和城乡建设局');
  await tabTo(page, 'section[aria-label="转送"] input[name=confirmed]');
  await page.keyboard.press('Space');
  await tabTo(page, 'section[aria-label="转送"] button[type=submit]');
  await page.keyboard.press('Enter');
  await page.getByRole('status').getByText(/^已转送，已通知信访人。/).waitFor();
  await desk.close();
});
