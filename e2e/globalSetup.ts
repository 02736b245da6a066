import { up } from "../sandbox/cli";

/** Starts the sandbox (building a missing piece first, with progress on stderr). */
export default async function globalSetup(): Promise<void> {
    await up();
}
