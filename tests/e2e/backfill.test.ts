/**
 * Back-fill detection in the browser: the EIA form is handed in as a file, the department
 * approves on the project page without opening it (stating the signing date), and the
 * coordinator finds the flag counted on the 电子监察 page and listed, with its evidence and
 * the project's link, on the back-fill page.
 */
import { PASSWORD } from '../helpers/service';
import { act, ENTERPRISE, type Rig, startRig } from './browser';
import { accept, apiAs, apply, preparation, register } from './projects';

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
});
afterAll(async () => {
  await rig?.close();
});

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** Hands in a one-page PDF for `materialId` as the enterprise (multipart, which apiAs does not send). */
async function handIn(projectId: string, materialId: string): Promise<void> {
  const login = await fetch(`${rig.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: ENTERPRISE, password: PASSWORD }),
  });
  const { token } = (await login.json()) as { token: string };
  const form = new FormData();
  form.set('stageId', preparation.id);
  form.set('materialId', materialId);
  form.set('file', new File([new Uint8Array(PDF)], 'eia-form.pdf', { type: 'application/pdf' }));
  const res = await fetch(`${rig.baseUrl}/api/projects/${projectId}/materials`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  if (res.status !== 201) throw new Error(`upload → ${res.status} ${await res.text()}`);
}

test('an approval given without opening the handed-in file is counted on supervision and listed with its evidence', async () => {
  await rig.run(async () => {
    const id = await register(rig, '未阅先批样本');
    await handIn(id, 'eia-form');
    await apply(rig, id);
    await accept(rig, id);
    // The department approves on the project page, stating the decision's signing date (today: it cannot be later).
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const { page: d } = await rig.loginAs('dept-ecology-environment');
    await d.goto(`${rig.baseUrl}/projects/${id}`);
    const eia = preparation.items.find((i) => i.id === 'eia-form-approval')!;
    await act(d, `批准：${eia.title.zh}`, (dialog) => dialog.getByLabel('签发日期').fill(today));
    const history = await (await apiAs(rig, 'coordinator'))<{ entries: { type: string; signedOn?: string }[] }>('GET', `/api/projects/${id}/history`);
    expect(history.entries.find((e) => e.type === 'approved')?.signedOn).toBe(today);

    const { page: c } = await rig.loginAs('coordinator');
    // The list gathers afresh; supervision then shows the counts of that gathering.
    await c.goto(`${rig.baseUrl}/supervision/backfill`);
    await c.getByRole('heading', { name: '体外循环疑点（补录检查）' }).waitFor();
    const row = c.getByTestId('backfill-table').getByRole('row').filter({ hasText: '未阅先批样本' });
    await row.getByText('未阅材料即批准').waitFor();
    await row.getByText("approved with none of the item's 1 handed-in file(s) opened by ecology-environment").waitFor();
    await c.getByRole('link', { name: '电子监察' }).first().click();
    await c.getByTestId('card-backfill').getByText('体外循环疑点', { exact: true }).waitFor();
    await c.getByTestId('card-backfill').getByRole('link', { name: '体外循环疑点（补录检查）' }).click();
    await row.getByRole('link', { name: '未阅先批样本' }).click();
    await c.waitForURL(`**/projects/${id}`);
  });
});
