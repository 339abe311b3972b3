// Renders bench/results/latest.json as the Markdown report: every figure with its value, goal, and
// ratio to the baseline measured in the same run. The headline counts the goals that were not
// measured (a workspace that failed or timed out, a suite that wrote no report, an invalid figure)
// next to the met and missed ones, so a crash never reads as success.

const fmt = (n) =>
  n === null || Number.isNaN(n) // NaN is null in the JSON: a figure with no value
    ? 'not measured'
    : typeof n !== 'number' || !Number.isFinite(n)
      ? String(n)
      : Math.abs(n) >= 100
        ? n.toFixed(0)
        : Math.abs(n) >= 1
          ? n.toFixed(2)
          : n.toPrecision(3);

export function meetsGoal(figure) {
  const m = /^(<=|>=|<|>)\s*([\d.]+)/.exec(figure.goal ?? '');
  if (!m) return undefined;
  const limit = Number(m[2]);
  return {
    '<=': figure.value <= limit,
    '>=': figure.value >= limit,
    '<': figure.value < limit,
    '>': figure.value > limit,
  }[m[1]];
}

/** A suite's name across modes: `load-quick.json` and `load.json` are the same suite. */
export const suiteKey = (file) => file.replace(/\.json$/, '').replace(/-(quick|smoke)$/, '');

/** Why a workspace's figures cannot count, or undefined when it ran to the end. */
export function workspaceFailure(run) {
  if (run.timedOut) return `workspace ${run.workspace} timed out after ${fmt(run.seconds)} s`;
  if (run.status !== 0) return `workspace ${run.workspace} failed: exit ${run.status}`;
  return undefined;
}

const hasGoal = (f) => meetsGoal(f) !== undefined;

/**
 * Every goal of this run, sorted into met, missed and not measured. A failed workspace's goals all
 * count as not measured, and so do the goals of a suite it ran last time (`previous`, the last
 * latest.json) that wrote no report this time, figures marked invalid, and figures with no value.
 */
export function accountGoals(latest, previous) {
  const met = [];
  const missed = [];
  const notMeasured = [];
  const reasons = new Set();
  const failures = new Map(latest.runs.map((r) => [r.workspace, workspaceFailure(r)]));
  for (const report of latest.reports) {
    const failure = failures.get(report.workspace);
    for (const figure of (report.figures ?? []).filter(hasGoal)) {
      const entry = { suite: report.suite ?? report.file, workspace: report.workspace, figure };
      const why =
        failure ?? (figure.invalid ? figure.invalid : Number.isFinite(figure.value) ? undefined : 'no value');
      if (why) {
        notMeasured.push({ ...entry, reason: why });
        reasons.add(failure ?? `${entry.suite}: ${figure.name}: ${why}`);
      } else (meetsGoal(figure) ? met : missed).push(entry);
    }
  }
  // Suites that ran last time and wrote nothing now: their goals, as last counted, were not measured.
  const ran = new Set(latest.reports.map((r) => `${r.workspace}/${suiteKey(r.file)}`));
  const benched = new Set(latest.runs.map((r) => r.workspace));
  for (const report of previous?.reports ?? []) {
    const key = `${report.workspace}/${suiteKey(report.file)}`;
    if (ran.has(key) || !benched.has(report.workspace)) continue;
    ran.add(key);
    const goals = (report.figures ?? []).filter(hasGoal);
    const why =
      failures.get(report.workspace) ?? `${report.workspace}: ${suiteKey(report.file)} wrote no report`;
    reasons.add(why);
    for (const figure of goals)
      notMeasured.push({
        suite: report.suite ?? report.file,
        workspace: report.workspace,
        figure,
        reason: why,
      });
  }
  // A failed workspace with nothing to go by still says so.
  for (const why of failures.values()) if (why) reasons.add(why);
  return { met, missed, notMeasured, reasons: [...reasons] };
}

/** 0: every goal measured and met; 1: something did not run or was not measured; 2: goals missed. */
export function exitCode(latest, account) {
  if (latest.runs.some(workspaceFailure) || account.notMeasured.length || account.reasons.length) return 1;
  return latest.mode !== 'smoke' && account.missed.length ? 2 : 0;
}

export function headline(latest, account) {
  const { met, missed, notMeasured, reasons } = account;
  const total = met.length + missed.length + notMeasured.length;
  const why = reasons.length ? ` (${reasons.join('; ')})` : '';
  if (latest.mode === 'smoke')
    return `**Smoke run: ${total - notMeasured.length} of ${total} goals reported, ${notMeasured.length} not measured${why}.** Smoke sizes are too small to judge goals.`;
  const unmeasured = notMeasured.length || reasons.length ? `, ${notMeasured.length} not measured${why}` : '';
  return `**Goals: ${met.length} of ${total} met${unmeasured}.**`;
}

function goalSummary(latest, account) {
  const lines = [headline(latest, account), ''];
  const list = (title, entries, tail) => {
    if (!entries.length) return;
    lines.push(title, '');
    for (const x of entries)
      lines.push(
        `- ${x.suite}: ${x.figure.name}: ${fmt(x.figure.value)} ${x.figure.unit ?? ''} (goal ${x.figure.goal})${tail(x)}`,
      );
    lines.push('');
  };
  if (latest.mode !== 'smoke') list('Missed:', account.missed, spreadNote);
  list('Not measured:', account.notMeasured, (x) => ` - ${x.reason}`);
  return lines;
}

const spreadNote = (x) =>
  x.figure.runs?.length > 1
    ? `, median of ${x.figure.runs.length}, spread ${fmt(x.figure.spread * 100)}%`
    : '';

/** `3 runs, ±4.1%`: how a figure was judged; over 10% spread is flagged, a single run says so. */
export function runsCell(f) {
  if (!f.runs || f.runs.length < 2) return hasGoal(f) ? '1 run' : '';
  const spread = `${fmt((f.spread ?? 0) * 100)}%`;
  return `median of ${f.runs.length}, spread ${spread}${f.spread > 0.1 ? ' (over 10%)' : ''}`;
}

export function renderReport(latest, previous) {
  const mode = latest.mode ?? (latest.quick ? 'quick' : 'full');
  const flag = mode === 'full' ? '' : ` -- --${mode}`;
  const account = accountGoals(latest, previous);
  const lines = [
    '# Benchmark report',
    '',
    `Run ${latest.startedAt}${mode === 'full' ? '' : ` (${mode})`} with \`npm run bench${flag}\`.`,
    'Ratios compare with a baseline measured in the same run; these machines are shared and noisy.',
    '',
    '| workspace | exit | seconds |',
    '| --- | --- | --- |',
    ...latest.runs.map(
      (r) =>
        `| ${r.workspace} | ${r.timedOut ? 'timed out' : r.status === 0 ? 'ok' : `failed (${r.status})`} | ${r.seconds.toFixed(1)} |`,
    ),
    '',
    ...goalSummary({ ...latest, mode }, account),
  ];
  for (const report of latest.reports) {
    const failure = workspaceFailure(
      latest.runs.find((r) => r.workspace === report.workspace) ?? { status: 0 },
    );
    lines.push(`## ${report.suite ?? report.file} (${report.workspace})`, '', `${report.machine ?? ''}`, '');
    if (failure) lines.push(`Partial: ${failure}; its goals count as not measured.`, '');
    lines.push(
      '| figure | value | goal | met | runs | baseline | ratio |',
      '| --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const f of report.figures ?? []) {
      const met = meetsGoal(f);
      const ratio =
        f.baseline && f.baseline.value && Number.isFinite(f.value) ? f.value / f.baseline.value : undefined;
      const judged =
        met === undefined ? '' : f.invalid ? f.invalid : mode === 'smoke' ? 'not judged' : met ? 'yes' : 'no';
      lines.push(
        `| ${f.name} | ${fmt(f.value)} ${f.unit ?? ''} | ${f.goal ?? ''} | ${judged} | ${runsCell(f)} | ${f.baseline ? `${f.baseline.name}: ${fmt(f.baseline.value)}` : ''} | ${ratio === undefined ? '' : `${fmt(ratio)}x`} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}
