import { arnInRegion } from "../../components/aws/arn";

/** components/aws/arn.ts: the same ARN in another region. */

test("a secret's ARN in a replica region keeps its name and suffix", () => {
    expect(arnInRegion("arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/auth/jwt-secret-key-AbCdEf", "us-west-2"))
        .toBe("arn:aws:secretsmanager:us-west-2:123456789012:secret:prod/auth/jwt-secret-key-AbCdEf");
});

test("a key ARN or an alias ARN gets the region; the partition, account and resource are kept", () => {
    expect(arnInRegion("arn:aws:kms:us-east-1:123456789012:key/mrk-0123456789abcdef0123456789abcdef", "eu-west-1"))
        .toBe("arn:aws:kms:eu-west-1:123456789012:key/mrk-0123456789abcdef0123456789abcdef");
    expect(arnInRegion("arn:aws:kms:us-east-1:123456789012:alias/fake-secrets", "eu-west-1")).toBe("arn:aws:kms:eu-west-1:123456789012:alias/fake-secrets");
    expect(arnInRegion("arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/mrk-0123", "us-gov-east-1")).toBe("arn:aws-us-gov:kms:us-gov-east-1:123456789012:key/mrk-0123");
});

test("a resource that holds \":\" itself is kept whole", () => {
    expect(arnInRegion("arn:aws:lambda:us-east-1:123456789012:function:fake-rotation:live", "us-west-2")).toBe("arn:aws:lambda:us-west-2:123456789012:function:fake-rotation:live");
});

test("a key id, an alias name or a string too short to be an ARN is returned unchanged", () => {
    for (const id of ["mrk-0123456789abcdef0123456789abcdef", "1234abcd-12ab-34cd-56ef-1234567890ab", "alias/fake-secrets", "arn:aws:kms:us-east-1:123456789012", ""]) {
        expect(arnInRegion(id, "us-west-2")).toBe(id);
    }
});
