import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** A temporary directory holding the given files (paths relative to it, folders created). */
export function tempProject(files: Record<string, string>, prefix = "check-"): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    for (const [name, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
        fs.writeFileSync(path.join(root, name), text);
    }
    return root;
}
