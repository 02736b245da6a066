import type { PolicyResource } from "@pulumi/policy";
import { AWS_SECRET } from "./types";
import { UNKNOWN_INPUT, Unknown, propsOf } from "./values";
import { secretNameOfArn } from "./iam";

/** Whether `secretId` (a name, an ARN or the id, which is the ARN) names this secret. */
function names(secretId: string, secret: PolicyResource): boolean {
    const props = propsOf(secret);
    if ([props.id, props.arn, props.name].some((v) => typeof v === "string" && v === secretId)) return true;
    // An ARN ends in the name and AWS's random 6-character suffix.
    const name = secretNameOfArn(secretId);
    return name !== undefined && typeof props.name === "string" && (name === props.name || name.replace(/-[A-Za-z0-9]{6}$/, "") === props.name);
}

/**
 * The Secrets Manager secret a resource's `secretId` refers to (a SecretRotation's, a SecretPolicy's):
 * the secret its value came from (`propertyDependencies.secretId`), else the secret whose id, ARN or
 * name it is. Undefined when no secret of the stack matches a known id; unknown when the id is unknown
 * in a preview and no property dependency says which secret it is.
 */
export function secretOf(resource: PolicyResource, secrets: readonly PolicyResource[]): PolicyResource | Unknown | undefined {
    const fromDependency = (resource.propertyDependencies?.secretId ?? []).find((d) => d.type === AWS_SECRET);
    if (fromDependency) return secrets.find((s) => s.urn === fromDependency.urn) ?? fromDependency;
    const secretId = propsOf(resource).secretId;
    if (typeof secretId !== "string") return secretId === UNKNOWN_INPUT ? UNKNOWN_INPUT : undefined;
    return secrets.find((s) => names(secretId, s));
}

/** How messages name a secret: its `name`, else the resource's name. */
export function secretLabel(secret: PolicyResource): string {
    const name = propsOf(secret).name;
    return typeof name === "string" ? name : secret.name;
}
