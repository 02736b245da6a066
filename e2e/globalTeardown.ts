import { stopServers } from "../sandbox/servers";

/** Stops the sandbox, unless PLATFORM_SECRETS_E2E_KEEP=1 (to look at it after a failure). */
export default async function globalTeardown(): Promise<void> {
    if (process.env.PLATFORM_SECRETS_E2E_KEEP === "1") return;
    stopServers();
}
