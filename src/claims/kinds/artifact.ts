/**
 * artifact-exists / artifact-size: files a report says a run produced —
 * "Evidence files generated: x.json", "**Log:** `test-results/a.txt`",
 * "`coverage.out` written for 3 packages", "COMPREHENSIVE_TEST_REPORT.md
 * (17KB)", "`reports/` (14 files, 328KB total)".
 *
 * The boundary with file-exists: a path is an artifact when it sits under an
 * artifacts / evidence / deliverables / outputs / logs heading or lead-in, has
 * an artifact label (Log, Output, Evidence…), comes with a verb of producing
 * (written, generated, saved, captured…), or has a size in bytes next to it.
 * Every other path a report says exists is file-exists' business; an
 * artifact claim consumes its path, so file-exists steps aside.
 *
 * Sizes are compared at the precision the report wrote them with, under the
 * conventions a reader could have used: `ls -h` (1024-based, rounded up, one
 * decimal under 10), 1024-based rounded, and decimal kB (1000-based); the
 * evidence states each. An absent artifact that .gitignore matches is
 * unverifiable (it may exist on the author's machine).
 */
import { reportDirOf } from '../subject.js';
import { resolveMention } from '../../repo/paths.js';
import type { ClaimKindModule, Evidence, Outcome, Statement, VerifyContext } from '../types.js';
import { pathMentions, type PathMention } from '../mentions.js';

const ARTIFACT_HEADING = /\b(artifacts?|evidence|deliverables?|outputs?|generated|logs?|attachments?|test results files?|reports? generated|files generated|produced)\b/i;
const ARTIFACT_LABEL = /^(logs?|log files?|artifacts?|evidence(?: files?)?|outputs?|output files?|results? files?|reports? files?|deliverables?|attachments?|profiles?|dumps?|traces?)$/i;
const PRODUCE_VERB = /\b(written|generated|saved|produced|captured|exported|dumped|emitted|recorded|collected|attached|uploaded|archived)\b/i;
const ABSENCE = /\b(remov\w*|delet\w*|missing|absent|not found|no such|does not exist|doesn't exist|should|would|will|could|planned|todo)\b/i;

/** `388 bytes`, `1.7KB`, `3.8 kB`, `1.4MB`, `17K`, `2 MiB`. */
const SIZE = /(?<![\w.])(~|≈|about\s+|approx\.?\s+)?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s?(bytes?|B|KB|kB|KiB|K|MB|MiB|M|GB|GiB|G)(?![\w/])/g;
const FILES_COUNT = /(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)\s+files\b/i;

export interface Size {
  value: number;
  decimals: number;
  /** Power of the unit: 0 bytes, 1 K, 2 M, 3 G. */
  power: number;
  /** 1024 only for KiB/MiB/GiB; else either base. */
  binaryOnly: boolean;
  approx: boolean;
  raw: string;
}

function parseSize(m: RegExpMatchArray): Size {
  const unit = m[3]!;
  const digits = m[2]!.replace(/,/g, '');
  const power = /^b/i.test(unit) ? 0 : /^k/i.test(unit) ? 1 : /^m/i.test(unit) ? 2 : 3;
  return { value: Number(digits), decimals: (digits.split('.')[1] ?? '').length, power, binaryOnly: /i/.test(unit), approx: !!m[1], raw: m[0].trim() };
}

/** A size next to a path: right after it (`x.json (1.7KB)`, `x.json - 1.7 KB`), or the only size of a statement naming one path. */
function sizeFor(st: Statement, mention: PathMention, count: number): Size | null {
  const sizes = [...st.text.matchAll(SIZE)];
  if (!sizes.length) return null;
  if (count === 1 && sizes.length === 1) return parseSize(sizes[0]!);
  const at = st.text.indexOf(mention.path);
  if (at < 0) return null;
  const after = sizes.find((s) => s.index! > at && s.index! - (at + mention.path.length) <= 6);
  return after ? parseSize(after) : null;
}

function isArtifactContext(st: Statement): boolean {
  if (st.label && ARTIFACT_LABEL.test(st.label.replace(/[^\p{L} ]/gu, '').trim())) return true;
  if ((st.parents ?? []).some((p) => ARTIFACT_HEADING.test(p) && /:\s*$/.test(p))) return true;
  if (st.headings.some((h) => ARTIFACT_HEADING.test(h))) return true;
  return PRODUCE_VERB.test(st.text.replace(/`[^`]*`/g, ' '));
}

function recognizeArtifacts(st: Statement): { mention: PathMention; size: Size | null; files: number | null }[] {
  if (st.construct === 'code-block' || st.construct === 'heading' || st.planning || st.table?.header) return [];
  if (ABSENCE.test(st.text.replace(/`[^`]*`/g, ' '))) return [];
  const mentions = pathMentions(st);
  if (!mentions.length) return [];
  const context = isArtifactContext(st);
  const out: { mention: PathMention; size: Size | null; files: number | null }[] = [];
  for (const m of mentions) {
    const size = sizeFor(st, m, mentions.length);
    if (!context && !size) continue;
    const files = FILES_COUNT.exec(st.text);
    out.push({ mention: m, size, files: files && m.path.endsWith('/') ? Number(files[1]!.replace(/,/g, '')) : files && mentions.length === 1 ? Number(files[1]!.replace(/,/g, '')) : null });
  }
  return out;
}

export const artifactExists: ClaimKindModule = {
  kind: 'artifact-exists',
  description: 'A file a run is said to have produced (a log, a result file, evidence, a coverage profile) is in the repository.',
  recognize(st) {
    return recognizeArtifacts(st).map(({ mention }) => ({
      kind: 'artifact-exists' as const,
      text: mention.path,
      source: { path: st.docPath, line: st.line },
      subject: { path: mention.path, symbol: null },
      data: { path: mention.path, consumes: [mention.path] },
    }));
  },
  verify(claim, ctx) {
    const r = resolveMention(ctx.snapshot, String(claim.data.path), reportDirOf(claim));
    switch (r.status) {
      case 'found': {
        if (r.isDir) {
          const files = ctx.snapshot.files.filter((f) => f.path.startsWith(r.path + '/'));
          return { verdict: 'verified', reason: `directory ${r.path} exists (${files.length} files)`, evidence: [{ path: r.path, note: r.note ?? `directory with ${files.length} files` }] };
        }
        const size = ctx.snapshot.file(r.path)?.size ?? 0;
        return { verdict: 'verified', reason: `${r.path} is in the repository (${size.toLocaleString('en-US')} bytes)`, evidence: [{ path: r.path, line: 1, note: r.note ?? `${size.toLocaleString('en-US')} bytes, ${conventions(size)}` }] };
      }
      case 'ambiguous':
        // Every candidate ends with the path as written: whichever the report meant, it was produced.
        return { verdict: 'verified', reason: `${r.note}; the file is there, whichever of them the report means`, evidence: r.candidates.map((c) => ({ path: c, note: 'matches the written path' })) };
      case 'outside-root':
        return { verdict: 'unverifiable', reason: r.note, evidence: [] };
      case 'absent':
        return r.ignored ? { verdict: 'unverifiable', reason: r.note, evidence: [] } : { verdict: 'contradicted', reason: `${claim.data.path} is not in the repository, and .gitignore does not match it`, evidence: [] };
    }
  },
};

export const artifactSize: ClaimKindModule = {
  kind: 'artifact-size',
  description: 'A produced file (or directory) has the stated size, under the ls -h or decimal kB convention.',
  recognize(st) {
    return recognizeArtifacts(st)
      .filter((a) => a.size)
      .map(({ mention, size, files }) => ({
        kind: 'artifact-size' as const,
        text: `${mention.path} (${files !== null ? `${files} files, ` : ''}${size!.raw})`,
        source: { path: st.docPath, line: st.line },
        subject: { path: mention.path, symbol: null },
        data: { path: mention.path, size, files, consumes: [mention.path] },
      }));
  },
  verify(claim, ctx) {
    const size = claim.data.size as Size;
    const r = resolveMention(ctx.snapshot, String(claim.data.path), reportDirOf(claim));
    switch (r.status) {
      case 'ambiguous':
        return { verdict: 'unverifiable', reason: r.note, evidence: r.candidates.map((c) => ({ path: c, note: 'candidate' })) };
      case 'outside-root':
        return { verdict: 'unverifiable', reason: r.note, evidence: [] };
      case 'absent':
        return r.ignored
          ? { verdict: 'unverifiable', reason: `${r.note}; its size cannot be checked`, evidence: [] }
          : { verdict: 'contradicted', reason: `${claim.data.path} is not in the repository, so it cannot be ${size.raw}`, evidence: [] };
      case 'found':
        return r.isDir ? directorySize(r.path, size, claim.data.files as number | null, ctx) : fileSize(r.path, size, ctx, r.note);
    }
  },
};

/** The real size of a file, reading a Git LFS pointer's recorded size instead of the pointer's own. */
function sizeOf(ctx: VerifyContext, path: string): { bytes: number; note?: string } {
  const bytes = ctx.snapshot.file(path)?.size ?? 0;
  if (bytes < 1024) {
    const r = ctx.snapshot.read(path);
    const lfs = r.ok ? /^version https:\/\/git-lfs\.github\.com\/spec\/v1\n(?:.*\n)*?size (\d+)/m.exec(r.text) : null;
    if (lfs) return { bytes: Number(lfs[1]), note: `a Git LFS pointer (${bytes} bytes) recording a ${Number(lfs[1]).toLocaleString('en-US')}-byte file` };
  }
  return { bytes };
}

function fileSize(path: string, size: Size, ctx: VerifyContext, note?: string): Outcome {
  const { bytes, note: lfs } = sizeOf(ctx, path);
  const m = sizeMatches(size, bytes);
  const ev: Evidence[] = [{ path, line: 1, note: [note, lfs, `${bytes.toLocaleString('en-US')} bytes: ${conventions(bytes)}`].filter(Boolean).join('; ') }];
  return m
    ? { verdict: 'verified', reason: `${path} is ${bytes.toLocaleString('en-US')} bytes: ${size.raw} under ${m}`, evidence: ev }
    : { verdict: 'contradicted', reason: `${path} is ${bytes.toLocaleString('en-US')} bytes (${conventions(bytes)}), not ${size.raw}`, evidence: ev };
}

function directorySize(dir: string, size: Size, files: number | null, ctx: VerifyContext): Outcome {
  const listed = ctx.snapshot.files.filter((f) => f.path.startsWith(dir + '/'));
  const bytes = listed.reduce((s, f) => s + sizeOf(ctx, f.path).bytes, 0);
  const m = sizeMatches(size, bytes);
  const countOk = files === null || files === listed.length;
  const ev: Evidence[] = [{ path: dir, note: `${listed.length} files claimcheck lists (ignored files are not counted), ${bytes.toLocaleString('en-US')} bytes in total: ${conventions(bytes)}` }];
  const what = `${dir}/ holds ${listed.length} files, ${bytes.toLocaleString('en-US')} bytes`;
  if (m && countOk) return { verdict: 'verified', reason: `${what}: ${size.raw}${files !== null ? ` and ${files} files` : ''} under ${m}`, evidence: ev };
  return { verdict: 'contradicted', reason: `${what} (${conventions(bytes)}), not ${files !== null ? `${files} files, ` : ''}${size.raw}`, evidence: ev };
}

/** How `ls -h` and decimal kB would print a size. */
export function conventions(bytes: number): string {
  return `ls -h ${lsH(bytes)}, decimal ${decimalUnits(bytes)}`;
}

/** GNU `ls -h`: 1024-based, rounded up, one decimal under 10. */
export function lsH(bytes: number): string {
  if (bytes < 1024) return String(bytes);
  const units = ['K', 'M', 'G', 'T'];
  let v = bytes;
  let i = -1;
  do {
    v /= 1024;
    i++;
  } while (v >= 1024 && i < units.length - 1);
  if (v < 10) {
    const up = Math.ceil(v * 10 - 1e-9) / 10;
    return up >= 10 ? `10${units[i]}` : `${up.toFixed(1)}${units[i]}`;
  }
  return `${Math.ceil(v - 1e-9)}${units[i]}`;
}

/** Decimal (SI) units, rounded, one decimal under 10: what most file browsers show. */
export function decimalUnits(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = -1;
  do {
    v /= 1000;
    i++;
  } while (v >= 1000 && i < units.length - 1);
  return v < 10 ? `${(Math.round(v * 10) / 10).toFixed(1)} ${units[i]}` : `${Math.round(v)} ${units[i]}`;
}

/** The convention under which a stated size matches the byte count, at the precision it was written with; null when none does. */
export function sizeMatches(size: Size, bytes: number): string | null {
  if (size.power === 0) {
    if (size.approx) return Math.abs(bytes - size.value) <= Math.max(1, size.value * 0.1) ? 'an approximate byte count (within 10%)' : null;
    return bytes === size.value ? 'an exact byte count' : null;
  }
  const f = 10 ** size.decimals;
  const tries: [string, number, (x: number) => number][] = [
    ['ls -h (1024-based, rounded up)', 1024, (x) => Math.ceil(x * f - 1e-9) / f],
    ['1024-based units, rounded', 1024, (x) => Math.round(x * f) / f],
    ['decimal units (1000-based), rounded', 1000, (x) => Math.round(x * f) / f],
  ];
  for (const [name, base, round] of tries) {
    if (size.binaryOnly && base !== 1024) continue;
    const x = bytes / base ** size.power;
    if (size.approx ? Math.abs(x - size.value) <= Math.max(size.value * 0.1, 1 / f) : round(x) === size.value) return name;
  }
  return null;
}
