// autocannon ships no type declarations: the part of its API the benchmarks use.
declare module 'autocannon' {
  type Options = { url: string; connections?: number; duration?: number; workers?: number; headers?: Record<string, string> };
  type Histogram = { average: number; mean: number; p50: number; p90: number; p99: number; max: number; total: number };
  export type Result = {
    requests: Histogram;
    latency: Histogram;
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
  };
  export default function autocannon(options: Options): Promise<Result>;
}
