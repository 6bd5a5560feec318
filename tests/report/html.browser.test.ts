/**
 * The HTML report in a real browser: Debian's Chromium driven by
 * playwright-core (never a downloaded browser). Skipped when
 * /usr/bin/chromium is not installed.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { renderHtml } from '../../src/report/html.js';
import type { AuditReport } from '../../src/report/model.js';
import { hostileReport, hostileRuleDocs } from './fixtures/hostile.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];
const TMP = fileURLToPath(new URL('../.tmp/', import.meta.url));

const fixture = (): AuditReport => JSON.parse(readFileSync(new URL('./fixtures/report.json', import.meta.url), 'utf8'));
const rules: { id: string; docs: { summary: string; why: string; fix: string } }[] = JSON.parse(
  readFileSync(new URL('./fixtures/rules.json', import.meta.url), 'utf8'),
);

function write(name: string, html: string): string {
  mkdirSync(TMP, { recursive: true });
  const path = TMP + name;
  writeFileSync(path, html);
  return pathToFileURL(path).href;
}

/** A page that records console errors, page errors and every request that is not file: or data:. */
async function open(browser: Browser, url: string, opts: { colorScheme?: 'light' | 'dark'; width?: number } = {}) {
  const page = await browser.newPage({ viewport: { width: opts.width ?? 1280, height: 900 }, colorScheme: opts.colorScheme ?? 'light' });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    if (!/^(file|data):/.test(r.url())) requests.push(r.url());
  });
  await page.goto(url);
  return { page, errors, requests };
}

const visibleRows = (page: Page) => page.locator('tr.claim:visible').count();
const text = (page: Page, sel: string) => page.locator(sel).first().innerText();

describe.skipIf(!existsSync(CHROMIUM))('HTML report in Chromium', () => {
  let browser: Browser;
  let reportUrl: string;
  let hostileUrl: string;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    const ruleDocs = Object.fromEntries(rules.map((r) => [r.id, r.docs]));
    reportUrl = write('report.html', renderHtml(fixture(), { remoteUrl: 'git@github.com:githedgehog/hh-netbox.git', ruleDocs }));
    hostileUrl = write('hostile.html', renderHtml(hostileReport(), { remoteUrl: 'https://github.com/o/r', ruleDocs: hostileRuleDocs }));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('loads with no console error and no network request, and saves a screenshot', async () => {
    const { page, errors, requests } = await open(browser, reportUrl);
    expect(await visibleRows(page)).toBe(16);
    expect(await text(page, '#f-status')).toBe('Showing 16 of 16 claims and 11 of 11 findings.');
    await page.screenshot({ path: TMP + 'report.png' });
    await page.screenshot({ path: TMP + 'report-full.png', fullPage: true });
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });

  it('renders in dark mode too', async () => {
    const { page, errors } = await open(browser, reportUrl, { colorScheme: 'dark' });
    const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    expect(bg).toBe('rgb(13, 17, 23)');
    await page.screenshot({ path: TMP + 'report-dark.png' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('filters by verdict, kind, report and severity and updates the counts', async () => {
    const { page, errors } = await open(browser, reportUrl);
    await page.getByRole('checkbox', { name: /Verified/ }).uncheck();
    expect(await visibleRows(page)).toBe(12);
    await page.getByRole('checkbox', { name: /Unverifiable/ }).uncheck();
    expect(await visibleRows(page)).toBe(7);
    expect(await text(page, '#claims-count')).toBe('7 of 16');
    await page.selectOption('#f-kind', 'symbol-count');
    expect(await visibleRows(page)).toBe(2);
    // Verdict counts show what each verdict would add under the other filters.
    expect(await text(page, '[data-count-verdict="verified"]')).toBe('1');
    await page.selectOption('#f-kind', '');
    await page.selectOption('#f-report', 'docs/reports/FINAL_STATUS.md');
    expect(await visibleRows(page)).toBe(4);
    await page.selectOption('#f-severity', 'error');
    expect(await page.locator('article.finding:visible').count()).toBe(5);
    expect(await text(page, '#findings-count')).toBe('5 of 11');
    expect(await page.locator('section.cat:visible').count()).toBe(4);
    await page.click('#f-reset');
    expect(await visibleRows(page)).toBe(16);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('searches claims and findings, with the keyboard', async () => {
    const { page } = await open(browser, reportUrl);
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-q');
    await page.keyboard.type('fabric_sync');
    // Five claims name the file; the sixth quotes a JUnit case `tests.test_fabric_sync` in its evidence.
    expect(await visibleRows(page)).toBe(6);
    expect(await page.locator('article.finding:visible').count()).toBe(3);
    expect(await text(page, '#f-status')).toBe('Showing 6 of 16 claims and 3 of 11 findings.');
    await page.keyboard.type(' junit');
    expect(await visibleRows(page)).toBe(1);
    await page.keyboard.press('Escape');
    expect(await visibleRows(page)).toBe(16);
    await page.fill('#f-q', 'no such text anywhere');
    expect(await visibleRows(page)).toBe(0);
    expect(await page.locator('#claims-empty').isVisible()).toBe(true);
    // A verdict toggle is reachable and operable from the keyboard.
    await page.locator('input[name="verdict"][value="contradicted"]').focus();
    await page.keyboard.press('Space');
    expect(await page.locator('input[name="verdict"][value="contradicted"]').isChecked()).toBe(false);
    await page.close();
  });

  it('keeps the filter state in the URL hash and restores it on reload', async () => {
    const { page, errors } = await open(browser, reportUrl);
    await page.getByRole('checkbox', { name: /Verified/ }).uncheck();
    await page.selectOption('#f-kind', 'line-count');
    await page.fill('#f-q', 'lines');
    const hash = await page.evaluate(() => location.hash);
    expect(hash).toBe('#v=contradicted%2Cunverifiable&k=line-count&q=lines');
    expect(await visibleRows(page)).toBe(1);
    await page.reload();
    expect(await page.inputValue('#f-kind')).toBe('line-count');
    expect(await page.inputValue('#f-q')).toBe('lines');
    expect(await page.getByRole('checkbox', { name: /Verified/ }).isChecked()).toBe(false);
    expect(await visibleRows(page)).toBe(1);
    // A shared link opens in the same state.
    const shared = await browser.newPage();
    await shared.goto(reportUrl + '#s=warning&q=timeout');
    expect(await shared.locator('article.finding:visible').count()).toBe(2);
    expect(errors).toEqual([]);
    await shared.close();
    await page.close();
  });

  it('runs no script from hostile data and keeps the layout', async () => {
    const { page, errors, requests } = await open(browser, hostileUrl);
    // Let any injected handler (onerror, onload) fire.
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await page.locator('img, iframe, textarea, svg[onload]').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(2);
    // Nothing widens the page; the claims table and the filters stay in view.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(1280);
    const table = await page.locator('.claims-table').boundingBox();
    expect(table!.x).toBeGreaterThanOrEqual(0);
    expect(table!.x + table!.width).toBeLessThanOrEqual(1280);
    expect(await page.locator('#f-q').isVisible()).toBe(true);
    expect(await visibleRows(page)).toBe(8);
    await page.fill('#f-q', 'octocat');
    expect(await visibleRows(page)).toBeGreaterThan(0);
    await page.screenshot({ path: TMP + 'hostile.png' });
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });

  it('downloads the embedded report as JSON without any network request', async () => {
    const { page, errors, requests } = await open(browser, reportUrl);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
    expect(download.suggestedFilename()).toBe('claimcheck-report.json');
    const saved = TMP + 'downloaded.json';
    await download.saveAs(saved);
    expect(JSON.parse(readFileSync(saved, 'utf8'))).toEqual(fixture());
    expect(requests.filter((u) => !u.startsWith('blob:'))).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('stays readable on a narrow screen', async () => {
    const { page } = await open(browser, reportUrl, { width: 420 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(420);
    await page.screenshot({ path: TMP + 'report-narrow.png' });
    await page.close();
  });
});
