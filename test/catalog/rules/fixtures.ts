import { CatalogConfig } from "../../../components/catalog/model";
import { validateCatalog } from "../../../components/catalog/validate";
import { context, validCatalog } from "../fixtures";

/**
 * Helpers of the catalog rule tests (one test file per components/catalog/rules/ file, and
 * ../validate.test.ts for the entry point). The compliant catalog itself is ../fixtures.ts,
 * which tests outside test/catalog use too.
 */

export type Mutate = (c: any) => void;

/** [title, change to the compliant catalog, the one problem's propertyPath, its reason]. */
export type RuleCase = [string, Mutate, string, string];

/** The problems of the compliant catalog after one change. */
export function problemsAfter(mutate: Mutate, ctx = context()) {
    const config = validCatalog();
    mutate(config);
    return validateCatalog(config as CatalogConfig, ctx);
}

/** One test per case: the change gives exactly that one problem. */
export function eachRuleCase(cases: RuleCase[]): void {
    test.each(cases)("%s", (_title, mutate, propertyPath, reason) => {
        expect(problemsAfter(mutate)).toEqual([{ propertyPath, reason }]);
    });
}

export const LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:fake-postgres-rotation";
export const LAMBDA_ROLE = "arn:aws:iam::123456789012:role/service-role/fake-postgres-rotation";

/** DATABASE_PASSWORD handed to a rotation Lambda, valid as is. */
export function withLambda(c: any, rotation: Record<string, unknown> = { lambdaArn: LAMBDA, lambdaRoleArn: LAMBDA_ROLE, automaticallyAfterDays: 30 }): void {
    c.secrets.DATABASE_PASSWORD.stores = ["aws"];
    c.secrets.DATABASE_PASSWORD.awsRotation = rotation;
}
