/**
 * The coordinator's enterprise directory in the browser: a new enterprise with a mistyped credit
 * code is refused on that field with the check character expected; corrected, it is saved and
 * found by its code; edited, the list shows the change; and registration offers it by name.
 */
import { creditCodeCheckCharacter } from '../../service/enterprises/credit-code';
import { ENTERPRISE, ENTERPRISE_NAME, type Rig, startRig } from './browser';

const FIRST17 = '91420106MA4K0E2E1';
const CODE = FIRST17 + creditCodeCheckCharacter(FIRST17);
const MISTYPED = FIRST17 + (CODE[17] === '0' ? '1' : '0');
const NAME = '武汉武昌精工机械有限公司';

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig?.close();
});

test('a coordinator adds, finds and edits an enterprise; a wrong check character is named on its field', async () => {
  await rig.run(async () => {
    const { page: c } = await rig.loginAs('coordinator');
    await c.getByRole('link', { name: '企业名录' }).click();
    await c.getByRole('heading', { name: '企业名录' }).waitFor();

    await c.getByTestId('add-enterprise').click();
    const dialog = c.getByRole('dialog');
    await dialog.getByLabel('企业名称').fill(NAME);
    await dialog.getByLabel('统一社会信用代码').fill(MISTYPED.toLowerCase());
    await dialog.getByLabel('地址').fill('湖北省武汉市武昌区中北路 1 号');
    await dialog.getByLabel('联系人 1 姓名').fill('陈一');
    await dialog.getByLabel('联系人 1 电话').fill('027-8765 0000');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    // The service's refusal lands on the credit code's field, naming the character expected.
    await dialog.locator('.ant-form-item-explain-error', { hasText: `check character (position 18) is '${MISTYPED[17]}', expected '${CODE[17]}'` }).waitFor();

    await dialog.getByLabel('统一社会信用代码').fill(CODE.toLowerCase());
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });

    await c.getByLabel('按名称或信用代码搜索企业').fill(CODE.slice(0, 12).toLowerCase());
    await c.getByLabel('按名称或信用代码搜索企业').press('Enter');
    const row = c.getByTestId('enterprise-directory').getByRole('row').filter({ hasText: NAME });
    await row.getByText(CODE).waitFor();
    expect(await c.getByTestId('enterprise-directory').getByRole('row').count()).toBe(2); // the header and the one found

    await row.getByRole('button', { name: `编辑企业“${NAME}”` }).click();
    await c.getByRole('dialog').getByLabel('地址').fill('湖北省武汉市武昌区中北路 2 号');
    await c
      .getByRole('dialog')
      .getByRole('button', { name: /保\s*存/ })
      .click();
    await c.getByRole('dialog').waitFor({ state: 'hidden' });
    await row.getByText('湖北省武汉市武昌区中北路 2 号').waitFor();

    // Registration offers it by name, with its code beside it.
    await c.getByRole('link', { name: '登记项目' }).click();
    await c.getByLabel('企业', { exact: true }).fill('武昌精工');
    await c
      .locator('.ant-select-item-option')
      .filter({ hasText: `${NAME}（${CODE}）` })
      .waitFor();
  });
}, 300_000);

test('an enterprise reads its own entry in the directory, by name and credit code, confirmed', async () => {
  await rig.run(async () => {
    const { page: e } = await rig.loginAs(ENTERPRISE);
    await e.getByRole('link', { name: '我的企业' }).click();
    const entry = e.getByTestId('my-enterprise');
    await entry.getByText(ENTERPRISE_NAME).waitFor();
    await entry.getByText(/^[0-9A-Z]{18}$/).waitFor();
    await entry.getByText('已确认').waitFor();
    expect(await e.locator('main').innerText()).not.toContain(ENTERPRISE);
  });
}, 300_000);
