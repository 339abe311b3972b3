// `npm run bench -w shared [-- --quick]`: the shared package's benchmarks (search, agents).
const quick = process.argv.includes('--quick');
const suites = ['./search', './agents'] as const;
for (const path of suites) {
  const mod = (await import(path).catch(() => undefined)) as
    { run?: (o: { quick: boolean }) => Promise<void> } | undefined;
  if (mod?.run) await mod.run({ quick });
}
export {};
