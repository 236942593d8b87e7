// The accusation firewall in a real browser (条例 art. 22, 30): a citizen accuses the
// district housing bureau through the filing form; the district bureau's clerk is proposed
// the discipline-inspection body and forwards it there; the housing bureau's head and
// handler find nothing. An accusation against no listed unit waits for the clerk to settle
// who is accused before any routing form appears.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE, launch, loginCitizen, hydrated, demoPasswords, staffPage, uniquePhone, uniqueIdNumber,
  registerCitizen, api, pickPlace, sendFiling,
} from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function citizen() {
  const phone = uniquePhone();
  const password = '山坡上的茶园-1975';
  await registerCitizen({ real_name: '郑秀英', id_number: uniqueIdNumber(), phone, password });
  return { phone, password };
}

async function openCase(page, number) {
  await page.goto(`${BASE}/staff/petitions/${number}`);
  await hydrated(page);
}

test('an accusation against the housing bureau goes to the discipline body and the bureau sees nothing', async () => {
  const pw = await demoPasswords();
  const { phone, password } = await citizen();
  let context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  let page = await context.newPage();
  await loginCitizen(page, phone, password);
  await page.goto(`${BASE}/file`);
  await hydrated(page);
  await page.getByRole('radio', { name: /^检举控告/ }).check();
  await page.getByLabel('类别').selectOption({ label: '住房保障' });
  await pickPlace(page, '新桥', '示范市 / 东城区 / 新桥街道 / 新桥社区');
  await page.getByLabel('被反映人或单位').fill('东城区住房和城乡建设局');
  await page.getByLabel('标题').fill('保障房分配中有人索要好处费');
  await page.getByLabel('事实和理由').fill('申请公租房时，经办人员暗示需要另外交钱才能排上号，多名申请人都遇到过。');
  await page.getByLabel('诉求', { exact: true }).fill('请依法调查处理');
  await page.getByLabel('涉及人数').fill('1');
  await sendFiling(page);
  await page.waitForURL(/\/receipt$/);
  const number = (await page.locator('#receipt-number').textContent()).trim();
  await context.close();

  // The district bureau's clerk sees who is accused and is proposed the discipline body.
  ({ context, page } = await staffPage(browser, 'district_intake', pw.district_intake));
  await openCase(page, number);
  await page.getByText('东城区住房和城乡建设局').first().waitFor();
  const forward = page.getByRole('region', { name: '转送' });
  const select = forward.getByLabel(/承办单位/);
  assert.equal(await select.evaluate((s) => s.selectedOptions[0].textContent), '东城区纪委监委');
  await forward.getByLabel(/我已核对/).check();
  await forward.getByRole('button', { name: '转送' }).click();
  await page.getByText('已转送').first().waitFor();
  await context.close();

  // The accused bureau's head and handler find nothing: not the case, not a queue line.
  for (const who of ['head', 'handler']) {
    ({ context, page } = await staffPage(browser, who, pw[who]));
    assert.ok(!(await page.content()).includes(number), `${who}'s queue lists it`);
    await openCase(page, number);
    await page.getByRole('heading', { name: '未找到该信访事项' }).waitFor();
    assert.ok(!(await page.content()).includes('好处费'));
    await context.close();
  }
});

test('an accusation against no listed unit is routed only once the clerk settles who is accused', async () => {
  const pw = await demoPasswords();
  const { phone, password } = await citizen();
  const { access_token } = await api('/sessions', { phone, password });
  const ref = await api('/reference');
  const receipt = await api('/petitions', {
    kind: 'accusation',
    category_id: ref.categories.find((c) => c.name === '物业管理').id,
    region_id: ref.regions.find((r) => r.name === '新桥社区').id,
    respondent: '某物业公司经理',
    title: '物业公司挪用维修基金',
    facts: '物业公司未经业主大会同意动用维修基金，账目一直不公开。',
    request: '请查处', people_count: 1,
  }, access_token);
  const { context, page } = await staffPage(browser, 'district_intake', pw.district_intake);
  await openCase(page, receipt.number);
  await page.getByRole('heading', { name: '第一步：确认被检举控告单位' }).waitFor();
  assert.equal(await page.getByRole('region', { name: '转送' }).count(), 0);
  await page.getByRole('button', { name: '确认没有被检举控告的单位' }).click();
  await page.getByRole('region', { name: '转送' }).waitFor();
  await page.getByText('经确认，没有被检举控告的单位').waitFor();
  await context.close();
});
