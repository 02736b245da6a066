import * as fs from "fs";
import * as path from "path";
import { pathToFileURL } from "url";
import type { RegisterOptions } from "ts-node";

/**
 * Finding and loading a program's entry point the way `@pulumi/pulumi/cmd/run/run.js` does:
 * `main` from Pulumi.yaml, else the nearest package.json's `exports` or `main`, else the
 * directory itself (its `index.js`, or `index.ts` once TypeScript is registered).
 */

export interface PackageInfo {
    /** Directory of the nearest package.json at or above the program, or the program directory. */
    root: string;
    manifest: Record<string, unknown>;
}

export function findPackage(programDir: string): PackageInfo {
    for (let dir = programDir; ; dir = path.dirname(dir)) {
        const file = path.join(dir, "package.json");
        if (fs.existsSync(file)) {
            try {
                return { root: dir, manifest: JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown> };
            } catch {
                // run.js reads the manifest best-effort too: an unreadable one means no hints from it.
                return { root: dir, manifest: {} };
            }
        }
        if (path.dirname(dir) === dir) return { root: programDir, manifest: {} };
    }
}

/** The entry named by package.json `exports` (".", default/require/import) or `main`, if any. */
function manifestEntry(manifest: Record<string, unknown>): string | undefined {
    const { exports, main } = manifest;
    if (typeof exports === "string") return exports;
    if (exports && typeof exports === "object") {
        const dot = (exports as Record<string, unknown>)["."];
        if (typeof dot === "string") return dot;
        if (dot && typeof dot === "object") {
            const conditions = dot as Record<string, unknown>;
            const picked = conditions.default ?? conditions.require ?? conditions.import;
            if (picked === undefined || typeof picked === "string") return picked;
            throw new TypeError(`package.json "exports": the "." entry names ${JSON.stringify(picked)}, not a file`);
        }
        return undefined;
    }
    return typeof main === "string" ? main : undefined;
}

export interface Entrypoint {
    /** File or directory to load. */
    program: string;
    /** `"type": "module"` in package.json: loaded with `import()`, as run.js does. */
    esm: boolean;
    /** run.js warns when a named entry point does not exist and it falls back to the directory. */
    warnings: string[];
}

export function resolveEntrypoint(programDir: string, main: string | undefined): Entrypoint {
    const pkg = findPackage(programDir);
    const esm = pkg.manifest.type === "module";
    if (main) return { program: path.resolve(programDir, main), esm, warnings: [] };
    const entry = manifestEntry(pkg.manifest);
    if (entry === undefined) return { program: programDir, esm, warnings: [] };
    const candidate = path.join(pkg.root, entry);
    if (fs.existsSync(candidate)) return { program: candidate, esm, warnings: [] };
    return {
        program: programDir,
        esm,
        warnings: [`Could not find entry point '${entry}' specified in package.json; using '${programDir}' instead. Set \`main\` in Pulumi.yaml to name the stack program`],
    };
}

function isTypeScript(program: string): boolean {
    if (/\.[cm]?tsx?$/.test(program)) return true;
    return fs.existsSync(program) && fs.statSync(program).isDirectory()
        && !fs.existsSync(path.join(program, "index.js")) && fs.existsSync(path.join(program, "index.ts"));
}

/**
 * Registers ts-node (transpile only) for a TypeScript program, unless `.ts` is already handled:
 * `npm run check` itself runs under ts-node, and a second registration would compile twice.
 */
export function ensureTypeScript(program: string, programDir: string): void {
    if (!isTypeScript(program) || require.extensions[".ts"]) return;
    // The program's own ts-node if it has one, else ours: resolved at run time, hence loaded by path.
    const tsNode = module.require(require.resolve("ts-node", { paths: [programDir, __dirname] })) as {
        register(options: RegisterOptions): unknown;
    };
    const tsconfig = path.join(programDir, "tsconfig.json");
    tsNode.register({
        transpileOnly: true,
        project: tsconfig,
        skipProject: !fs.existsSync(tsconfig),
        compilerOptions: { target: "ES2020", module: "commonjs", moduleResolution: "node", sourceMap: true },
    });
}

// `import()` written so that a CommonJS transpile leaves it alone (run.js does the same).
const dynamicImport: (url: string) => Promise<Record<string, unknown>> = (0, eval)("u=>import(u)");

function esmMain(program: string): string {
    if (!fs.statSync(program).isDirectory()) return program;
    const index = ["index.js", "index.mjs", "index.ts", "index.mts"].find((f) => fs.existsSync(path.join(program, f)));
    if (!index) throw new Error(`No entrypoint found in ${program}; add an index.js or set \`main\` in Pulumi.yaml`);
    return path.join(program, index);
}

/** The module's exports; an ES module's default export replaces its named exports, as in run.js. */
export async function loadEntrypoint(entry: Entrypoint): Promise<unknown> {
    if (entry.esm) {
        const exported = await dynamicImport(pathToFileURL(fs.realpathSync(esmMain(entry.program))).href);
        if (Object.getOwnPropertyDescriptor(exported, "default") === undefined) return exported;
        if (Object.keys(exported).length !== 1) throw new Error("expected entrypoint module to have either a default export or named exports but not both");
        return exported.default;
    }
    const isDir = fs.existsSync(entry.program) && fs.statSync(entry.program).isDirectory();
    // A trailing slash makes require load the folder, not an adjacent .json file.
    // The user's program, by path: `module.require` is this module's `require`, same cache and resolution.
    return module.require(isDir && !entry.program.endsWith("/") ? `${entry.program}/` : entry.program);
}
