/**
 * The same ARN in another region: `arn:<partition>:<service>:<region>:<account>:<resource>` with
 * its region field replaced and the rest kept as is (a secret's name and random suffix, a key's id,
 * a resource that holds ":" itself). Anything that is not an ARN (a key id, an alias name, which
 * name the same thing in every region) is returned unchanged.
 *
 * It lives in components/aws/, not in policies/lib/, because only the components derive an ARN in
 * another region (the replicas of a secret in the read policy, a brought KMS key's replicas); no
 * policy rewrites a region, and the policy pack, published alone, imports nothing outside
 * policies/. Should a policy ever need it, move it to policies/lib/ (which components/ may import)
 * rather than copy it.
 */
export function arnInRegion(arn: string, region: string): string {
    const parts = arn.split(":");
    return arn.startsWith("arn:") && parts.length >= 6 ? [...parts.slice(0, 3), region, ...parts.slice(4)].join(":") : arn;
}
