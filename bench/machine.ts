import { readFileSync } from "fs";
import * as os from "os";

/** The machine, as the lead quotes it beside the ratios: absolute times drift on shared hosts. */
export function describeMachine(): string {
    const cpus = os.cpus();
    const model = cpuModel() ?? cpus[0]?.model ?? "unknown CPU";
    const mhz = cpus[0]?.speed ? ` @ ${cpus[0].speed} MHz` : "";
    const ram = (os.totalmem() / 2 ** 30).toFixed(1);
    return `${os.availableParallelism()} cores, ${model}${mhz}, ${ram} GiB RAM, ${os.type()} ${os.release()}; `
        + `Node ${process.version}; @pulumi/pulumi ${sdkVersion()}`;
}

/** `model name` from /proc/cpuinfo, which is what `os.cpus()` also reads, but only on Linux. */
function cpuModel(): string | undefined {
    try {
        return /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1]?.trim();
    } catch {
        return undefined;
    }
}

function sdkVersion(): string {
    try {
        const manifest: unknown = JSON.parse(readFileSync(require.resolve("@pulumi/pulumi/package.json"), "utf8"));
        const version = typeof manifest === "object" && manifest !== null ? (manifest as { version?: unknown }).version : undefined;
        return typeof version === "string" ? version : "unknown";
    } catch {
        return "unknown";
    }
}

export function loadAverage(): string {
    return os.loadavg().map((l) => l.toFixed(2)).join(" ");
}
