import { resolveCatalog } from "../../../components/catalog/validate";
import { validCatalog } from "../fixtures";
import { LAMBDA, LAMBDA_ROLE, withLambda } from "./fixtures";

/** Defaults (rules/resolve.ts): the catalog as the components use it. */

test("resolution: warning window defaults to 14 days; rotation fields pass through; a Lambda-rotated secret has one slot", () => {
    const config = validCatalog();
    config.secrets.STRIPE_API_KEY.lastRotated = "2026-12-01";
    config.secrets.JWT_SECRET_KEY.emergencyRotation = "incident-42";
    withLambda(config);
    config.secrets.SIGNING_KEY_FOR_LAMBDA = { kind: "hex", stores: ["aws"], awsRotation: { lambdaArn: LAMBDA, lambdaRoleArn: LAMBDA_ROLE, automaticallyAfterDays: 7 } };
    const catalog = resolveCatalog(config);
    expect(catalog.rotationWarningDays).toBe(14);
    expect(resolveCatalog({ ...config, rotationWarningDays: 3 }).rotationWarningDays).toBe(3);
    const byName = Object.fromEntries(catalog.secrets.map((s) => [s.name, s]));
    expect(byName.STRIPE_API_KEY.lastRotated).toBe("2026-12-01");
    expect(byName.JWT_SECRET_KEY).toMatchObject({ emergencyRotation: "incident-42", keepPrevious: true, rotationDays: 90 });
    expect(byName.DATABASE_PASSWORD.awsRotation).toEqual({ lambdaArn: LAMBDA, lambdaRoleArn: LAMBDA_ROLE, automaticallyAfterDays: 30 });
    // The name alone would default it to two slots; a Lambda keeps AWSPREVIOUS itself.
    expect(byName.SIGNING_KEY_FOR_LAMBDA.keepPrevious).toBe(false);
    expect(byName.DATABASE_PASSWORD).not.toHaveProperty("emergencyRotation");
});
