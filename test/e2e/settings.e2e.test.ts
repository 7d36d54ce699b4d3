/**
 * The settings that finish the pipeline model, in headless Chromium, as an admin would use them:
 * add a pipeline and a stage to it, reorder its stages by keyboard, give a stage exit criteria,
 * see a stale edit refused and a stage that must stay refused in words, make the pipeline the
 * default and first; create a team, put a person in it and name its manager; read the page in
 * Arabic, right to left; and as a sales rep, see no edit controls. Each change is checked through
 * the API. Elements are found by role and label.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserApp, expectAccessible, openBrowserApp } from '../browser-app.js';
import { callApiFromPage, setUpWorkspace } from '../browser.js';

let app: BrowserApp;
let page: Page;

interface ApiStage {
  id: string;
  nameEn: string;
  kind: string;
  exitCriteria: string[];
  archived: boolean;
  version: number;
}
interface ApiPipeline {
  id: string;
  nameEn: string;
  isDefault: boolean;
  archived: boolean;
  position: number;
  stages: ApiStage[];
}
interface ApiTeam {
  id: string;
  name: string;
  managerUserId: string | null;
  memberIds: string[];
}

async function pipelineNamed(name: string): Promise<ApiPipeline | undefined> {
  const answer = await callApiFromPage(page, '/pipelines');
  return (answer.body as { items: ApiPipeline[] }).items.find((p) => p.nameEn === name);
}

/** The active stages of a pipeline, in board order, by English name. */
async function stageNames(pipeline: string): Promise<string[]> {
  const found = await pipelineNamed(pipeline);
  return (found?.stages ?? []).filter((s) => !s.archived).map((s) => s.nameEn);
}

async function stageOf(pipeline: string, stage: string): Promise<ApiStage | undefined> {
  return (await pipelineNamed(pipeline))?.stages.find((s) => s.nameEn === stage);
}

async function teamNamed(name: string): Promise<ApiTeam | undefined> {
  const answer = await callApiFromPage(page, '/teams');
  return (answer.body as { items: ApiTeam[] }).items.find((team) => team.name === name);
}

const section = (name: string) => page.getByRole('region', { name, exact: true });
const stagesTable = (pipeline: string) =>
  page.getByRole('table', { name: `Stages of ${pipeline}`, exact: true });

/** The English names of a pipeline's stages as the table shows them, top to bottom. */
function shownStageNames(pipeline: string): Promise<string[]> {
  return stagesTable(pipeline)
    .getByRole('textbox', { name: /^English name of / })
    .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
}

beforeAll(async () => {
  app = await openBrowserApp();
  page = app.page;
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('the settings page in Chromium', () => {
  it('adds and tunes a pipeline, its stages and a team, in English and Arabic', async () => {
    await setUpWorkspace(page, app.base);
    const omar = await callApiFromPage(page, '/users', {
      body: {
        name: 'Omar',
        email: 'omar@example.com',
        password: 'another long password',
        role: 'rep',
      },
    });
    expect(omar.status).toBe(201);
    const omarId = (omar.body as { id: string }).id;
    const users = await callApiFromPage(page, '/users');
    const amiraId = (users.body as { items: { id: string; name: string }[] }).items.find(
      (user) => user.name === 'Amira',
    )?.id;
    // The page learned the workspace's people before Omar joined.
    await page.reload();
    await page.getByRole('navigation').getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await page.getByRole('table', { name: 'Stages of Sales', exact: true }).waitFor();
    await expectAccessible(page, 'settings, English');

    // A new pipeline, named in both languages; it starts with the default stages.
    await page.getByText('Add a pipeline', { exact: true }).click();
    const newPipeline = page.getByRole('form', { name: 'Add a pipeline' });
    await newPipeline.getByLabel('Pipeline name (English)').fill('Enterprise');
    await newPipeline.getByLabel('Pipeline name (Arabic)').fill('المؤسسات');
    await expectAccessible(page, 'settings with the new pipeline form open, English');
    await newPipeline.getByRole('button', { name: 'Add pipeline' }).click();
    await expect.poll(() => section('Enterprise').count()).toBe(1);
    await expect.poll(async () => (await pipelineNamed('Enterprise'))?.stages.length).toBe(7);
    const enterprise = section('Enterprise');

    // A stage added to it: an open stage goes just before the won one.
    await enterprise.getByText('Add a stage to Enterprise', { exact: true }).click();
    const newStage = enterprise.getByRole('form', { name: 'Add a stage to Enterprise' });
    await newStage.getByLabel('Name (English)').fill('Technical review');
    await newStage.getByLabel('Name (Arabic)').fill('المراجعة الفنية');
    await newStage.getByLabel('Kind').selectOption({ label: 'Open' });
    await newStage.getByLabel('Probability (%)').fill('55');
    await newStage.getByRole('button', { name: 'Add stage' }).click();
    await expect
      .poll(async () => (await stageNames('Enterprise')).slice(-3))
      .toEqual(['Negotiation & closing', 'Technical review', 'Post-sale follow-up']);
    await expect.poll(() => shownStageNames('Enterprise')).toHaveLength(8);

    // Reordered by keyboard: the stage moves one place earlier, on screen and in the API.
    await enterprise.getByRole('button', { name: 'Move Technical review earlier' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => (await stageNames('Enterprise')).slice(-3))
      .toEqual(['Technical review', 'Negotiation & closing', 'Post-sale follow-up']);
    await expect
      .poll(async () => (await shownStageNames('Enterprise')).slice(-3))
      .toEqual(['Technical review', 'Negotiation & closing', 'Post-sale follow-up']);

    // Exit criteria: labelled checkboxes, saved with the stage.
    const criteria = enterprise.getByRole('group', { name: 'Exit criteria of Technical review' });
    // Six about the deal's fields and people, five about its BANT card.
    await expect.poll(() => criteria.getByRole('checkbox').count()).toBe(11);
    await criteria.getByRole('checkbox', { name: 'Amount', exact: true }).check();
    await criteria.getByRole('checkbox', { name: 'A decision maker', exact: true }).check();
    await enterprise.getByRole('button', { name: 'Save Technical review' }).click();
    await expect
      .poll(async () => (await stageOf('Enterprise', 'Technical review'))?.exitCriteria)
      .toEqual(['amount', 'decisionMaker']);
    await expect
      .poll(() => criteria.getByRole('checkbox', { name: 'Amount', exact: true }).isChecked())
      .toBe(true);

    // Someone else changes the stage meanwhile: the stale save is refused in words, the row
    // shows the newer values, and saving again works.
    const stage = await stageOf('Enterprise', 'Technical review');
    const elsewhere = await callApiFromPage(page, `/stages/${stage?.id}`, {
      method: 'PATCH',
      version: stage?.version,
      body: { probability: 60 },
    });
    expect(elsewhere.status).toBe(200);
    await criteria.getByRole('checkbox', { name: 'Company', exact: true }).check();
    await enterprise.getByRole('button', { name: 'Save Technical review' }).click();
    await expect
      .poll(() =>
        enterprise
          .getByRole('alert')
          .filter({ hasText: 'Someone else changed this in the meantime.' })
          .count(),
      )
      .toBe(1);
    await expect
      .poll(() =>
        enterprise.getByLabel('Configured probability of Technical review (%)').inputValue(),
      )
      .toBe('60');
    expect(await criteria.getByRole('checkbox', { name: 'Company', exact: true }).isChecked()).toBe(
      false,
    );
    expect((await stageOf('Enterprise', 'Technical review'))?.exitCriteria).toEqual([
      'amount',
      'decisionMaker',
    ]);

    // The only won stage must stay: archiving it is refused, and said why.
    page.once('dialog', (dialog) => void dialog.accept());
    await enterprise.getByRole('button', { name: 'Archive Post-sale follow-up' }).click();
    await expect
      .poll(() =>
        enterprise.getByRole('alert').filter({ hasText: 'This stage cannot be archived' }).count(),
      )
      .toBe(1);
    // An empty open stage goes.
    page.once('dialog', (dialog) => void dialog.accept());
    await enterprise.getByRole('button', { name: 'Archive Prospecting' }).click();
    await expect
      .poll(async () => (await stageNames('Enterprise')).includes('Prospecting'))
      .toBe(false);
    await expect.poll(() => shownStageNames('Enterprise')).toHaveLength(7);

    // Made the default and moved to the top of the list.
    await enterprise.getByRole('button', { name: 'Make Enterprise the default' }).click();
    await expect.poll(async () => (await pipelineNamed('Enterprise'))?.isDefault).toBe(true);
    await expect.poll(async () => (await pipelineNamed('Sales'))?.isDefault).toBe(false);
    await expect.poll(() => enterprise.getByText('Default', { exact: true }).count()).toBe(1);
    await enterprise.getByRole('button', { name: 'Move Enterprise up the list' }).click();
    await expect.poll(async () => (await pipelineNamed('Enterprise'))?.position).toBe(1);
    await expect
      .poll(async () =>
        (await page.locator('caption').allTextContents()).filter((c) => c.startsWith('Stages')),
      )
      .toEqual(['Stages of Enterprise', 'Stages of Sales']);

    // A team: created, Omar put in it, Amira its manager.
    await page.getByText('Add a team', { exact: true }).click();
    const newTeam = page.getByRole('form', { name: 'Add a team' });
    await newTeam.getByLabel('Team name').fill('Riyadh desk');
    await newTeam.getByRole('button', { name: 'Add team' }).click();
    await expect.poll(() => section('Riyadh desk').count()).toBe(1);
    const team = section('Riyadh desk');
    await team.getByLabel('Add a person to Riyadh desk').selectOption({ label: 'Omar' });
    await team.getByRole('button', { name: 'Add to Riyadh desk' }).click();
    await expect
      .poll(() =>
        team.getByRole('list', { name: 'Members of Riyadh desk' }).getByText('Omar').count(),
      )
      .toBe(1);
    await expect.poll(async () => (await teamNamed('Riyadh desk'))?.memberIds).toEqual([omarId]);
    await team.getByLabel('Manager of Riyadh desk').selectOption({ label: 'Amira' });
    await team.getByRole('button', { name: 'Save Riyadh desk' }).click();
    await expect.poll(async () => (await teamNamed('Riyadh desk'))?.managerUserId).toBe(amiraId);
    // A second team of the same name is refused next to its field.
    await newTeam.getByLabel('Team name').fill('Riyadh desk');
    await newTeam.getByRole('button', { name: 'Add team' }).click();
    await expect
      .poll(() => newTeam.getByLabel('Team name').getAttribute('aria-invalid'))
      .toBe('true');
    await expect.poll(() => newTeam.getByText('This name is already taken.').count()).toBe(1);
    await expectAccessible(page, 'settings with forms open and errors shown, English');

    // Arabic: the page runs right to left, its labels in Arabic.
    await page.getByRole('banner').getByLabel('Language').selectOption('ar');
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('rtl');
    await expect
      .poll(() => page.getByRole('heading', { name: 'الإعدادات', level: 1 }).count())
      .toBe(1);
    await expect.poll(() => section('المؤسسات').count()).toBe(1);
    await expect
      .poll(() => page.getByRole('table', { name: 'مراحل المؤسسات', exact: true }).count())
      .toBe(1);
    const arabicCriteria = section('المؤسسات').getByRole('group', {
      name: 'شروط مغادرة مرحلة المراجعة الفنية',
    });
    await expect
      .poll(() => arabicCriteria.getByRole('checkbox', { name: 'القيمة', exact: true }).isChecked())
      .toBe(true);
    await expect.poll(() => page.getByRole('heading', { name: 'الفرق', level: 2 }).count()).toBe(1);
    await expect
      .poll(() => section('Riyadh desk').getByLabel('مدير فريق Riyadh desk').count())
      .toBe(1);
    await expect.poll(() => page.getByText('إضافة خط مبيعات', { exact: true }).count()).toBe(1);
    await expectAccessible(page, 'settings, Arabic');

    // A sales rep reads the same settings without a single edit control.
    const rep = await (await app.browser.newContext({ locale: 'en-US' })).newPage();
    await rep.goto(app.base);
    await rep.getByRole('button', { name: 'Sign in' }).waitFor();
    await expectAccessible(rep, 'sign-in, English');
    await rep.getByLabel('Email').fill('omar@example.com');
    await rep.getByLabel('Password').fill('another long password');
    await rep.getByRole('button', { name: 'Sign in' }).click();
    await rep.getByRole('navigation').getByRole('link', { name: 'Settings', exact: true }).click();
    await expect
      .poll(() => rep.getByRole('table', { name: 'Stages of Enterprise', exact: true }).count())
      .toBe(1);
    await expect
      .poll(() => rep.getByRole('table', { name: 'Teams', exact: true }).getByText('Omar').count())
      .toBe(1);
    expect(await rep.getByText('Add a pipeline', { exact: true }).count()).toBe(0);
    expect(await rep.getByText('Add a team', { exact: true }).count()).toBe(0);
    expect(await rep.getByRole('button', { name: /^Save |^Archive |^Move / }).count()).toBe(0);
    const repPipelines = rep.getByRole('region', { name: 'Pipelines and stages', exact: true });
    expect(await repPipelines.getByRole('checkbox').count()).toBe(0);
    expect(await repPipelines.getByRole('textbox').count()).toBe(0);
    await expectAccessible(rep, 'settings as a sales rep, English');
    await rep.context().close();

    // The sign-in page in Arabic, for a browser that asks for Arabic.
    const arabic = await (await app.browser.newContext({ locale: 'ar-SA' })).newPage();
    await arabic.goto(app.base);
    await arabic.getByRole('button', { name: 'دخول', exact: true }).waitFor();
    expect(await arabic.locator('html').getAttribute('dir')).toBe('rtl');
    await expectAccessible(arabic, 'sign-in, Arabic');
    await arabic.context().close();
  }, 180_000);
});
