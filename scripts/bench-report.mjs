// Renders bench/results/latest.json as the Markdown report: every figure with its value, goal, and
// ratio to the baseline measured in the same run.

const fmt = (n) =>
  typeof n !== 'number' || !Number.isFinite(n)
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

/** Every figure that has a goal, counted, with the missed ones listed first thing in the report. */
function goalSummary(reports) {
  const judged = reports.flatMap((r) =>
    (r.figures ?? [])
      .map((f) => ({ suite: r.suite ?? r.file, figure: f, met: meetsGoal(f) }))
      .filter((x) => x.met !== undefined),
  );
  const missed = judged.filter((x) => !x.met);
  const lines = [`**Goals: ${judged.length - missed.length} of ${judged.length} met.**`, ''];
  if (missed.length) {
    lines.push('Missed:', '');
    for (const x of missed)
      lines.push(
        `- ${x.suite}: ${x.figure.name}: ${fmt(x.figure.value)} ${x.figure.unit ?? ''} (goal ${x.figure.goal})`,
      );
    lines.push('');
  }
  return lines;
}

export function renderReport(latest) {
  const lines = [
    '# Benchmark report',
    '',
    `Run ${latest.startedAt}${latest.quick ? ' (quick)' : ''} with \`npm run bench${latest.quick ? ' -- --quick' : ''}\`.`,
    'Ratios compare with a baseline measured in the same run; these machines are shared and noisy.',
    '',
    '| workspace | exit | seconds |',
    '| --- | --- | --- |',
    ...latest.runs.map(
      (r) =>
        `| ${r.workspace} | ${r.status === 0 ? 'ok' : `failed (${r.status})`} | ${r.seconds.toFixed(1)} |`,
    ),
    '',
    ...goalSummary(latest.reports),
  ];
  for (const report of latest.reports) {
    lines.push(`## ${report.suite ?? report.file} (${report.workspace})`, '', `${report.machine ?? ''}`, '');
    lines.push('| figure | value | goal | met | baseline | ratio |', '| --- | --- | --- | --- | --- | --- |');
    for (const f of report.figures ?? []) {
      const met = meetsGoal(f);
      const ratio = f.baseline && f.baseline.value ? f.value / f.baseline.value : undefined;
      lines.push(
        `| ${f.name} | ${fmt(f.value)} ${f.unit ?? ''} | ${f.goal ?? ''} | ${met === undefined ? '' : met ? 'yes' : 'no'} | ${f.baseline ? `${f.baseline.name}: ${fmt(f.baseline.value)}` : ''} | ${ratio === undefined ? '' : `${fmt(ratio)}x`} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}
