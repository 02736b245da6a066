import type { ResourceValidationPolicy } from "@pulumi/policy";
import { configOf } from "../lib/policy";
import { SSM_PARAMETER } from "../lib/types";
import { UNKNOWN_INPUT, propsOf } from "../lib/values";

interface Config {
    allowedParameters: string[];
}

const schema = {
    properties: {
        allowedParameters: {
            type: "array" as const,
            items: { type: "string" as const },
            default: [] as string[],
            description: "Parameter names exempt from the rule (matched exactly).",
        },
    },
};

/** The AWS-managed key cannot be shared across accounts, rotated on demand, or have its grants audited apart. */
const AWS_MANAGED = /(^|:)alias\/aws\/ssm$/;

function problem(keyId: unknown): string | undefined {
    if (keyId === UNKNOWN_INPUT) return undefined;
    if (keyId === undefined || keyId === null || keyId === "") return "keyId not set";
    return typeof keyId === "string" && AWS_MANAGED.test(keyId) ? `keyId is ${keyId}` : undefined;
}

export const awsSsmSecureStringCmk: ResourceValidationPolicy = {
    name: "aws-ssm-secure-string-cmk",
    description: "SSM SecureString parameters are encrypted with a customer-managed KMS key (`keyId`), not the AWS-managed alias/aws/ssm key.",
    remediationSteps: "Set `keyId` on the parameter to the ARN or alias of a customer-managed KMS key (with rotation on), e.g. the key that encrypts the stack's other secrets.",
    enforcementLevel: "mandatory",
    configSchema: schema,
    validateResource: (args, reportViolation) => {
        if (args.type !== SSM_PARAMETER) return;
        const props = propsOf(args);
        if (props.type !== "SecureString") return;
        const { allowedParameters } = configOf<Config>(schema, args);
        if (props.name === UNKNOWN_INPUT && allowedParameters.length > 0) return;
        if (typeof props.name === "string" && allowedParameters.includes(props.name)) return;
        const p = problem(props.keyId);
        if (p) reportViolation(`SecureString encrypted with the AWS-managed key alias/aws/ssm (${p}): use a customer-managed KMS key`);
    },
};
