/**
 * Summarizes the CPU profiles `npm run bench -- --profile` writes: where each run's time went.
 * Usage: npx ts-node --transpile-only bench/profile.ts bench/.profiles [top=15]
 */
import { readFileSync, readdirSync, statSync } from "fs";
import * as path from "path";

interface ProfileNode {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
}

interface CpuProfile {
    nodes: ProfileNode[];
    samples: number[];
    timeDeltas: number[];
}

/** Inclusive buckets: a sample counts for the first bucket found walking up its stack. */
const BUCKETS: Array<[string, RegExp]> = [
    ["stack traces with source maps (source-map-support)", /source-map-support|trace-mapping/],
    ["platform-secrets components/", /\/components\//],
    ["the baseline's program (bench/naive.ts)", /\/bench\/naive\.ts/],
    ["mock monitor and recorder (offline/, mocks.js)", /\/offline\/|runtime\/mocks\.js/],
];

function summarize(file: string, top: number): string {
    const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const nodeOf = (id: number): ProfileNode => {
        const node = byId.get(id);
        if (node === undefined) throw new Error(`CPU profile: node ${id} is referenced but not in the profile`);
        return node;
    };
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const self = new Map<string, number>();
    const buckets = new Map<string, number>();
    let total = 0;
    profile.samples.forEach((id, i) => {
        const dt = profile.timeDeltas[i] ?? 0;
        total += dt;
        const { functionName, url, lineNumber } = nodeOf(id).callFrame;
        const key = `${functionName || "(anonymous)"} ${url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*?\/(components|offline|bench)\//, "$1/")}:${lineNumber + 1}`;
        self.set(key, (self.get(key) ?? 0) + dt);
        for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
            const frame = nodeOf(cur).callFrame;
            const bucket = BUCKETS.find(([, re]) => re.test(frame.url));
            if (bucket) {
                buckets.set(bucket[0], (buckets.get(bucket[0]) ?? 0) + dt);
                break;
            }
        }
    });
    const pct = (us: number) => `${((100 * us) / total).toFixed(1)}%`;
    const lines = [`${path.basename(file)}: ${(total / 1e6).toFixed(1)} s sampled`];
    lines.push(`  garbage collector: ${pct(self.get("(garbage collector) :0") ?? 0)}`);
    for (const [name] of BUCKETS) lines.push(`  ${name}: ${pct(buckets.get(name) ?? 0)}`);
    lines.push("  top self time:");
    for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
        lines.push(`    ${pct(us).padStart(6)}  ${key}`);
    }
    return lines.join("\n");
}

const [target = path.join(__dirname, ".profiles"), top = "15"] = process.argv.slice(2);
const files = statSync(target).isDirectory()
    ? readdirSync(target).filter((f) => f.endsWith(".cpuprofile")).sort().map((f) => path.join(target, f))
    : [target];
for (const file of files) console.log(summarize(file, Number(top)) + "\n");
