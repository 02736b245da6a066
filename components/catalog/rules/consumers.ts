import { ConsumerConfig } from "../model";
import { Problem } from "../problems";

/** Rules of `consumers`: names Kubernetes accepts. */

export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

export function consumerProblems(name: string, consumer: ConsumerConfig): Problem[] {
    const problems: Problem[] = [];
    if (!consumer || typeof consumer !== "object") {
        return problems;
    }
    if (typeof consumer.namespace === "string" && !DNS_LABEL.test(consumer.namespace)) {
        problems.push({ propertyPath: `consumers.${name}.namespace`, reason: `"${consumer.namespace}" is not a valid Kubernetes namespace; use lower-case letters, digits and "-" (at most 63)` });
    }
    if (typeof consumer.serviceAccount === "string" && !DNS_SUBDOMAIN.test(consumer.serviceAccount)) {
        problems.push({ propertyPath: `consumers.${name}.serviceAccount`, reason: `"${consumer.serviceAccount}" is not a valid Kubernetes service account name; use lower-case letters, digits, "-" and "."` });
    }
    return problems;
}
