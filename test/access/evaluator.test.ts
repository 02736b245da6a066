import { runSimulation } from "@cloud-copilot/iam-simulate";
import { documentGrants } from "../../offline/access";
import type { AccessGrant } from "../../offline/report";
import { awsIamSecretAccess } from "../../policies/rules/aws-iam-secret-access";
import { violations } from "../policies/harness";
import { ACCOUNT } from "./fixtures";

/**
 * The pack's IAM rule and `check`'s access list read IAM documents with their own matcher (the pack
 * loads no evaluator: `pulumi policy publish` uploads it alone and policies run synchronously).
 * Here both are held to an IAM policy simulator's decisions on hand-written statements: Action and
 * NotAction, Resource and NotResource, wildcards, and the case-insensitivity of actions.
 */

const arn = (name: string, region = "us-east-1") => `arn:aws:secretsmanager:${region}:${ACCOUNT}:secret:${name}-AbCdEf`;
/** The stack's AWS secrets (their names) and an unrelated one no statement should reach by accident. */
const SECRETS = ["prod/api/JWT_SECRET_KEY", "prod/api/DATABASE_PASSWORD", "prod/worker/DATABASE_PASSWORD", "dev/api/JWT_SECRET_KEY"];
const UNRELATED = "zz-unrelated/OTHER";

type Statement = Record<string, unknown>;
const CASES: Array<[string, Statement]> = [
    ["one exact ARN", { Action: "secretsmanager:GetSecretValue", Resource: arn("prod/api/JWT_SECRET_KEY") }],
    ["a name with the suffix glob", { Action: "secretsmanager:GetSecretValue", Resource: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/api/JWT_SECRET_KEY-??????` }],
    ["a prefix glob", { Action: "secretsmanager:GetSecretValue", Resource: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/api/*` }],
    ["Resource *", { Action: "secretsmanager:GetSecretValue", Resource: "*" }],
    ["an action glob", { Action: "secretsmanager:Get*", Resource: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/*` }],
    ["an action in another case", { Action: "SecretsManager:getSecretValue", Resource: arn("prod/worker/DATABASE_PASSWORD") }],
    ["Action *", { Action: "*", Resource: arn("dev/api/JWT_SECRET_KEY") }],
    ["a write only", { Action: "secretsmanager:PutSecretValue", Resource: "*" }],
    ["another service only", { Action: "s3:GetObject", Resource: "*" }],
    ["NotAction of another service", { NotAction: "s3:*", Resource: "*" }],
    ["NotAction of the read", { NotAction: ["secretsmanager:GetSecretValue", "secretsmanager:BatchGetSecretValue"], Resource: "*" }],
    ["NotResource of one secret", { Action: "secretsmanager:GetSecretValue", NotResource: arn("prod/api/JWT_SECRET_KEY") }],
    ["NotResource of every secret", { Action: "secretsmanager:GetSecretValue", NotResource: `arn:aws:secretsmanager:*:${ACCOUNT}:secret:*` }],
    ["a question-mark glob", { Action: "secretsmanager:GetSecretValue", Resource: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/?pi/*` }],
];

const document = (st: Statement) => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", ...st }] });

async function simulatorAllows(st: Statement, secretName: string, action = "secretsmanager:GetSecretValue"): Promise<boolean> {
    const principal = `arn:aws:iam::${ACCOUNT}:role/fake-reader`;
    const result = await runSimulation({
        request: {
            principal,
            action,
            resource: { resource: arn(secretName), accountId: ACCOUNT },
            contextVariables: { "aws:PrincipalArn": principal },
        },
        identityPolicies: [{ name: "under-test", policy: document(st) }],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
    }, {});
    if (result.resultType === "error") throw new Error(JSON.stringify(result.errors));
    return result.overallResult === "Allowed";
}

/** An IAM action pattern as the test reads it, written apart from the code under test. */
const actionMatches = (pattern: string, action: string) =>
    new RegExp(`^${pattern.split("").map((c) => c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&")).join("")}$`, "i").test(action);

test.each(CASES)("access list = simulator: %s", async (_label, st) => {
    const grants: AccessGrant[] = [];
    documentGrants(grants, "aws:role/fake-reader", "test", document(st), new Map(SECRETS.map((s) => [s, [s]])));
    const listed = grants.filter((g) => g.actions.some((a) => actionMatches(a, "secretsmanager:GetSecretValue"))).map((g) => g.secret).sort();
    const allowed: string[] = [];
    for (const s of SECRETS) if (await simulatorAllows(st, s)) allowed.push(s);
    expect(listed).toEqual(allowed.sort());
});

/** A concrete secret name a Resource glob reaches beyond the ones it names: each `?` one letter, each `*` a new path. */
function instanceOf(resource: string): string | undefined {
    if (resource === "*") return UNRELATED;
    const name = /:secret:(.*)$/.exec(resource)?.[1];
    if (name === undefined || !/[*?]/.test(name)) return undefined;
    return name.replace(/\?/g, "z").replace(/\*/g, "zz-unrelated");
}

/**
 * The rule's verdict against the simulator. A statement is flagged exactly when it lets the read
 * reach a secret it does not name (probed with an unrelated secret and with a concrete instance of
 * each glob), or it allows every Secrets Manager action (read, delete and policy changes) on a secret.
 * Left out: a full name followed by `-*`, which AWS documents as the match for the random suffix
 * (and the rule accepts), though it also reaches `<name>-<anything>`.
 */
test.each(CASES)("aws-iam-secret-access flags = simulator: %s", async (_label, st) => {
    const flagged = violations(awsIamSecretAccess, { type: "aws:iam/policy:Policy", props: { policy: JSON.stringify(document(st)) } }).length > 0;
    const probes = [UNRELATED, ...([st.Resource ?? []].flat() as string[]).map(instanceOf).filter((p): p is string => p !== undefined)];
    let reaches = false;
    for (const probe of probes) reaches ||= await simulatorAllows(st, probe);
    let everyAction = false;
    for (const s of [...SECRETS, ...probes]) {
        let all = true;
        for (const action of ["secretsmanager:GetSecretValue", "secretsmanager:DeleteSecret", "secretsmanager:PutResourcePolicy"]) all &&= await simulatorAllows(st, s, action);
        everyAction ||= all;
    }
    expect(flagged).toBe(reaches || everyAction);
});
