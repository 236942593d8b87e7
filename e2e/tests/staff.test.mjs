// The other half, in a real browser: the city bureau's clerk forwards a new petition, the
// district housing bureau's handler drafts the reply, its head approves it, and the
// citizen reads it, rates it 不满意 and asks for a review.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, launch, loginCitizen, hydrated, demoPasswords, citizenWithPetition, staffPage, shotWidths, accessible,
} from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a clerk forwards, a handler drafts, the head approves, the citizen rates 不满意 and asks for review', async () => {
  const pw = await demoPasswords();
  const { phone, password, number } = await citizenWithPetition();

  // The city bureau's clerk finds it in the queue and forwards it to the proposed unit.
  let { context, page } = await staffPage(browser, 'intake', pw.intake);
  await accessible(page, 'the queue');
  await shotWidths(page, 'queue');
  // Other test files file petitions with the same title; this one is found by its number.
  await page.getByRole('link', { name: '小区垃圾清运不及时' })
    .and(page.locator(`[href$="/staff/petitions/${number}"]`)).click();
  await page.waitForURL(new RegExp(`/staff/petitions/${number}$`));
  await hydrated(page);
  await page.getByText('东城区住房和城乡建设局').first().waitFor();
  await accessible(page, 'the case page');
  await shotWidths(page, 'case-intake');
  const forward = page.getByRole('region', { name: '转送' });
  await forward.getByLabel(/承办单位/).selectOption({ label: '东城区住房和城乡建设局' });
  await forward.getByLabel(/我已核对/).check();
  await forward.getByRole('button', { name: '转送' }).click();
  await page.getByText('已转送（办理）').waitFor();
  // The page says what happened and what comes next, as a status screen readers announce.
  await page.getByRole('status').getByText(/^已转送，已通知信访人。/).waitFor();
  await accessible(page, 'the case page after 转送');
  await shotWidths(page, 'case-forwarded');
  await context.close();

  // The housing bureau's handler accepts it and drafts the 信访处理意见书.
  ({ context, page } = await staffPage(browser, 'handler', pw.handler));
  await page.goto(`${BASE}/staff/petitions/${number}`);
  await hydrated(page);
  await page.getByRole('button', { name: '签收受理' }).click();
  await page.getByText('办理中（办理）').waitFor();
  const draft = page.getByRole('region', { name: '起草信访处理意见书' });
  await draft.getByLabel('查明事实').fill('经现场核查，该小区垃圾站确有一周未清运的情况。');
  await draft.getByLabel('理由', { exact: true }).fill('物业服务企业未按合同约定履行清运义务。');
  await draft.getByLabel('处理意见').selectOption({ label: '支持' });
  await draft.getByLabel('依据').fill('《物业管理条例》第三十五条');
  await draft.getByRole('button', { name: '提交负责人审批' }).click();
  await page.getByText('答复审批中（办理）').waitFor();
  await context.close();

  // The head approves it, and it is published.
  ({ context, page } = await staffPage(browser, 'head', pw.head));
  await page.goto(`${BASE}/staff/petitions/${number}`);
  await hydrated(page);
  await page.getByLabel('我已核对，确认批准并发布答复').check();
  await page.getByRole('button', { name: '批准并发布答复' }).click();
  await page.getByText('已答复（办理）').waitFor();
  await context.close();

  // The citizen reads the reply, rates it 不满意 and asks for a review.
  context = await browser.newContext({ viewport: { width: 360, height: 740 } });
  page = await context.newPage();
  await loginCitizen(page, phone, password);
  await page.goto(`${BASE}/my/petitions/${number}`);
  await hydrated(page);
  await page.getByText('物业服务企业未按合同约定履行清运义务。').waitFor();
  await page.getByLabel('不满意').check();
  await page.getByLabel('评价意见（选填）').fill('垃圾仍然没有清运');
  await page.getByRole('button', { name: '提交评价' }).click();
  await page.getByText('您的评价：不满意').waitFor();
  await page.getByLabel('申请理由').fill('答复后仍无人清运，申请复查。');
  await page.getByRole('button', { name: '申请复查' }).click();
  await page.locator('.status').getByText('办理中').waitFor();
  const timeline = await page.locator('.timeline').textContent();
  assert.match(timeline, /申请复查/);
  assert.match(timeline, /东城区信访局/);
  await context.close();
});
