/**
 * One measurement in its own process, so that peak RSS belongs to one variant and one size
 * alone. Usage (from `run.ts`, or by hand to add V8 flags such as --trace-gc):
 * node -r ts-node/register/transpile-only --predictable-gc-schedule bench/worker.ts '{"variant":"naive","size":1000}'
 */
import { performance } from "perf_hooks";
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as random from "@pulumi/random";
import * as vault from "@pulumi/vault";
import { AWS_SECRET } from "../policies/lib/types";
import { mockState } from "../offline/mockState";
import { RecordedResource, RegistrationRecorder, mockMonitor, reveal } from "../offline/recorder";
import { AWS_REGION, generateSecrets } from "./catalog";
import { Job, Measurement, WorkerMessage } from "./protocol";
import { waitForRPCs } from "./runtime";

async function main(job: Job): Promise<Measurement> {
    await pulumi.runtime.setMocks({
        newResource: (args) => mockState(args, { defaultRegion: AWS_REGION }),
        call: (args) => {
            throw new Error(`unexpected call to ${args.token}`);
        },
    }, "platform-secrets", "prod", true);
    const recorder = RegistrationRecorder.attach(mockMonitor(pulumi.runtime.getMonitor()));

    // The provider SDKs load their submodules on first access. Touch them before the clock
    // starts, in every variant alike, so loading code is not counted as the program's work.
    void [aws.kms.Key, aws.kms.Alias, aws.kms.ReplicaKey, aws.secretsmanager.Secret, aws.secretsmanager.SecretVersion,
        vault.Mount, vault.kv.SecretBackendV2, vault.kv.SecretV2, random.RandomPassword, random.RandomBytes];
    const secrets = generateSecrets(job.size);
    // Only the variant's own code is loaded: the module's imports (ajv, ...) are part of its cost.
    let program: () => void;
    if (job.variant === "naive" || job.variant === "naive-components") {
        const { declareNaive } = await import("./naive");
        const components = job.variant === "naive-components";
        program = () => declareNaive(secrets, { components });
    } else {
        const { prepareModule } = await import("./module");
        program = prepareModule(secrets, job.variant === "module-group" ? "group" : "none");
    }

    const samples = job.liveHeap ? sampleLiveHeap(mockMonitor(pulumi.runtime.getMonitor()), Math.ceil(job.size / 4)) : undefined;
    const rssBeforeKb = Math.round(process.memoryUsage().rss / 1024);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    program();
    // Everything is declared and no registration has completed yet.
    const liveHeapKb = samples ? samples.take() : undefined;
    await waitForRPCs();
    const programMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);

    return {
        variant: job.variant,
        size: job.size,
        programMs,
        programCpuMs: (cpu.user + cpu.system) / 1000,
        processMs: performance.now(),
        peakRssKb: process.resourceUsage().maxRSS,
        rssBeforeKb,
        liveHeapKb,
        peakLiveHeapKb: samples ? Math.max(...samples.taken) : undefined,
        ...count(recorder.resources),
    };
}

/**
 * Live heap once declared (`take()`), then after every `every` completed registrations: they run
 * as one burst, holding requests and responses while the program's own objects are still alive,
 * so the most a program holds can be reached during the burst rather than at its start.
 */
function sampleLiveHeap(monitor: { registerResource(req: unknown, callback: (err: unknown, resp: unknown) => void): unknown }, every: number) {
    // Checked here, not inside the monitor's callback, where a throw would make it call back twice.
    if (!(globalThis as { gc?: unknown }).gc) throw new Error("a live-heap run needs node --expose-gc");
    const taken: number[] = [];
    const take = () => {
        const kb = liveHeap();
        taken.push(kb);
        return kb;
    };
    let completed = 0;
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, callback) => register(req, (err, resp) => {
        if (++completed % every === 0) take();
        callback(err, resp);
    });
    return { take, taken };
}

function liveHeap(): number {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) throw new Error("liveHeap needs node --expose-gc");
    // Twice: objects allocated while a marking cycle was under way survive the GC that
    // finishes that cycle, garbage included.
    gc();
    gc();
    return Math.round(process.memoryUsage().heapUsed / 1024);
}

function count(resources: RecordedResource[]) {
    const customByType: Record<string, number> = {};
    const componentByType: Record<string, number> = {};
    let customResources = 0;
    let cloudObjects = 0;
    let billableAwsSecrets = 0;
    for (const r of resources) {
        const byType = r.custom ? customByType : componentByType;
        byType[r.type] = (byType[r.type] ?? 0) + 1;
        if (!r.custom) continue;
        customResources++;
        if (!r.type.startsWith("random:") && !r.type.startsWith("pulumi:providers:")) cloudObjects++;
        if (r.type === AWS_SECRET) {
            const replicas = (reveal(r.wireInputs) as { replicas?: unknown[] }).replicas ?? [];
            billableAwsSecrets += 1 + replicas.length;
        }
    }
    return { customByType, componentByType, customResources, componentResources: resources.length - customResources, cloudObjects, billableAwsSecrets };
}

function send(message: WorkerMessage): void {
    if (!process.send) {
        // Run by hand (say, with --trace-gc): print the measurement instead.
        process.stdout.write(`${JSON.stringify(message, null, 2)}\n`);
        process.exit(message.ok ? 0 : 1);
    }
    // Exit only once the parent has the message: an IPC send is asynchronous.
    process.send(message, () => process.exit(message.ok ? 0 : 1));
}

// A rejected Output (a failed format check, a mock error) surfaces here rather than in main().
process.on("unhandledRejection", (e) => send({ ok: false, error: String((e as Error)?.stack ?? e) }));
main(JSON.parse(process.argv[2]) as Job).then(
    (result) => send({ ok: true, result }),
    (e) => send({ ok: false, error: String((e as Error)?.stack ?? e) }),
);
