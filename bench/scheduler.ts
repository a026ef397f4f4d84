/**
 * `npm run bench:scheduler`: the B2B meeting scheduler (src/engines/scheduler) on generated instances of
 * 200, 1,000 and 5,000 participants, 24 slots: a "planted" family built around a full schedule (the
 * optimum is the total weight) and an over-subscribed family (tables for 80 % of the requests). Prints
 * scheduled weight as a share of the upper bound, for the engine and for the simple greedy baseline
 * (heaviest first, first slot that fits) run on the same instance, and seconds.
 *
 * Settings: BENCH_SCHEDULER_SIZES (200,1000,5000), BENCH_SCHEDULER_SECONDS (time budget, 4), BENCH_SCHEDULER_SEED (1).
 */
import { oversubscribedInstance, plantedInstance } from '../src/engines/scheduler/generate.js';
import { checkSchedule, greedySchedule, schedule } from '../src/engines/scheduler/scheduler.js';

const sizes = (process.env.BENCH_SCHEDULER_SIZES ?? '200,1000,5000').split(',').map(Number);
const budget = Number(process.env.BENCH_SCHEDULER_SECONDS ?? 4);
const seed = Number(process.env.BENCH_SCHEDULER_SEED ?? 1);

const rows: string[] = [];
rows.push('| family          | participants | meetings | tables | upper bound | greedy % UB | engine % UB | engine × greedy | greedy s | engine s |');
rows.push('|-----------------|-------------:|---------:|-------:|------------:|------------:|------------:|----------------:|---------:|---------:|');
for (const participants of sizes) {
  for (const [family, generate] of [
    ['full exists', plantedInstance],
    ['over-subscribed', oversubscribedInstance],
  ] as const) {
    const instance = generate({ participants, slots: 24, seed });
    const greedy = greedySchedule(instance);
    const result = schedule(instance, { timeLimitSeconds: budget, seed });
    const problems = checkSchedule(instance, result);
    if (problems.length) throw new Error(`${family} ${participants}: invalid schedule: ${problems.slice(0, 3).join('; ')}`);
    const pct = (w: number) => ((100 * w) / result.upperBound).toFixed(2);
    rows.push(
      `| ${family.padEnd(15)} | ${String(participants).padStart(12)} | ${String(instance.meetings.length).padStart(8)} | ${String(instance.tables.length).padStart(6)} | ${result.upperBound.toFixed(0).padStart(11)} | ${pct(greedy.scheduledWeight).padStart(11)} | ${pct(result.scheduledWeight).padStart(11)} | ${(result.scheduledWeight / greedy.scheduledWeight).toFixed(4).padStart(15)} | ${greedy.seconds.toFixed(2).padStart(8)} | ${result.seconds.toFixed(2).padStart(8)} |`,
    );
    console.error(`[bench] ${family} ${participants}: engine ${pct(result.scheduledWeight)} % of bound in ${result.seconds.toFixed(2)} s`);
  }
}
console.log(rows.join('\n'));
