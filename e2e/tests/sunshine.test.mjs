// 阳光信访 in a real browser: what anyone may read about the bureaus' work, without an
// account and without JavaScript.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, launch, shotWidths, accessible } from './browser.mjs';

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
